// The batches read from the log and not yet finished, oldest first. Entries of several batches may be in flight at
// once (so a chat waiting out a 429 does not stall the log), but the checkpoint only moves past a batch once every
// entry of it and of every older batch has finished: a restart then re-reads everything not known to be done.
import type { Checkpoint } from '../../actors/eventStore/types.js';

export interface BatchHandle {
  /** One entry of the batch finished; `settledId` names a write-ahead record the checkpoint may now forget. */
  finish(settledId?: string): void;
}

export interface CommitRange {
  readonly checkpoint: Checkpoint;
  readonly settled: readonly string[];
}

interface Batch {
  readonly checkpoint: Checkpoint;
  readonly openedAt: number;
  remaining: number;
  readonly settled: string[];
}

export interface BatchWindow {
  /** Adds a batch of `entries` outbox entries that ends at `checkpoint` (entries may be 0). */
  open(checkpoint: Checkpoint, entries: number, oldestRecordedAt: number | undefined): BatchHandle;
  /** Removes the finished batches at the head and returns what to commit, if anything. */
  takeFinished(): CommitRange | undefined;
  /** Entries read and not finished. */
  inFlight(): number;
  batches(): number;
  /** Time (ms since epoch) the oldest unfinished batch's oldest entry was recorded, if any. */
  oldestOpen(): number | undefined;
}

export const createBatchWindow = (): BatchWindow => {
  const batches: Batch[] = [];
  let inFlight = 0;
  return {
    open(checkpoint, entries, oldestRecordedAt) {
      const batch: Batch = { checkpoint, openedAt: oldestRecordedAt ?? Date.now(), remaining: entries, settled: [] };
      batches.push(batch);
      inFlight += entries;
      return {
        finish(settledId) {
          if (batch.remaining === 0) throw new Error('batch finished more often than it has entries');
          batch.remaining -= 1;
          inFlight -= 1;
          if (settledId !== undefined) batch.settled.push(settledId);
        },
      };
    },
    takeFinished() {
      let last: Batch | undefined;
      const settled: string[] = [];
      while (batches[0] !== undefined && batches[0].remaining === 0) {
        last = batches.shift();
        settled.push(...last!.settled);
      }
      return last === undefined ? undefined : { checkpoint: last.checkpoint, settled };
    },
    inFlight: () => inFlight,
    batches: () => batches.length,
    oldestOpen: () => batches.find((batch) => batch.remaining > 0)?.openedAt,
  };
};
