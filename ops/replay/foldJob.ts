// What the main thread and a fold worker thread say to each other (structured-cloned: bigints, Maps and strings
// pass as they are).
import type { Checkpoint, StreamSlice } from '../../actors/eventStore/types.js';
import type { FoldedPart } from '../../projections/replay/index.js';
import type { FailureMode } from '../../projections/runner/index.js';
import type { ReplayStoreSpec } from './replayStore.js';

export interface FoldJob {
  readonly store: ReplayStoreSpec;
  readonly upTo: Checkpoint;
  readonly slice: StreamSlice;
  readonly pageSize: number;
  readonly failureMode: FailureMode;
}

export type FoldWorkerMessage =
  | { readonly kind: 'progress'; readonly events: number; readonly checkpoint: Checkpoint }
  | { readonly kind: 'done'; readonly part: FoldedPart };
