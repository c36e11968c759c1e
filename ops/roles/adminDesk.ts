// The admin commands' read side (AdminDesk) and the guard's counter: the analytics figures and the moderation
// queries over the read models, on the analytics pool (DATABASE_READ_URL, else DATABASE_URL). Without a read-model
// database the in-memory twin answers with nothing.
import { Counter } from 'prom-client';
import { createMemoryAdminDesk, type AdminDesk, type SafetyMetrics } from '../../actors/userActor/ports/index.js';
import { createAnalyticsPool, createPostgresAnalytics, createPostgresModerationQueries } from '../../projections/analytics/index.js';
import type { Infrastructure } from './infrastructure.js';

export const openAdminDesk = (infra: Infrastructure): AdminDesk => {
  const { config } = infra;
  if (config.databaseUrl === undefined && config.databaseReadUrl === undefined) return createMemoryAdminDesk();
  const pool = createAnalyticsPool(config, { max: 2 });
  pool.on('error', (error) => infra.logger.warn({ err: error }, 'idle admin-desk connection failed'));
  infra.onClose(() => pool.end());
  const analytics = createPostgresAnalytics({ pool });
  const moderation = createPostgresModerationQueries({ pool });
  return {
    stats: (now) => analytics.stats(now),
    feedback: (index) => moderation.feedback(index),
    reports: (index) => moderation.reports(index),
  };
};

export const createSafetyMetrics = (infra: Infrastructure): SafetyMetrics => {
  const counter = new Counter({
    name: 'lexbot_rate_limited_updates_total',
    help: 'Updates over the per-user rate limit: answered with one notice, or dropped silently within its window',
    labelNames: ['outcome'] as const,
    registers: [infra.metrics.registry],
  });
  return { rateLimited: (outcome) => counter.inc({ outcome }) };
};
