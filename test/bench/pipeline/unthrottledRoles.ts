// startRoles (ops/roles/startRoles.ts) with one difference: the dispatcher's Bot API client has no throttler.
// As shipped, the dispatcher keeps Telegram's limits — 30 messages/s over all chats — so at 100 or 500 updates/s
// the replies queue behind that limit and update → reply measures the limit, not the pipeline. This composition
// is the same wiring (same infrastructure, gateway app, actors and gateway roles, the dispatcher role's parts),
// built here because startRoles has no switch for the throttle; keep it in step with startRoles and dispatcherRole.
import { createPostgresTimerStore } from '../../../actors/timers/index.js';
import {
  createDispatcherMetrics,
  createDispatcherRole,
  createPostgresDispatcherState,
  createPostgresLease,
  createTelegramCaller,
} from '../../../gateway/dispatcher/index.js';
import { buildGatewayApp, createReadiness } from '../../../gateway/index.js';
import type { Config } from '../../../ops/config/config.js';
import { startActorsRole } from '../../../ops/roles/actorsRole.js';
import { startGatewayRole } from '../../../ops/roles/gatewayRole.js';
import { openInfrastructure, type Infrastructure } from '../../../ops/roles/infrastructure.js';
import { openTelegramEndpoint, type TelegramEndpoint } from '../../../ops/roles/telegramEndpoint.js';
import type { RunningRoles } from '../../../ops/roles/startRoles.js';
import { createLogger, createMetrics } from '../../../ops/telemetry/index.js';

export type PipelineRole = 'gateway' | 'actors' | 'dispatcher';

/** The dispatcher role of ops/roles/dispatcherRole.ts, its Telegram caller without throttle. */
const startUnthrottledDispatcher = async (infra: Infrastructure, telegram: TelegramEndpoint): Promise<void> => {
  const { config, logger, metrics, readiness } = infra;
  if (config.databaseUrl === undefined) throw new Error('the dispatcher needs DATABASE_URL');
  const [store, mailbox, pool] = await Promise.all([infra.eventStore(), infra.mailbox(), infra.database()]);
  const dispatcher = createDispatcherRole({
    store,
    mailbox,
    telegram: createTelegramCaller({ token: telegram.token, apiRoot: telegram.apiRoot, throttle: false }),
    state: createPostgresDispatcherState({ pool }),
    timers: createPostgresTimerStore({ pool }),
    lease: createPostgresLease({ connectionString: config.databaseUrl, onError: (error) => logger.warn({ err: error }, 'dispatcher lease check failed') }),
    logger,
    metrics: createDispatcherMetrics({ registry: metrics.registry, dispatchSeconds: metrics.dispatchSeconds, dispatchResends: metrics.dispatchResends }),
  });
  dispatcher.start();
  readiness.register('dispatcher', async () => (dispatcher.active() ? 'active' : 'standby'));
  infra.onClose(() => dispatcher.stop());
};

export const startUnthrottledRoles = async (config: Config, roles: readonly PipelineRole[] = ['gateway', 'actors', 'dispatcher']): Promise<RunningRoles> => {
  const logger = createLogger({ level: config.logLevel, roles });
  const metrics = createMetrics();
  const readiness = createReadiness();
  const infra = await openInfrastructure({ config, logger, metrics, readiness });
  try {
    const telegram = await openTelegramEndpoint(infra);
    const runsGateway = roles.includes('gateway');
    const { app, ingest } = buildGatewayApp({
      webhookAuth: config.telegram.webhookSecret === undefined ? { kind: 'closed' } : { kind: 'secret', secret: config.telegram.webhookSecret },
      ...(runsGateway ? { mailbox: await infra.mailbox() } : {}),
      readiness,
      metrics,
      logger,
    });
    if (roles.includes('actors')) await startActorsRole(infra, telegram);
    if (roles.includes('dispatcher')) await startUnthrottledDispatcher(infra, telegram);
    const url = await app.listen({ host: config.http.host, port: config.http.port });
    if (runsGateway && ingest) await startGatewayRole(infra, telegram, ingest);
    return {
      url,
      logger,
      async stop() {
        readiness.markShuttingDown();
        await app.close();
        await infra.close();
      },
    };
  } catch (error) {
    await infra.close();
    throw error;
  }
};
