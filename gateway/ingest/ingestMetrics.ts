// The metrics the ingest path records, as the narrow shape it needs. ops/telemetry builds them with prom-client
// (lexbot_* names) and passes them in; prom-client's Counter and Histogram satisfy these types as they are.

export type IngestSource = 'webhook' | 'polling';
export type IngestOutcome = 'accepted' | 'duplicate' | 'dropped';
export type WebhookOutcome = IngestOutcome | 'rejected' | 'unavailable';
export type WebhookRejectReason = 'secret' | 'malformed' | 'too_large' | 'unavailable' | 'internal';

export interface IngestMetrics {
  /** lexbot_webhook_ack_seconds: request received → answer sent, by outcome. */
  readonly webhookAckSeconds: { observe(labels: { outcome: WebhookOutcome }, seconds: number): void };
  readonly updatesAccepted: { inc(labels: { source: IngestSource }): void };
  readonly updatesDuplicate: { inc(labels: { source: IngestSource }): void };
  readonly updatesDroppedWithoutUser: { inc(labels: { update_type: string }): void };
  readonly webhookRejects: { inc(labels: { reason: WebhookRejectReason }): void };
  readonly pollingErrors: { inc(labels: { stage: 'fetch' | 'publish' }): void };
}

/** What GET /metrics serves; a prom-client Registry fits. */
export interface MetricsExposition {
  readonly contentType: string;
  metrics(): Promise<string>;
}
