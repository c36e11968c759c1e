// What each outbox entry does. Every effect retries transient failures itself (via `retrying`) and returns the
// outcome to count; it throws only DispatchAborted (the dispatcher is stopping).
import type { Logger } from 'pino';
import type { RecordedEvent } from '../../actors/eventStore/types.js';
import type { Mailbox, MailboxHeaders } from '../../actors/mailbox/types.js';
import { MAILBOX_HEADERS, encodeJson } from '../../actors/mailbox/types.js';
import { MESSAGE_KIND_HEADER, commandMessageId, type MessageKind } from '../../actors/outbox/outboxEvents.js';
import { targetPartition } from '../../actors/timers/mailboxTarget.js';
import type { ScheduleOutcome, ScheduledTimer, TimerStore } from '../../actors/timers/types.js';
import { classifyFailure, isUnchangedEdit, type Failure } from './classifyFailure.js';
import type { DispatcherMetrics } from './metrics.js';
import type { OutboxEntry } from './outboxEntry.js';
import { infrastructureFailure, retrying, type BackoffOptions } from './retry.js';
import type { ClaimOutcome, CompletedCall, DispatchKind, DispatchOutcome, TelegramCaller } from './types.js';

export interface EffectDeps {
  readonly telegram: TelegramCaller;
  /** Stores the call's write-ahead record (grouped with other calls' claims; retried until stored or stopped). */
  readonly claim: (eventId: string) => Promise<ClaimOutcome>;
  /** Notes a finished call; the dispatcher stores it with its next progress write, which follows promptly. */
  readonly completed: (call: CompletedCall) => void;
  /** Stores a timer (grouped with other timers ready at the same time; retried until stored or stopped). */
  readonly scheduleTimer: (timer: ScheduledTimer) => Promise<ScheduleOutcome>;
  readonly mailbox: Mailbox;
  readonly timers: TimerStore;
  readonly metrics: DispatcherMetrics;
  readonly backoff: BackoffOptions;
  /** Called after a timer is scheduled, so a poller in this process wakes up earlier if it falls due sooner. */
  readonly onTimerScheduled: (fireAt: Date) => void;
}

/** Trace context and correlation id of the causing event, for the mailbox message it leads to. */
export const headersOf = (event: RecordedEvent, kind?: MessageKind): MailboxHeaders => {
  const { traceparent, tracestate, correlationId } = event.metadata;
  return {
    ...(typeof traceparent === 'string' ? { [MAILBOX_HEADERS.traceparent]: traceparent } : {}),
    ...(typeof tracestate === 'string' ? { [MAILBOX_HEADERS.tracestate]: tracestate } : {}),
    [MAILBOX_HEADERS.correlationId]: typeof correlationId === 'string' ? correlationId : event.id,
    ...(kind === undefined ? {} : { [MESSAGE_KIND_HEADER]: kind }),
  };
};

/** Epoch milliseconds with sub-millisecond precision (the dispatch phases are a few ms each). */
export const nowMs = (): number => performance.timeOrigin + performance.now();

const onRetry =
  (deps: EffectDeps, log: Logger, kind: DispatchKind) =>
  (failure: Failure & { kind: 'transient' }, attempt: number, delayMs: number): void => {
    deps.metrics.retries.inc({ kind, reason: failure.reason });
    const level = failure.reason === 'unauthorized' || attempt >= 5 ? 'error' : 'warn';
    log[level]({ reason: failure.reason, attempt, delay_ms: delayMs, err: failure.description }, 'dispatch failed, will retry');
  };

/** Infrastructure calls (the state store, the timer store, the mailbox) retried until they work. */
const persistently = async <T>(deps: EffectDeps, log: Logger, kind: DispatchKind, run: () => Promise<T>, signal: AbortSignal): Promise<T> => {
  const attempt = await retrying(run, infrastructureFailure, onRetry(deps, log, kind), signal, deps.backoff);
  if (!attempt.ok) throw new Error('unreachable: infrastructure failures are never final');
  return attempt.value;
};

export const sendTelegramCall = async (
  entry: OutboxEntry & { kind: 'telegram' },
  deps: EffectDeps,
  log: Logger,
  signal: AbortSignal,
): Promise<DispatchOutcome> => {
  const eventId = entry.event.id;
  const phases = deps.metrics.dispatchPhaseSeconds;
  const claiming = nowMs();
  // The write-ahead record goes first: from here until the completion is stored, a crash means "maybe sent".
  const claim = await deps.claim(eventId);
  const claimed = nowMs();
  phases.observe({ phase: 'claim' }, (claimed - claiming) / 1000);
  if (claim === 'done') return 'already_done';
  if (claim === 'resend') {
    deps.metrics.dispatchResends.inc();
    log.warn('sending again: a previous run may have sent this call before it stopped');
  }
  const attempt = await retrying(() => deps.telegram(entry.method, entry.payload, signal), classifyFailure, onRetry(deps, log, 'telegram'), signal, deps.backoff);
  phases.observe({ phase: 'call' }, (nowMs() - claimed) / 1000);
  const unchanged = !attempt.ok && isUnchangedEdit(attempt.failure);
  const outcome = attempt.ok || unchanged ? 'sent' : 'refused';
  if (unchanged) log.debug('the message already showed this edit');
  else if (!attempt.ok) log.warn({ error_code: attempt.failure.code, err: attempt.failure.description }, 'Telegram refused the call; not retrying');
  // Stored with the next progress write, also when the dispatcher is stopping meanwhile (its last write): a call
  // known to be answered must not be sent again. A crash before that write re-sends it, and counts it.
  deps.completed({ eventId, outcome });
  return outcome;
};

const mailboxFailure = (error: unknown): Failure =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 'message_too_large'
    ? { kind: 'refused', code: 413, description: error instanceof Error ? error.message : String(error) }
    : infrastructureFailure(error);

export const publishCommand = async (
  entry: OutboxEntry & { kind: 'command' },
  deps: EffectDeps,
  log: Logger,
  signal: AbortSignal,
): Promise<DispatchOutcome> => {
  const partition = targetPartition(entry.target, deps.mailbox.partitions);
  const message = {
    id: commandMessageId(entry.commandId),
    userKey: entry.target,
    payload: encodeJson({ from: entry.event.streamName, commandId: entry.commandId, command: entry.command }),
    headers: headersOf(entry.event, 'command'),
  };
  const attempt = await retrying(() => deps.mailbox.publish(partition, message), mailboxFailure, onRetry(deps, log, 'command'), signal, deps.backoff);
  if (!attempt.ok) {
    log.error({ err: attempt.failure.description }, 'command cannot be delivered; dropped');
    return 'invalid';
  }
  return attempt.value.duplicate ? 'duplicate' : 'published';
};

export const applyTimer = async (
  entry: OutboxEntry & { kind: 'timer_scheduled' | 'timer_cancelled' },
  deps: EffectDeps,
  log: Logger,
  signal: AbortSignal,
): Promise<DispatchOutcome> => {
  if (entry.kind === 'timer_cancelled') return persistently(deps, log, entry.kind, () => deps.timers.cancel(entry.timerId), signal);
  const outcome = await deps.scheduleTimer({
    timerId: entry.timerId,
    fireAt: entry.fireAt,
    target: entry.target,
    message: entry.message,
    eventId: entry.event.id,
    headers: headersOf(entry.event),
  });
  if (outcome === 'scheduled' || outcome === 'rescheduled') deps.onTimerScheduled(entry.fireAt);
  return outcome;
};
