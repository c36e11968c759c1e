// Group commit: appends that arrive while earlier ones are in flight wait and then go to the database together,
// as one call of append_events — one round trip, one transaction, one WAL flush for all of them. Outcomes stay
// per stream, so for each caller nothing changes but the throughput. With no contention (one append at a time)
// every append goes out alone, at once.
import type { AppendOutcome, AppendRequest } from '../types.js';

export interface GroupCommitOptions {
  /** Calls in flight at once; appends beyond them queue and are grouped. Default 4. */
  readonly maxInFlight?: number;
  /** Most stream appends (requests) in one call. Default 256. */
  readonly maxRequests?: number;
}

interface Waiting {
  readonly requests: readonly AppendRequest[];
  resolve(outcomes: AppendOutcome[]): void;
  reject(error: unknown): void;
}

export type SendAppends = (requests: readonly AppendRequest[]) => Promise<AppendOutcome[]>;

export const createGroupCommit = (send: SendAppends, options: GroupCommitOptions = {}) => {
  const maxInFlight = Math.max(1, options.maxInFlight ?? 4);
  const maxRequests = Math.max(1, options.maxRequests ?? 256);
  const queue: Waiting[] = [];
  let inFlight = 0;
  let idle: (() => void)[] = [];

  const takeBatch = (): Waiting[] => {
    const batch: Waiting[] = [];
    let size = 0;
    // A caller's appendMany stays whole, so it still commits in one transaction.
    while (queue.length > 0 && (batch.length === 0 || size + queue[0]!.requests.length <= maxRequests)) {
      const next = queue.shift()!;
      size += next.requests.length;
      batch.push(next);
    }
    return batch;
  };

  /** A call ended: the next batch goes out before the callers of this one resume, so the database is never left idle. */
  const settle = (): void => {
    inFlight -= 1;
    pump();
    if (inFlight === 0 && queue.length === 0 && idle.length > 0) {
      const waiters = idle;
      idle = [];
      for (const resolve of waiters) resolve();
    }
  };

  const pump = (): void => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = takeBatch();
      inFlight += 1;
      send(batch.flatMap((waiting) => waiting.requests)).then(
        (outcomes) => {
          settle();
          let offset = 0;
          for (const waiting of batch) {
            waiting.resolve(outcomes.slice(offset, offset + waiting.requests.length));
            offset += waiting.requests.length;
          }
        },
        (error: unknown) => {
          settle();
          for (const waiting of batch) waiting.reject(error);
        },
      );
    }
  };

  return {
    /** Resolves when every submitted append has settled (the store awaits it on close). */
    drain(): Promise<void> {
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
    submit(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
      if (requests.length === 0) return Promise.resolve([]);
      // Nothing to group with: straight out, without the waiting list (a one-caller load takes this path each time).
      if (queue.length === 0 && inFlight < maxInFlight) {
        inFlight += 1;
        const sent = send(requests);
        sent.then(settle, settle);
        return sent;
      }
      return new Promise<AppendOutcome[]>((resolve, reject) => {
        queue.push({ requests, resolve, reject });
        pump();
      });
    },
  };
};
