// The projector role: one runner per projection — the Postgres read models, and the Redis caches when Redis is
// configured — each active in one process at a time (a lease row; standbys take over when it expires), with its
// lag on /metrics and /ready.
import type { ProjectionRunner } from '../../projections/runner/index.js';
import { createDeadLetterStore, createLease, createProjectionRunner, registerProjectionMetrics } from '../../projections/runner/index.js';
import { createPartnerAlertTarget, PARTNER_ALERTS_PROJECTION } from '../../projections/directory/index.js';
import { createReadModelTarget } from '../../projections/readModels/index.js';
import { createGenerationalCache, createRedisClient } from '../../projections/redis/index.js';
import type { Infrastructure } from './infrastructure.js';
import { StartError } from './roles.js';

export const startProjectorRole = async (infra: Infrastructure): Promise<void> => {
  const { config, logger, metrics, readiness } = infra;
  if (config.databaseUrl === undefined) throw new StartError('the projector role needs DATABASE_URL (the read models live there)');
  const [store, pool] = await Promise.all([infra.eventStore(), infra.database()]);
  const deadLetters = createDeadLetterStore();
  const runnerFor = (target: Parameters<typeof createProjectionRunner>[0]['target']): ProjectionRunner =>
    createProjectionRunner({
      store,
      target,
      pool,
      deadLetters,
      lease: createLease({ pool, projection: target.name, owner: infra.instanceId }),
      onError: (error) => logger.warn({ err: error, projection: target.name }, 'projection error'),
    });

  const runners = [runnerFor(createReadModelTarget({ pool, deadLetters }))];
  // "Notify me" (issue #6): offers newcomers to waiting users' actors through their mailboxes; a malformed event
  // is the read models' to dead-letter, so this one skips it rather than stop every alert.
  const mailbox = await infra.mailbox();
  runners.push(
    createProjectionRunner({
      store,
      target: createPartnerAlertTarget({ pool, store, mailbox }),
      pool,
      deadLetters,
      failureMode: 'skip',
      lease: createLease({ pool, projection: PARTNER_ALERTS_PROJECTION, owner: infra.instanceId }),
      onError: (error) => logger.warn({ err: error, projection: PARTNER_ALERTS_PROJECTION }, 'projection error'),
    }),
  );
  if (config.redis !== undefined) {
    const redis = createRedisClient(config.redis);
    infra.onClose(async () => {
      redis.disconnect();
    });
    // Writes always go to the live generation, so `lexbot ops replay` can rebuild beside it and swap.
    runners.push(runnerFor(createGenerationalCache({ redis, prefix: config.natsPrefix, store }).target));
  }
  registerProjectionMetrics(metrics.registry, runners);
  for (const runner of runners) runner.start();
  readiness.register('projections', async () =>
    runners.map((runner) => {
      const status = runner.status();
      return `${status.projection}: ${status.role}, lag ${status.lagEvents} events / ${status.lagSeconds.toFixed(1)} s`;
    }).join('; '),
  );
  infra.onClose(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
  });
};
