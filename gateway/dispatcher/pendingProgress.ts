// What finished and is not stored yet: completed calls and the finished batches at the head of the window. One
// write takes it at a time — the dispatcher's own progress write, or a claim write that carries it along (the
// claims of calls that become ready while progress waits its delay share the round trip). Two writes of
// overlapping ranges at once could only lock the same rows in different orders.
import { compareCheckpoints, type Checkpoint } from '../../actors/eventStore/types.js';
import type { BatchWindow, CommitRange } from './batchWindow.js';
import type { CompletedCall, Progress } from './types.js';

export interface TakenProgress {
  readonly progress: Progress;
  readonly range: CommitRange | undefined;
  readonly calls: readonly CompletedCall[];
}

export interface PendingProgress {
  completed(call: CompletedCall): void;
  /**
   * What to write now, or nothing (nothing pending, or another write has it: unless `force`, for the last write at
   * stop). Every take is followed by stored() or lost().
   */
  take(force?: boolean): TakenProgress | undefined;
  stored(taken: TakenProgress): void;
  /** Not stored: it goes with the next write. */
  lost(taken: TakenProgress): void;
  /** A write has taken the pending progress and not finished. */
  busy(): boolean;
  /** Every outbox entry up to here is done, and stored so. */
  committed(): Checkpoint;
}

const merge = (a: CommitRange | undefined, b: CommitRange | undefined): CommitRange | undefined =>
  a === undefined ? b : b === undefined ? a : { checkpoint: b.checkpoint, settled: [...a.settled, ...b.settled] };

export const createPendingProgress = (window: BatchWindow, from: Checkpoint): PendingProgress => {
  let completed: CompletedCall[] = [];
  let uncommitted: CommitRange | undefined;
  let committed = from;
  let writing = false;
  return {
    completed: (call) => void completed.push(call),
    take(force = false) {
      if (writing && !force) return undefined;
      uncommitted = merge(uncommitted, window.takeFinished());
      const range = uncommitted;
      const calls = completed;
      if (range === undefined && calls.length === 0) return undefined;
      completed = [];
      writing = true;
      return { range, calls, progress: { completed: calls, settled: range?.settled ?? [], ...(range === undefined ? {} : { checkpoint: range.checkpoint }) } };
    },
    stored({ range }) {
      writing = false;
      if (range === undefined) return;
      if (uncommitted === range) uncommitted = undefined;
      if (compareCheckpoints(committed, range.checkpoint) < 0) committed = range.checkpoint;
    },
    lost({ calls }) {
      writing = false;
      completed = [...calls, ...completed];
    },
    busy: () => writing,
    committed: () => committed,
  };
};
