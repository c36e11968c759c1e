// The bulk rebuild: fold the log up to its head in memory with the same pure projection the live runner uses, in one
// reader or in several (worker threads, one slice of the streams each), then write the final rows into the shadow
// tables, created empty without the partitioned tables' indexes, with COPY (a table per connection) in short
// transactions each committed on its own (boundedTransactions.ts: a long write transaction anywhere in the cluster
// holds every live log reader back), then on the same connection build the table's indexes a partition at a time
// (shadowSchema.ts) and ANALYZE it.
import type pg from 'pg';
import { compareCheckpoints, type Checkpoint, type EventStore } from '../../actors/eventStore/types.js';
import { ensureCheckpointRow, writeCheckpointRow } from '../readModels/checkpointRow.js';
import { foldedRowsOf, mergeFoldedRows, type FoldedRows } from '../readModels/foldedRows.js';
import { writeAll } from '../readModels/writeBatch.js';
import { copyInBoundedTransactions, type ChunkCommitted } from './boundedCopy.js';
import { DEFAULT_MAX_TRANSACTION_MS } from './boundedTransactions.js';
import { foldLog } from './foldLog.js';
import { buildDeferredIndexes, createShadowSchema } from './shadowSchema.js';
import type { DeadLetterStore } from '../runner/deadLetters.js';
import type { EventFailure, FailureMode } from '../runner/types.js';

/** What one reader of a rebuild hands back: its rows, ready to COPY, and what it could not fold. */
export interface FoldedPart {
  readonly rows: FoldedRows;
  readonly events: number;
  readonly failures: readonly EventFailure[];
  readonly halted: boolean;
}

export interface FoldRequest {
  readonly upTo: Checkpoint;
  readonly pageSize: number;
  readonly failureMode: FailureMode;
  /** Events folded so far (all readers) and the checkpoint every reader has passed. */
  readonly onProgress: (events: number, checkpoint: Checkpoint) => void;
}

/** Folds the log up to `upTo` in one or more readers over disjoint slices of the streams. */
export type FoldRunner = (request: FoldRequest) => Promise<readonly FoldedPart[]>;

/** The default: one reader in this thread. */
export const foldInThread =
  (store: EventStore): FoldRunner =>
  async ({ upTo, pageSize, failureMode, onProgress }) => {
    const outcome = await foldLog({ store, upTo, pageSize, failureMode, onPage: onProgress });
    return [{ rows: foldedRowsOf(outcome.state), events: outcome.events, failures: outcome.failures, halted: outcome.halted }];
  };

export interface RebuildOptions {
  readonly store: EventStore;
  readonly pool: pg.Pool;
  /** Schema to build into; dropped first when it exists. */
  readonly shadowSchema: string;
  readonly partitions: number;
  readonly projection: string;
  /** The last event to fold (inclusive); default the head as the rebuild starts (--verify: the live checkpoint). */
  readonly upTo?: Checkpoint;
  readonly failureMode: FailureMode;
  readonly deadLetters: DeadLetterStore | null;
  readonly pageSize?: number;
  /** How to fold: default one reader in this thread (`foldInThread`). */
  readonly fold?: FoldRunner;
  readonly onProgress?: (progress: { readonly events: number; readonly checkpoint: Checkpoint }) => void;
  /** Bound of each write transaction (default DEFAULT_MAX_TRANSACTION_MS): live log readers wait for it. */
  readonly maxTransactionMs?: number;
  /** Awaited after each COPY transaction commits, outside any transaction (progress; tests). */
  readonly onChunkCommitted?: (chunk: ChunkCommitted) => Promise<void> | void;
}

export interface RebuildResult {
  readonly checkpoint: Checkpoint;
  readonly events: number;
  readonly skipped: number;
  readonly rows: Record<string, number>;
  readonly readAndFoldMs: number;
  /** CPU time of this process (all its threads) while reading and folding: less sensitive to a busy machine. */
  readonly readAndFoldCpuMs: number;
  readonly writeMs: number;
  /**
   * After the last COPY: the index builds and statistics (ANALYZE) still running, and the checkpoint. (A table's
   * indexes are built right after its own COPY, so those of tables done early overlap `writeMs`.)
   */
  readonly indexMs: number;
}

export class ReplayHaltedError extends Error {
  constructor(readonly failure: EventFailure) {
    super(`replay halted on event ${failure.event.id} (${failure.event.type} in ${failure.event.streamName}): ${failure.error}`);
    this.name = 'ReplayHaltedError';
  }
}

export { createShadowSchema };

export const rebuildInto = async (options: RebuildOptions): Promise<RebuildResult> => {
  const { store, pool, shadowSchema: schema } = options;
  const pageSize = options.pageSize ?? 5000;
  const deferredIndexes = await createShadowSchema(pool, schema, options.partitions);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  // Everything up to the head now (unless told otherwise); the swap applies what is appended meanwhile.
  const checkpoint = options.upTo ?? (await store.headCheckpoint());
  const parts = await (options.fold ?? foldInThread(store))({
    upTo: checkpoint,
    pageSize,
    failureMode: options.failureMode,
    onProgress: (events, reached) => options.onProgress?.({ events, checkpoint: reached }),
  });
  const failures = parts.flatMap((part) => part.failures).sort((a, b) => compareCheckpoints(a.event.checkpoint, b.event.checkpoint));
  if (parts.some((part) => part.halted)) {
    // Each reader stops at its first failure: the earliest of them is the one the log order meets first.
    const failure = failures[0]!;
    await options.deadLetters?.record(pool, options.projection, [failure], 'halt');
    throw new ReplayHaltedError(failure);
  }
  const events = parts.reduce((sum, part) => sum + part.events, 0);
  const folded = performance.now();
  const cpu = process.cpuUsage(cpuStarted);
  // Each table gets its indexes and statistics on its own connection right after its COPY, so they overlap the COPY
  // of others.
  // (Fresh tables have no statistics: without them the planner guesses badly until autovacuum comes by.)
  const maxTransactionMs = options.maxTransactionMs ?? DEFAULT_MAX_TRANSACTION_MS;
  let lastCopy = folded;
  const rows = await writeAll(() => pool.connect(), schema, mergeFoldedRows(parts.map((part) => part.rows)), {
    copy: (client, table, pieces, signal) => copyInBoundedTransactions(client, table, pieces, maxTransactionMs, options.onChunkCommitted, signal),
    finish: async (client, table, signal) => {
      lastCopy = Math.max(lastCopy, performance.now());
      const indexes = deferredIndexes.get(table);
      if (indexes !== undefined) await buildDeferredIndexes(client, indexes, signal);
      await client.query(`analyze ${schema}.${table}`);
    },
  });
  const written = lastCopy;
  await ensureCheckpointRow(pool, schema, options.projection);
  await writeCheckpointRow(pool, schema, options.projection, checkpoint);
  if (failures.length > 0) await options.deadLetters?.record(pool, options.projection, failures, 'skip');
  const indexed = performance.now();
  return {
    checkpoint,
    events,
    skipped: failures.length,
    rows,
    readAndFoldMs: Math.round(folded - started),
    readAndFoldCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    writeMs: Math.round(written - folded),
    indexMs: Math.round(indexed - written),
  };
};
