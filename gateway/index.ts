// Public surface of the gateway: the HTTP app, readiness, the ingest path, long polling and webhook registration.
export { buildGatewayApp, type GatewayApp, type GatewayAppOptions } from './http/buildGatewayApp.js';
export { createReadiness, type Readiness, type ReadinessCheck, type ReadinessReport } from './http/readiness.js';
export { WEBHOOK_PATH, WEBHOOK_BODY_LIMIT, SECRET_HEADER, type WebhookAuth } from './http/webhookRoute.js';
export type { IngestMetrics, IngestOutcome, IngestSource, MetricsExposition, WebhookRejectReason } from './ingest/ingestMetrics.js';
export { createIngest, UPDATE_TYPE_HEADER, type Ingest, type IncomingUpdate, type IngestResult } from './ingest/ingestUpdate.js';
export { traceHeadersFor, parseTraceparent } from './ingest/traceContext.js';
export { ALLOWED_UPDATES, routeUpdate, type Route, type UpdateType } from './telegram/routeUpdate.js';
export { sanitizeJson, sanitizeText } from './telegram/sanitize.js';
export { startLongPolling, type LongPolling, type LongPollingOptions } from './telegram/longPolling.js';
export { registerWebhook, webhookUrlFor } from './telegram/registerWebhook.js';
export { registerCommands } from './telegram/registerCommands.js';
export { sandboxRoutes } from './sandbox/sandboxRoutes.js';
