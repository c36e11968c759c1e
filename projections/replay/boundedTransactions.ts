// Every write transaction of a rebuild holds the log's readers back while it runs: the Postgres event store reads
// the log only below the oldest transaction id still running anywhere in the cluster (the live dispatcher, the live
// projector — and so every reply — wait for it). So the rebuild writes in many short transactions instead of a few
// long ones, and sizes each from how long the previous one took: a unit of work (bytes of COPY text, events of a
// catch-up) grows or shrinks towards half the bound, so a machine that slows down mid-way still stays under it.

/** Default bound of one rebuild write transaction, in milliseconds. */
export const DEFAULT_MAX_TRANSACTION_MS = 100;

export interface TransactionSizer {
  /** How much the next transaction should take on. */
  next(): number;
  /** What the last one took on and how long it held its transaction. */
  record(took: number, elapsedMs: number): void;
}

export const createTransactionSizer = (maxTransactionMs: number, initial: number, min: number, max: number): TransactionSizer => {
  if (!(maxTransactionMs > 0)) throw new RangeError(`maxTransactionMs must be positive, got ${maxTransactionMs}`);
  let size = Math.min(max, Math.max(min, Math.round(initial)));
  return {
    next: () => size,
    record(took, elapsedMs) {
      if (took <= 0) return;
      // At most double per step: one quick transaction (a warm cache, an idle moment) must not make the next huge.
      const scale = Math.min(2, maxTransactionMs / 2 / Math.max(elapsedMs, 0.1));
      size = Math.min(max, Math.max(min, Math.round(took * scale)));
    },
  };
};
