// The composition root of `lexbot start`: opens what the chosen roles share, starts each role, serves HTTP (probes
// and metrics always, the webhook with the gateway role, the sandbox without a bot token), and stops it all in order.
import type { DestinationStream, Logger } from 'pino';
import { buildGatewayApp, createReadiness, sandboxRoutes, type WebhookAuth } from '../../gateway/index.js';
import type { Config } from '../config/config.js';
import { createLogger, createMetrics } from '../telemetry/index.js';
import { startActorsRole } from './actorsRole.js';
import { openAnalytics } from './analytics.js';
import { startDispatcherRole, type DispatcherRoleTuning } from './dispatcherRole.js';
import { startProjectorRole } from './projectorRole.js';
import { startGatewayRole } from './gatewayRole.js';
import { openInfrastructure } from './infrastructure.js';
import type { Role } from './roles.js';
import type { TokenBucketPolicy } from '../../domain/rateLimit/index.js';
import { openTelegramEndpoint } from './telegramEndpoint.js';

export interface RunningRoles {
  /** http://host:port the server listens on. */
  readonly url: string;
  readonly logger: Logger;
  /** Graceful shutdown; safe to call twice. */
  stop(): Promise<void>;
}

/** Knobs for benchmarks and tests, not part of the operator's contract: `lexbot start` never sets them. */
export interface StartTuning extends DispatcherRoleTuning {
  /**
   * The actors' per-user rate limit; default the product's (20 messages a minute, bursts of 5). End-to-end tests
   * that do not test the limit loosen it, so their scripted users are not paced like flooders.
   */
  readonly userRateLimit?: TokenBucketPolicy;
  /**
   * The event-loop delay (ms) above which the actors take no new mailbox message until it recovers, and their
   * in-flight limit shrinks (actors/worker/intakeGate.ts), so a gateway in the same process acks first. Off by
   * default (Infinity): on the shared 2-core machine a 10 ms bound starved the actors (the lag there is mostly other
   * processes' CPU, not this loop's work) without lowering the ack tail; `bench:pipeline --intake-max-loop-delay`
   * compares settings.
   */
  readonly actorIntakeMaxLoopDelayMs?: number;
}

export interface StartOptions {
  readonly roles: readonly Role[];
  readonly config: Config;
  /** Tests pass a stream to read log lines; default stdout. */
  readonly logDestination?: DestinationStream;
  /** Single-node data folder; default ./data. */
  readonly dataDir?: string;
  /** Knobs for benchmarks and tests, not part of the operator's contract. */
  readonly tuning?: StartTuning;
}

const webhookAuthOf = (config: Config): WebhookAuth =>
  config.telegram.webhookSecret !== undefined
    ? { kind: 'secret', secret: config.telegram.webhookSecret }
    : config.telegram.botToken === undefined
      ? { kind: 'open' }
      : { kind: 'closed' };

export const startRoles = async ({ roles, config: given, logDestination, dataDir, tuning }: StartOptions): Promise<RunningRoles> => {
  const logger = createLogger({ level: given.logLevel, roles, ...(logDestination === undefined ? {} : { destination: logDestination }) });
  const metrics = createMetrics();
  const readiness = createReadiness();
  const infra = await openInfrastructure({ config: given, logger, metrics, readiness, ...(dataDir === undefined ? {} : { dataDir }) });
  try {
    const { config } = infra;
    const telegram = await openTelegramEndpoint(infra);
    const runsGateway = roles.includes('gateway');
    const analytics = runsGateway ? await openAnalytics(infra) : undefined;
    const { app, ingest } = buildGatewayApp({
      webhookAuth: webhookAuthOf(config),
      ...(runsGateway ? { mailbox: await infra.mailbox() } : {}),
      ...(analytics ? { api: analytics } : {}),
      readiness,
      metrics,
      logger,
    });
    if (telegram.emulator) await app.register(sandboxRoutes, { emulator: telegram.emulator });
    if (roles.includes('actors')) {
      await startActorsRole(infra, telegram, {
        ...(tuning?.clock === undefined ? {} : { clock: tuning.clock }),
        ...(tuning?.userRateLimit === undefined ? {} : { userRateLimit: tuning.userRateLimit }),
        ...(tuning?.actorIntakeMaxLoopDelayMs === undefined ? {} : { intakeMaxLoopDelayMs: tuning.actorIntakeMaxLoopDelayMs }),
      });
    }
    if (roles.includes('dispatcher')) await startDispatcherRole(infra, telegram, tuning);
    if (roles.includes('projector')) await startProjectorRole(infra);
    const url = await app.listen({ host: config.http.host, port: config.http.port });
    if (runsGateway && ingest) await startGatewayRole(infra, telegram, ingest);
    logger.info({ url, roles, partitions: config.partitions, singleNode: config.singleNode }, 'lexbot started');

    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        readiness.markShuttingDown();
        await app.close();
        await infra.close();
        logger.info('lexbot stopped');
      })();
      return stopping;
    };
    return { url, logger, stop };
  } catch (error) {
    await infra.close();
    throw error;
  }
};
