// Ports of the outbound dispatcher. Each has an in-memory twin (state/memoryDispatcherState.ts, lease/localLease.ts)
// and a Postgres adapter; the Telegram port is a grammY Api with throttling and 429 retries (telegramCaller.ts).
import type { Checkpoint } from '../../actors/eventStore/types.js';

/** One Bot API call: resolves with the result, throws grammY's GrammyError (refused) or HttpError (network). */
export type TelegramCaller = (method: string, payload: Readonly<Record<string, unknown>>, signal?: AbortSignal) => Promise<unknown>;

/**
 * What a Telegram call's write-ahead record said when the dispatcher claimed it:
 * - `fresh`: never tried;
 * - `resend`: tried before and never finished (a crash or stop in the window): it may have reached Telegram;
 * - `done`: finished before: not sent again.
 */
export type ClaimOutcome = 'fresh' | 'resend' | 'done';

export type CallOutcome = 'sent' | 'refused';

export interface CompletedCall {
  readonly eventId: string;
  readonly outcome: CallOutcome;
}

/** What one write of the dispatcher's progress records: each part may be empty. */
export interface Progress {
  /** Calls that finished (sent or refused for good): a restart must not send them again. */
  readonly completed: readonly CompletedCall[];
  /** Where the checkpoint moves (never backwards); absent: it stays. */
  readonly checkpoint?: Checkpoint;
  /** Write-ahead records the checkpoint now covers: forgotten. */
  readonly settled: readonly string[];
}

/**
 * The dispatcher's durable state: its checkpoint in the global log and the write-ahead record of Telegram calls.
 * Both writes take many calls at once, so the dispatcher pays one round trip (and one commit) per group of calls,
 * not per call.
 */
export interface DispatcherState {
  loadCheckpoint(): Promise<Checkpoint | undefined>;
  /**
   * Records, in one write, that the calls of `eventIds` (distinct) are about to be sent (before they are), and says
   * what was known of each, in the same order. With `progress` (none of whose calls is among `eventIds`), writes
   * it in the same statement, atomically with the claims: the progress write that was waiting rides along.
   */
  claim(eventIds: readonly string[], progress?: Progress): Promise<readonly ClaimOutcome[]>;
  /** Writes `progress` atomically. */
  commit(progress: Progress): Promise<void>;
  close(): Promise<void>;
}

/** A lease held by at most one process: only its holder dispatches. */
export interface Lease {
  /** Resolves once held (waiting for the current holder to go), or rejects when `signal` aborts. */
  acquire(signal: AbortSignal): Promise<HeldLease>;
}

export interface HeldLease {
  /** Resolves when the lease is lost (connection gone, or released). */
  readonly lost: Promise<Error | undefined>;
  release(): Promise<void>;
}

export type DispatchKind = 'telegram' | 'command' | 'timer_scheduled' | 'timer_cancelled';

/**
 * Outcomes counted in lexbot_dispatch_total{kind, outcome}:
 * sent / refused (Telegram said no for good) / already_done (finished before a restart) / published / duplicate
 * (the mailbox already had it) / scheduled / rescheduled / cancelled / tombstoned / unchanged / ignored.
 */
export type DispatchOutcome =
  | 'sent'
  | 'refused'
  | 'already_done'
  | 'published'
  | 'duplicate'
  | 'scheduled'
  | 'rescheduled'
  | 'cancelled'
  | 'tombstoned'
  | 'unchanged'
  | 'ignored'
  | 'invalid';

export type RetryReason = 'rate_limited' | 'server_error' | 'network' | 'unauthorized' | 'unavailable' | 'other';
