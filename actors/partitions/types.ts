// Partition ownership: which mailbox partitions this worker consumes. One owner per partition at a time (a lease);
// a stale owner is harmless because every append carries the expected stream version (DESIGN.md, guarantee 3).

export interface OwnershipChange {
  readonly gained: readonly number[];
  readonly lost: readonly number[];
}

export interface PartitionOwnership {
  /** Partitions owned right now. */
  owned(): ReadonlySet<number>;
  /** Listeners hear every change; a partition is reported lost before anyone else can gain it only if we released it. */
  onChange(listener: (change: OwnershipChange) => void): () => void;
  start(): Promise<void>;
  /** Stops renewing and releases every lease so others take over at once. */
  stop(): Promise<void>;
}
