// Durable timers (request expiry, reminders). An actor schedules one by appending OutboxTimerScheduled; the
// dispatcher copies it into a TimerStore, and a timer poller delivers due timers to the target's mailbox. A timer
// lives in the log and in the store, never in process memory, so it survives restarts and owner changes.
// Adapters: Postgres (postgres/) and an in-memory twin (memoryTimerStore.ts).
import type { MailboxHeaders } from '../mailbox/types.js';

export interface ScheduledTimer {
  readonly timerId: string;
  readonly fireAt: Date;
  /** The target's mailbox key, e.g. `user:123`. */
  readonly target: string;
  readonly message: unknown;
  /** The OutboxTimerScheduled event that scheduled it (a replay of the same event changes nothing). */
  readonly eventId: string;
  /** Trace context and correlation id to carry on the delivered mailbox message. */
  readonly headers: MailboxHeaders;
}

export type TimerState = 'scheduled' | 'fired' | 'cancelled';

export interface StoredTimer extends ScheduledTimer {
  readonly state: TimerState;
}

/**
 * - `scheduled`: new timer;
 * - `rescheduled`: a pending timer with the same id got a new time/message from another event;
 * - `unchanged`: the same event again (a replay after a dispatcher restart);
 * - `ignored`: the timer already fired or was cancelled (timer ids are never reused).
 */
export type ScheduleOutcome = 'scheduled' | 'rescheduled' | 'unchanged' | 'ignored';

/**
 * - `cancelled`: a pending timer will not fire;
 * - `tombstoned`: no such timer yet: remembered as cancelled, so a schedule arriving later stays cancelled;
 * - `unchanged`: already fired or cancelled.
 */
export type CancelOutcome = 'cancelled' | 'tombstoned' | 'unchanged';

/** Hands a due timer to its target; resolves once it is durably delivered (deduplicated by the timer id). */
export type DeliverTimer = (timer: ScheduledTimer) => Promise<void>;

export interface FireDueResult {
  readonly fired: readonly ScheduledTimer[];
  /** Timers whose delivery failed; they stay scheduled and are tried again on a later poll. */
  readonly failed: readonly { readonly timer: ScheduledTimer; readonly error: unknown }[];
}

export interface TimerStore {
  schedule(timer: ScheduledTimer): Promise<ScheduleOutcome>;
  /**
   * `schedule` for many timers of distinct ids at once, with the same outcome for each (in the same order): one
   * round trip and one commit for the group, so a burst of new users does not pay one commit per reminder.
   */
  scheduleMany(timers: readonly ScheduledTimer[]): Promise<readonly ScheduleOutcome[]>;
  cancel(timerId: string): Promise<CancelOutcome>;
  /**
   * Delivers up to `limit` timers due at `now` (oldest first) and marks each fired only after its delivery resolved.
   * Concurrent callers never get the same timer at once (row locks / an in-process claim).
   */
  fireDue(now: Date, limit: number, deliver: DeliverTimer): Promise<FireDueResult>;
  /** When the earliest pending timer falls due, if any. */
  nextDue(): Promise<Date | undefined>;
  get(timerId: string): Promise<StoredTimer | undefined>;
  close(): Promise<void>;
}

export type TimerErrorCode = 'INVALID_TIMER' | 'NOT_MIGRATED';

export class TimerError extends Error {
  constructor(
    readonly code: TimerErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'TimerError';
  }
}

export const validateTimer = (timer: ScheduledTimer): ScheduledTimer => {
  if (typeof timer.timerId !== 'string' || timer.timerId.length === 0 || timer.timerId.length > 200) {
    throw new TimerError('INVALID_TIMER', `timer id must be 1–200 characters, got ${JSON.stringify(timer.timerId)}`);
  }
  if (!(timer.fireAt instanceof Date) || Number.isNaN(timer.fireAt.getTime())) {
    throw new TimerError('INVALID_TIMER', `timer ${timer.timerId}: fireAt is not a valid time`);
  }
  if (!/^[a-z]+:-?\d+$/.test(timer.target)) {
    throw new TimerError('INVALID_TIMER', `timer ${timer.timerId}: target must look like user:<id>, got ${JSON.stringify(timer.target)}`);
  }
  return timer;
};
