// The analytics API over the in-memory twin of the queries: bearer auth (missing, wrong, wrong scheme), the wire
// shape of each route, and validation of the daily range.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../gateway/http/api/index.js';
import { createMemoryAnalytics, type StatsFigures } from '../../../projections/analytics/queries/index.js';

const TOKENS = ['token-aaaaaaaaaaaaaaaa', 'token-bbbbbbbbbbbbbbbb'];
const NOW = new Date('2026-03-02T10:00:00.000Z');
const STATS: StatsFigures = {
  usersTotal: 7,
  usersActive24h: 5,
  usersActive7d: 6,
  newUsersToday: 2,
  profilesCompleted: 4,
  requestsToday: 3,
  matchesToday: 1,
  matchesTotal: 2,
  matchAcceptanceRate: 0.5,
  topLanguagePairs: [{ learningLanguage: 'en', nativeLanguage: 'ru', demand: 3, supply: 1 }],
};

const build = async (tokens: readonly string[] = TOKENS): Promise<FastifyInstance> => {
  const app = Fastify();
  const analytics = createMemoryAnalytics({
    stats: STATS,
    daily: [{ day: '2026-03-01', newUsers: 4, completedProfiles: 2, requests: 1, matches: 1, activeUsers: 5 }],
    languagePairs: STATS.topLanguagePairs,
  });
  await app.register(apiRoutes, { prefix: '/api/v1', tokens, analytics, now: () => NOW });
  await app.ready();
  return app;
};

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('analytics API', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await build();
  });
  afterEach(() => app.close());

  it.each([
    ['no header', {}, 'Bearer realm="lexbot-api"'],
    ['an empty header', { authorization: '' }, 'Bearer realm="lexbot-api"'],
    ['a wrong token', bearer('token-cccccccccccccccc'), 'Bearer realm="lexbot-api", error="invalid_token"'],
    ['a prefix of a valid token', bearer('token-aaaaaaaa'), 'Bearer realm="lexbot-api", error="invalid_token"'],
    ['the Basic scheme', { authorization: `Basic ${Buffer.from(`x:${TOKENS[0]}`).toString('base64')}` }, 'Bearer realm="lexbot-api", error="invalid_token"'],
    ['a valid token without a scheme', { authorization: TOKENS[0] ?? '' }, 'Bearer realm="lexbot-api", error="invalid_token"'],
  ])('refuses %s with 401 and a challenge', async (_name, headers, challenge) => {
    for (const url of ['/api/v1/stats', '/api/v1/stats/daily?from=2026-03-01&to=2026-03-02', '/api/v1/language-pairs', '/api/v1/stats/daily?from=bad']) {
      const response = await app.inject({ method: 'GET', url, headers });
      expect(response.statusCode, url).toBe(401);
      expect(response.headers['www-authenticate']).toBe(challenge);
      expect(response.body).not.toContain('users_total');
    }
  });

  it('refuses everything when no token is configured', async () => {
    const closed = await build([]);
    const response = await closed.inject({ method: 'GET', url: '/api/v1/stats', headers: bearer('') });
    expect(response.statusCode).toBe(401);
    await closed.close();
  });

  it('serves the stats with either configured token, scheme in any case', async () => {
    for (const authorization of [`Bearer ${TOKENS[0]}`, `bearer ${TOKENS[1]}`]) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/stats', headers: { authorization } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json()).toEqual({
        users_total: 7,
        users_active_24h: 5,
        users_active_7d: 6,
        new_users_today: 2,
        profiles_completed: 4,
        requests_today: 3,
        matches_today: 1,
        matches_total: 2,
        match_acceptance_rate: 0.5,
        top_language_pairs: [{ learning_language: 'en', native_language: 'ru', demand: 3, supply: 1 }],
        generated_at: NOW.toISOString(),
      });
    }
  });

  it('serves every day of a range, days without data as zeros, and the last 30 days by default', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/stats/daily?from=2026-02-28&to=2026-03-01', headers: bearer(TOKENS[0] ?? '') });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      from: '2026-02-28',
      to: '2026-03-01',
      days: [
        { day: '2026-02-28', new_users: 0, completed_profiles: 0, requests: 0, matches: 0, active_users: 0 },
        { day: '2026-03-01', new_users: 4, completed_profiles: 2, requests: 1, matches: 1, active_users: 5 },
      ],
    });
    const recent = (await app.inject({ method: 'GET', url: '/api/v1/stats/daily', headers: bearer(TOKENS[0] ?? '') })).json();
    expect(recent).toMatchObject({ from: '2026-02-01', to: '2026-03-02' });
    expect(recent.days).toHaveLength(30);
  });

  it.each([
    ['from=2026-3-1&to=2026-03-02', 'querystring/from'],
    ['from=2026-02-30&to=2026-03-02', 'not a calendar day'],
    ['from=2026-03-02&to=2026-03-01', 'must not be after'],
    ['from=2024-01-01&to=2026-03-01', 'at most 366 days'],
    ['to=yesterday', 'querystring/to'],
  ])('answers 400 to %s', async (query, message) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/stats/daily?${query}`, headers: bearer(TOKENS[0] ?? '') });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(message);
  });

  it('answers 503 without internals when a query fails', async () => {
    const failing = Fastify({ logger: false });
    const analytics = createMemoryAnalytics({ stats: STATS });
    await failing.register(apiRoutes, {
      prefix: '/api/v1',
      tokens: TOKENS,
      analytics: { ...analytics, stats: async () => Promise.reject(new Error('relation "read_models.users" does not exist')) },
    });
    const response = await failing.inject({ method: 'GET', url: '/api/v1/stats', headers: bearer(TOKENS[0] ?? '') });
    expect(response.statusCode).toBe(503);
    expect(response.body).not.toContain('read_models');
    await failing.close();
  });

  it('serves the language pairs', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/language-pairs', headers: bearer(TOKENS[1] ?? '') });
    expect(response.json()).toEqual({ pairs: [{ learning_language: 'en', native_language: 'ru', demand: 3, supply: 1 }] });
  });
});
