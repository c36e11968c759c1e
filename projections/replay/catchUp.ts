// Applying the events appended after a schema's checkpoint, for the swap and for --verify. Each write transaction
// holds the live log readers back while it runs (boundedTransactions.ts), so the bulk of it goes in short
// transactions of its own, sized from how long the last one took.
import type pg from 'pg';
import { compareCheckpoints, type Checkpoint, type EventStore } from '../../actors/eventStore/types.js';
import { readCheckpointRow } from '../readModels/checkpointRow.js';
import { applyEventsInTransaction } from '../readModels/readModelTarget.js';
import type { DeadLetterStore } from '../runner/deadLetters.js';
import type { FailureMode } from '../runner/types.js';
import { createTransactionSizer, DEFAULT_MAX_TRANSACTION_MS } from './boundedTransactions.js';
import { ReplayHaltedError } from './rebuild.js';

export interface FinishOptions {
  readonly store: EventStore;
  readonly pool: pg.Pool;
  readonly liveSchema: string;
  readonly shadowSchema: string;
  readonly projection: string;
  readonly failureMode: FailureMode;
  readonly deadLetters: DeadLetterStore | null;
  readonly pageSize?: number;
  /** Bound of each catch-up transaction (default DEFAULT_MAX_TRANSACTION_MS). */
  readonly maxTransactionMs?: number;
}

/** Applies events after the schema's checkpoint, up to `until` (inclusive) or the head, inside the transaction. */
export const catchUp = async (client: pg.PoolClient, options: FinishOptions, schema: string, until: Checkpoint | null): Promise<number> => {
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

export const inTransaction = async <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, commit: boolean, begin = 'begin'): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query(begin);
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
 * than it asked for (the head as of then) or `until` (inclusive) is reached. Returns how many it applied.
 */
export const catchUpInSteps = async (options: FinishOptions, schema: string, until: Checkpoint | null = null): Promise<number> => {
  const maxTransactionMs = options.maxTransactionMs ?? DEFAULT_MAX_TRANSACTION_MS;
  // A first guess of 100 events per 100 ms of bound, then as timed.
  const sizer = createTransactionSizer(maxTransactionMs, maxTransactionMs, 1, options.pageSize ?? 1000);
  let applied = 0;
  for (;;) {
    const limit = sizer.next();
    const from = await readCheckpointRow(options.pool, schema, options.projection);
    if (until !== null && compareCheckpoints(from, until) >= 0) return applied;
    const page = await options.store.readAll(from, limit);
    const events = until === null ? page.events : page.events.filter((e) => compareCheckpoints(e.checkpoint, until) <= 0);
    if (events.length === 0) return applied;
    const started = performance.now();
    await inTransaction(
      options.pool,
      async (client) => {
        const result = await applyEventsInTransaction(client, schema, options.projection, events, from, options.failureMode, options.deadLetters);
        if (result.halted !== null) throw new ReplayHaltedError(result.halted);
      },
      true,
    );
    sizer.record(events.length, performance.now() - started);
    applied += events.length;
    if (page.events.length < limit || events.length < page.events.length) return applied;
  }
};
