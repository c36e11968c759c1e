// The gateway's fastify app, built apart from listen() so tests use inject(). The webhook route exists only when a
// secret is configured: without one nobody could tell Telegram's posts from anyone else's.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Mailbox } from '../../actors/mailbox/index.js';
import type { IngestMetrics, MetricsExposition } from '../ingest/ingestMetrics.js';
import { createIngest, type Ingest } from '../ingest/ingestUpdate.js';
import { probeRoutes } from './probeRoutes.js';
import type { Readiness } from './readiness.js';
import { webhookRoute } from './webhookRoute.js';

export interface GatewayAppOptions {
  /** The slice of the application config the gateway reads (ops' Config fits as is). */
  readonly config: { readonly telegram: { readonly webhookSecret: string | undefined } };
  readonly mailbox: Mailbox;
  readonly readiness: Readiness;
  readonly metrics: IngestMetrics & { readonly exposition: MetricsExposition };
  readonly logger: Logger;
}

export interface GatewayApp {
  readonly app: FastifyInstance;
  /** The same ingest path the webhook uses, for the long-polling loop. */
  readonly ingest: Ingest;
}

export const buildGatewayApp = ({ config, mailbox, readiness, metrics, logger }: GatewayAppOptions): GatewayApp => {
  // Per-request access lines would dominate the logs at hundreds of updates a second; the ingest path logs instead.
  const app = Fastify({ loggerInstance: logger, logController: new LogController({ disableRequestLogging: true }), return503OnClosing: true });
  const ingest = createIngest({ mailbox, metrics, logger });
  readiness.register('mailbox', () => mailbox.probe());
  void app.register(probeRoutes, { readiness, exposition: metrics.exposition });
  const secret = config.telegram.webhookSecret;
  if (secret !== undefined) void app.register(webhookRoute, { secret, ingest, metrics });
  return { app: app as unknown as FastifyInstance, ingest };
};
