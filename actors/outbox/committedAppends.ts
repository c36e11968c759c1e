// The actors' committed appends, offered to a dispatcher in the same process (gateway/dispatcher/handOff.ts), so a
// reply's call starts as soon as its append commits instead of at the dispatcher's next read of the log. A
// process-local channel: with no dispatcher listening (actors alone, or the dispatcher elsewhere) it does nothing.
import { START, type AppendOutcome, type AppendRequest, type RecordedEvent } from '../eventStore/types.js';
import { OUTBOX_EVENT_TYPES } from './outboxEvents.js';

/** One committed append, as the dispatcher needs it. */
export interface CommittedAppend {
  readonly stream: string;
  /** Stream version of the append's first event; its last is firstVersion + count − 1. */
  readonly firstVersion: number;
  readonly count: number;
  /** The append's Telegram calls (the only events handed over), as the log will return them. */
  readonly calls: readonly RecordedEvent[];
}

export interface CommittedAppends {
  /** After a grouped append returned: the appends that committed (duplicates wrote nothing and are left out). */
  publish(requests: readonly AppendRequest[], outcomes: readonly AppendOutcome[], sentAt: Date): void;
  subscribe(listener: (appends: readonly CommittedAppend[]) => void): void;
}

/**
 * `onError`: a listener that throws. The append committed whatever the hand-off does, so the error never reaches the
 * actors (they would retry a committed append); the dispatcher's log read performs what was not handed over.
 */
export const createCommittedAppends = (onError: (error: unknown) => void = () => undefined): CommittedAppends => {
  const listeners: ((appends: readonly CommittedAppend[]) => void)[] = [];
  return {
    publish(requests, outcomes, sentAt) {
      if (listeners.length === 0) return;
      const appends: CommittedAppend[] = [];
      outcomes.forEach((outcome, index) => {
        const request = requests[index];
        if (!outcome.ok || outcome.duplicate || request === undefined) return;
        const count = request.events.length;
        const firstVersion = outcome.nextVersion - count + 1;
        const calls: RecordedEvent[] = [];
        request.events.forEach((event, offset) => {
          if (event.type !== OUTBOX_EVENT_TYPES.telegramCall) return;
          calls.push({
            id: event.id,
            type: event.type,
            schemaVersion: event.schemaVersion,
            data: event.data,
            metadata: event.metadata ?? {},
            streamName: request.stream,
            streamVersion: firstVersion + offset,
            globalPosition: outcome.positions[offset] ?? 0n,
            // Not known here (the transaction's id); the dispatcher takes checkpoints from its log reads only.
            checkpoint: START,
            // The append's start, close to the store's recorded_at (the transaction's start time).
            recordedAt: sentAt,
          });
        });
        appends.push({ stream: request.stream, firstVersion, count, calls });
      });
      if (appends.length === 0) return;
      for (const listener of listeners) {
        try {
          listener(appends);
        } catch (error) {
          onError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.push(listener);
    },
  };
};
