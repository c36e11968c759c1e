// Group commit: appends from many actors that arrive in the same turn of the event loop, or while earlier round
// trips are in flight, are sent together through `appendMany`, one round trip for the lot. A batch leaves on the
// next turn (setImmediate, no timer): the mailbox hands over its messages in bursts (one socket read holds many),
// and their actors decide within the same turn, so a burst costs one round trip and one commit, not one each. A
// lone append waits only for the current turn to end; under heavy load batches grow on their own as well.
import type { AppendOutcome, AppendRequest, EventStore } from '../eventStore/types.js';

export interface GroupCommitOptions {
  /** Round trips in flight at once; more arrivals queue and go in the next batch. */
  readonly maxInFlight?: number;
  /** Streams per round trip at most. */
  readonly maxBatch?: number;
}

export interface GroupCommitter {
  commit(request: AppendRequest): Promise<AppendOutcome>;
  /** Resolves when every queued and in-flight append has settled. */
  drain(): Promise<void>;
}

interface Pending {
  readonly request: AppendRequest;
  readonly resolve: (outcome: AppendOutcome) => void;
  readonly reject: (error: unknown) => void;
}

export const createGroupCommitter = (store: Pick<EventStore, 'appendMany'>, options: GroupCommitOptions = {}): GroupCommitter => {
  const maxInFlight = options.maxInFlight ?? 8;
  const maxBatch = options.maxBatch ?? 256;
  const queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;
  let idle: (() => void)[] = [];

  const settleIdle = (): void => {
    if (inFlight > 0 || queue.length > 0 || scheduled) return;
    const waiters = idle;
    idle = [];
    for (const wake of waiters) wake();
  };

  const pump = (): void => {
    while (inFlight < maxInFlight && queue.length > 0) {
      // Two appends to one stream in one batch would conflict with each other; the second waits for the next.
      const batch: Pending[] = [];
      const streams = new Set<string>();
      for (let index = 0; index < queue.length && batch.length < maxBatch; ) {
        const pending = queue[index]!;
        if (streams.has(pending.request.stream)) {
          index += 1;
          continue;
        }
        streams.add(pending.request.stream);
        batch.push(pending);
        queue.splice(index, 1);
      }
      inFlight += 1;
      store
        .appendMany(batch.map((pending) => pending.request))
        .then(
          (outcomes) => batch.forEach((pending, index) => pending.resolve(outcomes[index]!)),
          (error: unknown) => batch.forEach((pending) => pending.reject(error)),
        )
        .finally(() => {
          inFlight -= 1;
          pump();
          settleIdle();
        });
    }
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
      settleIdle();
    });
  };

  return {
    commit(request) {
      return new Promise<AppendOutcome>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        schedule();
      });
    },
    drain() {
      if (inFlight === 0 && queue.length === 0 && !scheduled) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
};
