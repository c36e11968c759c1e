// Every Prometheus metric of every role, defined once here so the gateway, actors, projector and dispatcher use the
// same names (lexbot_*). Stage histograms are in seconds. Roles receive the objects they need; nothing registers
// metrics on its own.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

// From 1 ms (a loopback JetStream ack) to 10 s (a Telegram call under rate limiting).
const STAGE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const createMetrics = (options: { defaultMetrics?: boolean } = {}) => {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Histogram<L>({ name, help, labelNames, buckets: STAGE_BUCKETS, registers });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers });

  return {
    registry,
    /** For GET /metrics. */
    exposition: registry,
    // Stages of one update's journey.
    webhookAckSeconds: histogram('lexbot_webhook_ack_seconds', 'Webhook request received → answered (200 after the mailbox ack)', ['outcome']),
    mailboxWaitSeconds: histogram('lexbot_mailbox_wait_seconds', 'Message stored in the mailbox → handed to its actor', []),
    actorHandlingSeconds: histogram('lexbot_actor_handling_seconds', 'Actor received a message → message acked (load, decide, append)', ['outcome']),
    appendSeconds: histogram('lexbot_event_append_seconds', 'One append to the event store', ['store']),
    dispatchSeconds: histogram('lexbot_dispatch_seconds', 'Outbox entry committed → Bot API call answered', ['method', 'outcome']),
    // Ingest counters.
    updatesAccepted: counter('lexbot_updates_accepted_total', 'Updates stored in the mailbox', ['source']),
    updatesDuplicate: counter('lexbot_updates_duplicate_total', 'Updates already in the mailbox (Telegram retried or polling re-fetched)', ['source']),
    updatesDroppedWithoutUser: counter('lexbot_updates_dropped_without_user_total', 'Updates with neither a user nor a chat, answered 200 and dropped', ['update_type']),
    webhookRejects: counter('lexbot_webhook_rejects_total', 'Webhook requests not answered 200', ['reason']),
    pollingErrors: counter('lexbot_polling_errors_total', 'Long-polling failures (fetch from Telegram, publish to the mailbox)', ['stage']),
    // Later roles.
    deadLettered: counter('lexbot_mailbox_dead_lettered_total', 'Mailbox messages moved to the dead-letter stream', ['reason']),
    handlerFailures: counter(
      'lexbot_actor_handler_failures_total',
      'Updates the bot handlers threw on, answered with an apology or the domain refusal instead of a reply (when: at_once for a bug, last_delivery after the retries)',
      ['when'],
    ),
    actorIntakePausedSeconds: counter('lexbot_actor_intake_paused_seconds_total', 'Time the actors took no new mailbox message because the event loop ran late', []),
    dispatchResends: counter('lexbot_dispatch_resends_total', 'Outbox entries sent again after a dispatcher restart (at-least-once window)', []),
  };
};

export type Metrics = ReturnType<typeof createMetrics>;
