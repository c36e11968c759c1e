// The process's fastify app, built apart from listen() so tests use inject(): probes and metrics always; the webhook
// when this process runs the gateway role (it has a mailbox to publish to).
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Mailbox } from '../../actors/mailbox/index.js';
import type { IngestMetrics, MetricsExposition } from '../ingest/ingestMetrics.js';
import { createIngest, type Ingest } from '../ingest/ingestUpdate.js';
import { apiRoutes, type ApiRoutesOptions } from './api/index.js';
import { probeRoutes } from './probeRoutes.js';
import type { Readiness } from './readiness.js';
import { webhookRoute, type WebhookAuth } from './webhookRoute.js';

export interface GatewayAppOptions {
  /** Who may post updates; see WebhookAuth. */
  readonly webhookAuth: WebhookAuth;
  /** Absent: no gateway role in this process, so no webhook route (probes and metrics only). */
  readonly mailbox?: Mailbox;
  readonly readiness: Readiness;
  readonly metrics: IngestMetrics & { readonly exposition: MetricsExposition };
  readonly logger: Logger;
  /** The analytics API (/api/v1/*, bearer tokens); absent: not served by this process. */
  readonly api?: ApiRoutesOptions;
}

export interface GatewayApp {
  readonly app: FastifyInstance;
  /** The same ingest path the webhook uses, for the long-polling loop; absent without a mailbox. */
  readonly ingest: Ingest | undefined;
}

export const buildGatewayApp = ({ webhookAuth, mailbox, readiness, metrics, logger, api }: GatewayAppOptions): GatewayApp => {
  // Per-request access lines would dominate the logs at hundreds of updates a second; the ingest path logs instead.
  const app = Fastify({ loggerInstance: logger, logController: new LogController({ disableRequestLogging: true }), return503OnClosing: true });
  void app.register(probeRoutes, { readiness, exposition: metrics.exposition });
  if (api !== undefined) void app.register(apiRoutes, { prefix: '/api/v1', ...api });
  if (mailbox === undefined) return { app: app as unknown as FastifyInstance, ingest: undefined };
  const ingest = createIngest({ mailbox, metrics, logger });
  readiness.register('mailbox', () => mailbox.probe());
  void app.register(webhookRoute, { auth: webhookAuth, ingest, metrics });
  return { app: app as unknown as FastifyInstance, ingest };
};
