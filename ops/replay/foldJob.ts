// What the main thread and a fold worker thread say to each other (structured-cloned: bigints, Maps and strings
// pass as they are; a page of lines moves its buffer).
import type { Checkpoint, StreamSlice } from '../../actors/eventStore/types.js';
import type { FoldedPart } from '../../projections/replay/index.js';
import type { FailureMode } from '../../projections/runner/index.js';
import type { ReplayStoreSpec } from './replayStore.js';

export interface FoldJob {
  readonly store: ReplayStoreSpec;
  readonly upTo: Checkpoint;
  /** The thread's streams: it reads them itself, or (fed) the main thread's one reader sends it theirs. */
  readonly slice: StreamSlice;
  /** Pages come from the main thread (FeedMessage) instead of the thread's own reads of the log. */
  readonly fed: boolean;
  readonly pageSize: number;
  readonly failureMode: FailureMode;
}

export type FoldWorkerMessage =
  | { readonly kind: 'progress'; readonly events: number; readonly checkpoint: Checkpoint }
  | { readonly kind: 'done'; readonly part: FoldedPart };

/**
 * From the main thread's reader to a fed thread: the COPY lines of its streams among the log's next lines, up to
 * and including `through` (the checkpoint of the last of those lines, whichever thread got it), then the end.
 */
export type FeedMessage =
  | { readonly kind: 'lines'; readonly bytes: Uint8Array; readonly length: number; readonly through: Checkpoint }
  | { readonly kind: 'end' };
