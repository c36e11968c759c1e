// `lexbot start --roles gateway[,actors,projector,dispatcher]`: the composition root of the long-running roles.
// Today only the gateway exists; asking for a role that is not built yet is refused with one clear line rather than
// silently ignored. Shutdown on SIGINT/SIGTERM: /ready turns 503, polling stops, the HTTP server stops accepting and
// drains in-flight requests, then the mailbox and the NATS connection are drained and closed.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Command } from 'commander';
import { Api } from 'grammy';
import type { DestinationStream, Logger } from 'pino';
import { createInProcessMailbox, createNatsMailbox, type Mailbox } from '../../../actors/mailbox/index.js';
import { buildGatewayApp, createReadiness, registerWebhook, startLongPolling, type LongPolling } from '../../../gateway/index.js';
import { loadConfig, type Config } from '../../config/config.js';
import { createLogger, createMetrics } from '../../telemetry/index.js';

export const ROLES = ['gateway', 'actors', 'projector', 'dispatcher'] as const;
export type Role = (typeof ROLES)[number];
const AVAILABLE: ReadonlySet<Role> = new Set(['gateway']);

export class StartError extends Error {
  override name = 'StartError';
}

export const parseRoles = (text: string): Role[] => {
  const names = [...new Set(text.split(',').map((name) => name.trim()).filter((name) => name.length > 0))];
  if (names.length === 0) throw new StartError(`--roles needs at least one of ${ROLES.join(', ')}`);
  const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new StartError(`unknown role${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} (roles: ${ROLES.join(', ')})`);
  const roles = names as Role[];
  const missing = roles.filter((role) => !AVAILABLE.has(role));
  if (missing.length > 0) {
    throw new StartError(`role${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not available yet in this build; run with --roles ${[...AVAILABLE].join(',')}`);
  }
  return roles;
};

export interface RunningRoles {
  /** http://host:port the server listens on. */
  readonly url: string;
  readonly logger: Logger;
  /** Graceful shutdown; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly roles: readonly Role[];
  readonly config: Config;
  /** Tests pass a stream to read log lines; default stdout. */
  readonly logDestination?: DestinationStream;
}

const connectNats = async (config: Config): Promise<NatsConnection> => {
  try {
    // Reconnect forever once connected: while NATS is away the webhook answers 503 and /ready reports it.
    return await connect({ servers: [...config.natsServers], name: `lexbot-${process.pid}`, maxReconnectAttempts: -1, reconnectTimeWait: 1000 });
  } catch (error) {
    throw new StartError(`cannot reach NATS at ${config.natsServers.join(',')}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

const startTelegram = async (config: Config, deps: { logger: Logger; ingest: Parameters<typeof startLongPolling>[0]['ingest']; metrics: Parameters<typeof startLongPolling>[0]['metrics'] }): Promise<LongPolling | undefined> => {
  const { botToken, apiRoot, mode, publicUrl, webhookSecret } = config.telegram;
  if (botToken === undefined) {
    deps.logger.warn('TELEGRAM_BOT_TOKEN is not set: not talking to Telegram (the local sandbox is not part of this build yet)');
    return undefined;
  }
  const api = new Api(botToken, { apiRoot });
  if (mode === 'polling') return startLongPolling({ api, ingest: deps.ingest, metrics: deps.metrics, logger: deps.logger });
  if (publicUrl === undefined || webhookSecret === undefined) {
    deps.logger.info('webhook mode without PUBLIC_URL: the webhook is expected to be registered already');
    return undefined;
  }
  try {
    const url = await registerWebhook(api, { publicUrl, secret: webhookSecret });
    deps.logger.info({ url }, 'webhook registered with Telegram');
  } catch (error) {
    // Keep serving: a webhook registered earlier still delivers, and an operator sees this line and /ready.
    deps.logger.error({ err: error }, 'registering the webhook with Telegram failed');
  }
  return undefined;
};

export const startRoles = async ({ roles, config, logDestination }: StartOptions): Promise<RunningRoles> => {
  const logger = createLogger({ level: config.logLevel, roles, ...(logDestination === undefined ? {} : { destination: logDestination }) });
  const metrics = createMetrics();
  const readiness = createReadiness();
  const closers: (() => Promise<void>)[] = [];

  let mailbox: Mailbox;
  if (config.natsServers.length > 0) {
    const connection = await connectNats(config);
    closers.push(async () => {
      await connection.drain().catch(() => connection.close());
    });
    mailbox = await createNatsMailbox({ connection, prefix: config.natsPrefix, partitions: config.partitions });
  } else {
    logger.warn('NATS_URL is not set: in-process mailbox (single node; accepted updates live only in this process)');
    mailbox = createInProcessMailbox({ partitions: config.partitions });
  }
  closers.push(() => mailbox.close());

  const { app, ingest } = buildGatewayApp({ config, mailbox, readiness, metrics, logger });
  if (config.telegram.webhookSecret === undefined) logger.warn('TELEGRAM_WEBHOOK_SECRET is not set: POST /webhook/telegram is disabled');
  const url = await app.listen({ host: config.http.host, port: config.http.port });
  logger.info({ url, partitions: config.partitions, mode: config.telegram.mode, mailbox: config.natsServers.length > 0 ? 'nats' : 'in-process' }, 'lexbot started');
  const polling = await startTelegram(config, { logger, ingest, metrics });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      readiness.markShuttingDown();
      await polling?.stop();
      await app.close();
      for (const close of closers.reverse()) await close();
      logger.info('lexbot stopped');
    })();
    return stopping;
  };
  return { url, logger, stop };
};

export interface StartCommandDeps {
  readonly env: () => Readonly<Record<string, string | undefined>>;
  readonly onSignal: (signal: NodeJS.Signals, handler: () => void) => void;
}

const defaultDeps: StartCommandDeps = { env: () => process.env, onSignal: (signal, handler) => process.on(signal, handler) };

export const registerStartCommand = (program: Command, deps: StartCommandDeps = defaultDeps): void => {
  program
    .command('start')
    .description(
      'run lexbot roles in this process until SIGINT/SIGTERM. gateway: POST /webhook/telegram (or long polling with ' +
        'TELEGRAM_MODE=polling) into the mailbox (NATS JetStream with NATS_URL, in-process otherwise), /health, /ready, /metrics ' +
        'on HTTP_HOST:HTTP_PORT. actors, projector, dispatcher: not available yet.',
    )
    .option('--roles <roles>', `comma-separated roles to run: ${ROLES.join(', ')}`, ROLES.join(','))
    .action(async (flags: { roles: string }) => {
      const roles = parseRoles(flags.roles);
      const config = loadConfig(deps.env());
      const running = await startRoles({ roles, config });
      await new Promise<void>((resolve) => {
        let signalled = false;
        const onSignal = (signal: NodeJS.Signals) => (): void => {
          if (signalled) {
            running.logger.warn({ signal }, 'second signal: exiting without draining');
            process.exit(1);
          }
          signalled = true;
          running.logger.info({ signal }, 'shutting down: draining in-flight requests');
          void running.stop().then(resolve, (error: unknown) => {
            running.logger.error({ err: error }, 'shutdown failed');
            process.exitCode = 1;
            resolve();
          });
        };
        deps.onSignal('SIGINT', onSignal('SIGINT'));
        deps.onSignal('SIGTERM', onSignal('SIGTERM'));
      });
    });
};
