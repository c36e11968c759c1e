// The analytics queries and the stats API over the Postgres read models of a known event history: every figure of
// /api/v1/stats, the daily series and the language pairs, and the active-users gauge.
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START } from '../../../actors/eventStore/types.js';
import { apiRoutes } from '../../../gateway/http/api/index.js';
import { createAnalyticsMetrics, createAnalyticsPool, createPostgresAnalytics, type AnalyticsQueries } from '../../../projections/analytics/queries/index.js';
import { createReadModelTarget } from '../../../projections/readModels/index.js';
import type pg from 'pg';
import { TEST_DATABASE_URL } from '../../support/postgres.js';
import { createProjectionDb, type ProjectionDb } from '../support/projectionDb.js';
import { append, event, later, logSettled, MINUTE, startedEvents, T0 } from '../redis/support/history.js';
import { ANN, appendPopulation, BOB, GUS, IDA, POPULATION_EVENTS } from '../redis/support/population.js';

const NOW = later(30 * MINUTE, T0); // 2026-03-02T10:30Z; the population started at 09:50 the same day
const OLD = '109'; // started 2026-02-20: neither active this week nor today
const WEEK = '110'; // started 2026-02-27: active this week, not today
const TOKEN = 'analytics-token-0123456789';

const tandemEvents = async (db: ProjectionDb): Promise<number> => {
  const at = (minutes: number): Date => later(minutes * MINUTE, T0);
  // Bob → Ann: accepted and started. Ida → Ann: declined. Gus → Ann: still pending.
  await append(db.store, BOB, [event('PartnerRequested', { requestId: 'tq-1', peer: ANN }, 'c1', at(1))]);
  await append(db.store, ANN, [
    event('PartnerRequestReceived', { requestId: 'tq-1', peer: BOB }, 'c1', at(1)),
    event('PartnerRequestAccepted', { requestId: 'tq-1' }, 'c2', at(2)),
  ]);
  await append(db.store, BOB, [event('TandemStarted', { requestId: 'tq-1', channel: 'contact' }, 'c3', at(3))]);
  await append(db.store, ANN, [event('TandemStarted', { requestId: 'tq-1', channel: 'contact' }, 'c3', at(3))]);
  await append(db.store, IDA, [event('PartnerRequested', { requestId: 'tq-2', peer: ANN }, 'c4', at(4))]);
  await append(db.store, ANN, [
    event('PartnerRequestReceived', { requestId: 'tq-2', peer: IDA }, 'c4', at(4)),
    event('PartnerRequestDeclined', { requestId: 'tq-2', reason: null }, 'c5', at(5)),
  ]);
  await append(db.store, IDA, [event('PartnerRequestDeclined', { requestId: 'tq-2', reason: null }, 'c5', at(5))]);
  await append(db.store, GUS, [event('PartnerRequested', { requestId: 'tq-3', peer: ANN }, 'c6', at(6))]);
  await append(db.store, ANN, [event('PartnerRequestReceived', { requestId: 'tq-3', peer: GUS }, 'c6', at(6))]);
  await append(db.store, OLD, startedEvents(OLD, 'old', new Date('2026-02-20T12:00:00Z')));
  await append(db.store, WEEK, startedEvents(WEEK, 'week', new Date('2026-02-27T12:00:00Z')));
  return 13;
};

describe('analytics over the read models', () => {
  let db: ProjectionDb;
  let analytics: AnalyticsQueries;
  let readPool: pg.Pool;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await createProjectionDb();
    await appendPopulation(db.store);
    const total = POPULATION_EVENTS + (await tandemEvents(db));
    await logSettled(db.store, total);
    const target = createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters });
    await target.prepare();
    const { events } = await db.store.readAll(START, 10_000);
    expect(events).toHaveLength(total);
    const first = await target.apply(events, await target.checkpoint(), 'halt');
    // Delivered twice: the fence drops what the checkpoint already covers.
    await target.apply(events, first.checkpoint, 'halt');
    // DATABASE_URL points nowhere: every figure below comes through the DATABASE_READ_URL pool.
    readPool = createAnalyticsPool({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', databaseReadUrl: TEST_DATABASE_URL });
    analytics = createPostgresAnalytics({ pool: readPool, schema: db.readModels });
    app = Fastify();
    await app.register(apiRoutes, { prefix: '/api/v1', tokens: [TOKEN], analytics, now: () => NOW });
  });
  afterAll(async () => {
    await app?.close();
    await readPool?.end();
    await db?.drop();
  });

  const get = async (url: string): Promise<unknown> => {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('answers /api/v1/stats with the figures of the history', async () => {
    expect(await get('/api/v1/stats')).toEqual({
      users_total: 9, // 8 started today, one forgotten; plus OLD and WEEK
      users_active_24h: 7,
      users_active_7d: 8,
      new_users_today: 8, // the forgotten user's start still counts for the day
      profiles_completed: 6, // Ann, Bob, Cat (paused), Eve (banned), Gus, Ida
      requests_today: 3,
      matches_today: 1,
      matches_total: 1,
      match_acceptance_rate: 0.5, // one started of two answered (Gus's is pending)
      top_language_pairs: [
        { learning_language: 'en', native_language: 'ru', demand: 2, supply: 1 },
        { learning_language: 'ru', native_language: 'en', demand: 1, supply: 2 },
        { learning_language: 'en', native_language: 'es', demand: 1, supply: 0 },
        { learning_language: 'es', native_language: 'en', demand: 0, supply: 1 },
      ],
      generated_at: NOW.toISOString(),
    });
  });

  it('answers the daily series and the language pairs', async () => {
    expect(await get('/api/v1/stats/daily?from=2026-02-26&to=2026-03-02')).toEqual({
      from: '2026-02-26',
      to: '2026-03-02',
      days: [
        { day: '2026-02-26', new_users: 0, completed_profiles: 0, requests: 0, matches: 0, active_users: 0 },
        { day: '2026-02-27', new_users: 1, completed_profiles: 0, requests: 0, matches: 0, active_users: 1 },
        { day: '2026-02-28', new_users: 0, completed_profiles: 0, requests: 0, matches: 0, active_users: 0 },
        { day: '2026-03-01', new_users: 0, completed_profiles: 0, requests: 0, matches: 0, active_users: 0 },
        { day: '2026-03-02', new_users: 8, completed_profiles: 7, requests: 3, matches: 1, active_users: 8 },
      ],
    });
    expect(((await get('/api/v1/language-pairs')) as { pairs: unknown[] }).pairs).toHaveLength(4);
  });

  it('reads through a read-only pool', async () => {
    await expect(readPool.query(`delete from ${db.readModels}.users`)).rejects.toThrow(/read-only/);
  });

  it('exposes the active users of the last 24 hours as a gauge', async () => {
    const registry = new Registry();
    createAnalyticsMetrics(registry, analytics, () => NOW);
    expect(await registry.metrics()).toContain('lexbot_active_users_total 7');
  });
});
