// What the runner drives: a projection target that applies a batch of events and moves its checkpoint in one
// transaction, refusing when the stored checkpoint is not where the caller believes (a fence against a stale owner).
import type { Checkpoint, RecordedEvent } from '../../actors/eventStore/types.js';

export type FailureMode = 'halt' | 'skip';

export interface EventFailure {
  readonly event: RecordedEvent;
  readonly error: string;
}

export interface ApplyResult {
  /** Where the checkpoint now stands. */
  readonly checkpoint: Checkpoint;
  readonly applied: number;
  /** Events skipped in this batch (skip mode), dead-lettered in the same transaction. */
  readonly skipped: readonly EventFailure[];
  /** Halt mode: the event that stopped the batch (the checkpoint stands just before it). */
  readonly halted: EventFailure | null;
}

export interface ProjectionTarget {
  readonly name: string;
  /** Creates what the target needs to hold its checkpoint (idempotent). */
  prepare(): Promise<void>;
  checkpoint(): Promise<Checkpoint>;
  apply(events: readonly RecordedEvent[], expected: Checkpoint, mode: FailureMode): Promise<ApplyResult>;
}

/** The stored checkpoint moved under us: another instance (or a replay swap) wrote it. Re-read and resume. */
export class CheckpointMovedError extends Error {
  constructor(
    readonly expected: Checkpoint,
    readonly stored: Checkpoint,
  ) {
    super(`checkpoint moved: expected ${expected.commit}/${expected.position}, stored ${stored.commit}/${stored.position}`);
    this.name = 'CheckpointMovedError';
  }
}
