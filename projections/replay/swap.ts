// Ends a replay: catches the shadow up with events appended since the rebuild read them, then either swaps it in
// (schema renames in one transaction: readers see the old tables or the new ones, never a mix) or, for --verify,
// compares it with the live tables at one and the same checkpoint and keeps the live ones.
//
// The catch-up runs first in short transactions of its own (boundedTransactions.ts: each write transaction holds the
// live log readers back), until one comes back short of a full page; the swap transaction then applies only what was
// appended since, so it holds its transaction id about as long as one such step. The old schema is dropped after the
// swap a table at a time.
//
// The transaction first takes an exclusive lock on the live checkpoint table. The live runner's next batch begins by
// locking its checkpoint row, so it waits there; once we commit, PostgreSQL looks the table name up again and the
// runner finds the swapped-in checkpoint, which differs from the one it expected (CheckpointMovedError): it re-reads
// it and goes on from there, on the new tables. Nothing is applied twice or lost.
import type pg from 'pg';
import { compareCheckpoints, type Checkpoint, type EventStore } from '../../actors/eventStore/types.js';
import { readCheckpointRow } from '../readModels/checkpointRow.js';
import { CHECKPOINT_TABLE } from '../readModels/names.js';
import { applyEventsInTransaction } from '../readModels/readModelTarget.js';
import type { DeadLetterStore } from '../runner/deadLetters.js';
import type { FailureMode } from '../runner/types.js';
import { compareChecksums, tableChecksums, type Checksums, type TableDifference } from './checksums.js';
import { createTransactionSizer, DEFAULT_MAX_TRANSACTION_MS } from './boundedTransactions.js';
import { ReplayHaltedError } from './rebuild.js';
import { dropSchemaInSteps } from './shadowSchema.js';

export interface FinishOptions {
  readonly store: EventStore;
  readonly pool: pg.Pool;
  readonly liveSchema: string;
  readonly shadowSchema: string;
  readonly projection: string;
  readonly failureMode: FailureMode;
  readonly deadLetters: DeadLetterStore | null;
  readonly pageSize?: number;
  /** Bound of each catch-up transaction before the swap (default DEFAULT_MAX_TRANSACTION_MS). */
  readonly maxTransactionMs?: number;
}

export interface SwapResult {
  readonly checkpoint: Checkpoint;
  /** Events applied to the shadow after the rebuild (appended meanwhile). */
  readonly caughtUp: number;
}

export interface VerifyResult {
  readonly checkpoint: Checkpoint;
  readonly live: Checksums;
  readonly rebuilt: Checksums;
  readonly differences: readonly TableDifference[];
}

/** Applies events after the schema's checkpoint, up to `until` (inclusive) or the head, inside the transaction. */
const catchUp = async (client: pg.PoolClient, options: FinishOptions, schema: string, until: Checkpoint | null): Promise<number> => {
  let applied = 0;
  for (;;) {
    const from = await readCheckpointRow(client, schema, options.projection);
    if (until !== null && compareCheckpoints(from, until) >= 0) return applied;
    const page = await options.store.readAll(from, options.pageSize ?? 1000);
    const events = until === null ? page.events : page.events.filter((e) => compareCheckpoints(e.checkpoint, until) <= 0);
    if (events.length === 0) return applied;
    const result = await applyEventsInTransaction(client, schema, options.projection, events, from, options.failureMode, options.deadLetters);
    if (result.halted !== null) throw new ReplayHaltedError(result.halted);
    applied += events.length;
  }
};

const schemaExists = async (client: pg.PoolClient, schema: string): Promise<boolean> =>
  (await client.query('select 1 from pg_namespace where nspname = $1', [schema])).rowCount === 1;

const inTransaction = async <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, commit: boolean): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query(commit ? 'commit' : 'rollback');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/**
 * Applies events to `schema` in transactions of its own, each sized to stay under the bound, until one finds less
 * than it asked for (the head as of then). Returns how many it applied.
 */
