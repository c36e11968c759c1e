// Group commit: appends from many actors that arrive while earlier round trips are in flight are sent together
// through `appendMany`, one round trip for the lot. Under light load every append goes alone (no added latency);
// under heavy load batches grow on their own, which is what keeps the store's round trips from being the ceiling.
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
  let idle: (() => void)[] = [];

  const settleIdle = (): void => {
    if (inFlight > 0 || queue.length > 0) return;
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

  return {
    commit(request) {
      return new Promise<AppendOutcome>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        pump();
      });
    },
    drain() {
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
};
