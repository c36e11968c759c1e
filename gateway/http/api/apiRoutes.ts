// The analytics API under /api/v1 (register with that prefix): bearer-token auth for every route of this plugin,
// then the routes, which only call the analytics queries port (projections/analytics/queries) and rename fields for
// the wire. Encapsulated: the auth hook applies to these routes only, never to probes or the webhook.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { MAX_DAILY_RANGE_DAYS, type AnalyticsQueries, type LanguagePairFigures } from '../../../projections/analytics/queries/index.js';
import { bearerChecker } from './bearerAuth.js';
import { dailyQuerySchema, dailyResponseSchema, errorSchema, languagePairsResponseSchema, statsResponseSchema } from './schemas.js';

export interface ApiRoutesOptions {
  /** API_TOKENS; with none configured every request is refused. */
  readonly tokens: readonly string[];
  readonly analytics: AnalyticsQueries;
  readonly now?: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const REALM = 'lexbot-api';

const pairOut = (pair: LanguagePairFigures) => ({
  learning_language: pair.learningLanguage,
  native_language: pair.nativeLanguage,
  demand: pair.demand,
  supply: pair.supply,
});

/** Epoch ms of a real calendar day (2026-02-30 is not one), or null. */
const dayStart = (day: string): number | null => {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day ? t : null;
};

const badRequest = (reply: FastifyReply, message: string): FastifyReply => reply.code(400).send({ statusCode: 400, error: 'Bad Request', message });

const responses = (ok: object) => ({ 200: ok, 400: errorSchema, 401: errorSchema, 503: errorSchema });

export const apiRoutes = async (app: FastifyInstance, options: ApiRoutesOptions): Promise<void> => {
  const check = bearerChecker(options.tokens);
  const now = options.now ?? (() => new Date());

  app.addHook('onRequest', async (request, reply) => {
    const result = check(request.headers.authorization);
    if (result === 'ok') return;
    // RFC 6750: a challenge always; error="invalid_token" only when a token was presented.
    const challenge = result === 'missing' ? `Bearer realm="${REALM}"` : `Bearer realm="${REALM}", error="invalid_token"`;
    return reply
      .code(401)
      .header('www-authenticate', challenge)
      .send({ statusCode: 401, error: 'Unauthorized', message: result === 'missing' ? 'a bearer token is required' : 'the bearer token is not valid' });
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  // Validation errors (4xx) keep fastify's answer; anything else is logged here and answered without internals
  // (a query's error text names schemas and tables). 503: the read models are what failed, worth a retry.
  app.setErrorHandler(async (error: { statusCode?: number; message: string }, request, reply) => {
    if (error.statusCode !== undefined && error.statusCode < 500) return reply.code(error.statusCode).send(error);
    request.log.error({ err: error }, 'analytics query failed');
    return reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: 'analytics are unavailable, try again later' });
  });

  app.get('/stats', { schema: { response: responses(statsResponseSchema) } }, async () => {
    const at = now();
    const stats = await options.analytics.stats(at);
    return {
      users_total: stats.usersTotal,
      users_active_24h: stats.usersActive24h,
      users_active_7d: stats.usersActive7d,
      new_users_today: stats.newUsersToday,
      profiles_completed: stats.profilesCompleted,
      requests_today: stats.requestsToday,
      matches_today: stats.matchesToday,
      matches_total: stats.matchesTotal,
      match_acceptance_rate: stats.matchAcceptanceRate,
      top_language_pairs: stats.topLanguagePairs.map(pairOut),
      generated_at: at.toISOString(),
    };
  });

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/stats/daily',
    { schema: { querystring: dailyQuerySchema, response: responses(dailyResponseSchema) } },
    async (request, reply) => {
      const to = request.query.to ?? now().toISOString().slice(0, 10);
      const toMs = dayStart(to);
      if (toMs === null) return badRequest(reply, `to is not a calendar day: ${to}`);
      const from = request.query.from ?? new Date(toMs - 29 * DAY_MS).toISOString().slice(0, 10);
      const fromMs = dayStart(from);
      if (fromMs === null) return badRequest(reply, `from is not a calendar day: ${from}`);
      if (fromMs > toMs) return badRequest(reply, 'from must not be after to');
      if ((toMs - fromMs) / DAY_MS + 1 > MAX_DAILY_RANGE_DAYS) return badRequest(reply, `at most ${MAX_DAILY_RANGE_DAYS} days at once`);
      const days = await options.analytics.daily(from, to);
      return {
        from,
        to,
        days: days.map((d) => ({
          day: d.day,
          new_users: d.newUsers,
          completed_profiles: d.completedProfiles,
          requests: d.requests,
          matches: d.matches,
          active_users: d.activeUsers,
        })),
      };
    },
  );

  app.get('/language-pairs', { schema: { response: responses(languagePairsResponseSchema) } }, async () => ({
    pairs: (await options.analytics.languagePairs()).map(pairOut),
  }));
};