const catchUpInSteps = async (options: FinishOptions, schema: string): Promise<number> => {
  const maxTransactionMs = options.maxTransactionMs ?? DEFAULT_MAX_TRANSACTION_MS;
  // A first guess of 100 events per 100 ms of bound, then as timed.
  const sizer = createTransactionSizer(maxTransactionMs, maxTransactionMs, 1, options.pageSize ?? 1000);
  let applied = 0;
  for (;;) {
    const limit = sizer.next();
    const from = await readCheckpointRow(options.pool, schema, options.projection);
    const page = await options.store.readAll(from, limit);
    if (page.events.length === 0) return applied;
    const started = performance.now();
    await inTransaction(
      options.pool,
      async (client) => {
        const result = await applyEventsInTransaction(client, schema, options.projection, page.events, from, options.failureMode, options.deadLetters);
        if (result.halted !== null) throw new ReplayHaltedError(result.halted);
      },
      true,
    );
    sizer.record(page.events.length, performance.now() - started);
    applied += page.events.length;
    if (page.events.length < limit) return applied;
  }
};

export const swapIn = async (options: FinishOptions): Promise<SwapResult> => {
  const { liveSchema: live, shadowSchema: shadow } = options;
  const old = `${live}_old`.slice(0, 63);
  const before = await catchUpInSteps(options, shadow);
  await dropSchemaInSteps(options.pool, old);
  const result = await inTransaction(
    options.pool,
    async (client) => {
      const hasLive = await schemaExists(client, live);
      if (hasLive) await client.query(`lock table ${live}.${CHECKPOINT_TABLE} in access exclusive mode`);
      const caughtUp = await catchUp(client, options, shadow, null);
      const checkpoint = await readCheckpointRow(client, shadow, options.projection);
      // Keep the live schema's migration record, so `lexbot ops migrate` still knows the swapped-in schema.
      if (hasLive && (await client.query(`select to_regclass($1) as t`, [`${live}.schema_migrations`])).rows[0]?.t !== null) {
        await client.query(`create table ${shadow}.schema_migrations (like ${live}.schema_migrations including all)`);
        await client.query(`insert into ${shadow}.schema_migrations select * from ${live}.schema_migrations`);
      }
      await client.query(`drop schema if exists ${old} cascade`);
      if (hasLive) await client.query(`alter schema ${live} rename to ${old}`);
      await client.query(`alter schema ${shadow} rename to ${live}`);
      return { checkpoint, caughtUp: before + caughtUp };
    },
    true,
  );
  await dropSchemaInSteps(options.pool, old);
  return result;
};

/**
 * Brings whichever side is behind up to the other's checkpoint (the live side too: that is exactly what the live
 * runner would have applied next), then compares. Rolls everything back: a verification changes nothing.
 */
export const verifyAgainstLive = async (options: FinishOptions): Promise<VerifyResult> => {
  // Most of the shadow's catch-up in short transactions first, as for a swap.
  await catchUpInSteps(options, options.shadowSchema);
  return inTransaction(
    options.pool,
    async (client) => {
      await client.query(`lock table ${options.liveSchema}.${CHECKPOINT_TABLE} in access exclusive mode`);
      const liveAt = await readCheckpointRow(client, options.liveSchema, options.projection);
      const shadowAt = await readCheckpointRow(client, options.shadowSchema, options.projection);
      if (compareCheckpoints(shadowAt, liveAt) < 0) await catchUp(client, options, options.shadowSchema, liveAt);
      else if (compareCheckpoints(liveAt, shadowAt) < 0) await catchUp(client, options, options.liveSchema, shadowAt);
      const checkpoint = await readCheckpointRow(client, options.liveSchema, options.projection);
      const [liveSums, rebuiltSums] = [await tableChecksums(client, options.liveSchema), await tableChecksums(client, options.shadowSchema)];
      return { checkpoint, live: liveSums, rebuilt: rebuiltSums, differences: compareChecksums(liveSums, rebuiltSums) };
    },
    false,
  );
};
