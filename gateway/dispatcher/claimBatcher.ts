// Group commit for the write-ahead claims of Telegram calls. A claim must be durable before its call goes out, but
// one write per call made the dispatcher pay a Postgres round trip and commit per reply. Calls that become ready
// together (a page of the log fans out over many chats in the same turn of the event loop) share one write; calls
// that become ready while a write is in flight share the next. Each call is still claimed just before it is sent,
// never long before, so a crash counts as re-sends only calls that may really have gone out.
import type { ClaimOutcome, DispatcherState } from './types.js';

export interface ClaimBatcher {
  /** Resolves once the claim is stored; rejects when `write` gives up (the dispatcher is stopping). */
  claim(eventId: string): Promise<ClaimOutcome>;
}

interface Waiter {
  readonly eventId: string;
  readonly resolve: (outcome: ClaimOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** `write` stores one group (retrying as it sees fit); the batcher only groups and hands out the answers. */
export const createClaimBatcher = (write: (eventIds: readonly string[]) => ReturnType<DispatcherState['claim']>): ClaimBatcher => {
  let waiting: Waiter[] = [];
  let busy = false;

  const drain = async (): Promise<void> => {
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      // An event is claimed once per run; duplicates would only make one statement touch a row twice.
      const eventIds = [...new Set(group.map((waiter) => waiter.eventId))];
      try {
        const outcomes = await write(eventIds);
        const byId = new Map(eventIds.map((eventId, index) => [eventId, outcomes[index]]));
        for (const waiter of group) {
          const outcome = byId.get(waiter.eventId);
          if (outcome === undefined) waiter.reject(new Error(`no claim outcome for ${waiter.eventId}`));
          else waiter.resolve(outcome);
        }
      } catch (error) {
        for (const waiter of group) waiter.reject(error);
      }
    }
    busy = false;
  };

  return {
    claim: (eventId) =>
      new Promise<ClaimOutcome>((resolve, reject) => {
        waiting.push({ eventId, resolve, reject });
        if (busy) return;
        busy = true;
        // After this turn's microtasks: every lane that a page of the log started has asked by then.
        setImmediate(() => void drain());
      }),
  };
};
