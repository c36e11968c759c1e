// The bulk rebuild: fold the whole log in memory with the same pure projection the live runner uses, then write the
// final rows into empty shadow tables with COPY (a table per connection), and only then build the secondary indexes.
// Reading the next page overlaps folding the current one.
import type pg from 'pg';
import { START, type Checkpoint, type EventStore, type RecordedEvent } from '../../actors/eventStore/types.js';
import { ensureCheckpointRow, writeCheckpointRow } from '../readModels/checkpointRow.js';
import { readModelIndexesSql, readModelTablesSql } from '../readModels/ddl.js';
import { decodeEvent } from '../readModels/decode.js';
import { createFoldState, foldEvent } from '../readModels/foldState.js';
import { validateReadModelSchema } from '../readModels/names.js';
import { writeAll } from '../readModels/writeBatch.js';
import { REPLAY_READ_OPTIONS } from './readOptions.js';
import type { DeadLetterStore } from '../runner/deadLetters.js';
import type { EventFailure, FailureMode } from '../runner/types.js';

export interface RebuildOptions {
  readonly store: EventStore;
  readonly pool: pg.Pool;
  /** Schema to build into; dropped first when it exists. */
  readonly shadowSchema: string;
  readonly partitions: number;
  readonly projection: string;
  readonly failureMode: FailureMode;
  readonly deadLetters: DeadLetterStore | null;
  readonly pageSize?: number;
  readonly onProgress?: (progress: { readonly events: number; readonly checkpoint: Checkpoint }) => void;
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
  readonly indexMs: number;
}

export class ReplayHaltedError extends Error {
  constructor(readonly failure: EventFailure) {
    super(`replay halted on event ${failure.event.id} (${failure.event.type} in ${failure.event.streamName}): ${failure.error}`);
    this.name = 'ReplayHaltedError';
  }
}

const message = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export const createShadowSchema = async (pool: pg.Pool, schema: string, partitions: number): Promise<void> => {
  validateReadModelSchema(schema);
  await pool.query(`drop schema if exists ${schema} cascade`);
  await pool.query(`create schema ${schema}`);
  await pool.query(readModelTablesSql(schema, partitions));
};

/** The index statements grouped by the table they index (`create index … on schema.table …`). */
const indexesByTable = (sql: string): { byTable: Map<string, string[]>; rest: string[] } => {
  const byTable = new Map<string, string[]>();
  const rest: string[] = [];
  for (const statement of sql.split(/;\s*\n/).map((s) => s.trim()).filter((s) => s.length > 0)) {
    const table = / on [a-z_][a-z0-9_]*\.([a-z_][a-z0-9_]*)[\s(]/.exec(statement)?.[1];
    if (table === undefined) rest.push(statement);
    else byTable.set(table, [...(byTable.get(table) ?? []), statement]);
  }
  return { byTable, rest };
};

export const rebuildInto = async (options: RebuildOptions): Promise<RebuildResult> => {
  const { store, pool, shadowSchema: schema } = options;
  const pageSize = options.pageSize ?? 5000;
  await createShadowSchema(pool, schema, options.partitions);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const state = createFoldState();
  const failures: EventFailure[] = [];
  let checkpoint: Checkpoint = START;
  let events = 0;
  let next = store.readAll(START, pageSize, REPLAY_READ_OPTIONS);
  for (;;) {
    const page = await next;
    if (page.events.length === 0) break;
    next = store.readAll(page.checkpoint, pageSize, REPLAY_READ_OPTIONS);
    for (const recorded of page.events as RecordedEvent[]) {
      try {
        const input = decodeEvent(recorded);
        if (input !== null) foldEvent(state, input);
      } catch (error) {
        const failure = { event: recorded, error: message(error) };
        if (options.failureMode === 'halt') {
          await options.deadLetters?.record(pool, options.projection, [failure], 'halt');
          await next.catch(() => undefined);
          throw new ReplayHaltedError(failure);
        }
        failures.push(failure);
      }
    }
    checkpoint = page.checkpoint;
    events += page.events.length;
    options.onProgress?.({ events, checkpoint });
  }
  const folded = performance.now();
  const cpu = process.cpuUsage(cpuStarted);
  // Each table gets its indexes and statistics on its own connection right after its COPY, so index builds of
  // one table overlap the COPY of others. (Fresh tables have no statistics: without them the planner guesses
  // badly until autovacuum comes by.)
  const { byTable, rest } = indexesByTable(readModelIndexesSql(schema));
  let lastCopy = folded;
  const rows = await writeAll(() => pool.connect(), schema, state, async (client, table) => {
    lastCopy = Math.max(lastCopy, performance.now());
    for (const statement of byTable.get(table) ?? []) await client.query(statement);
    await client.query(`analyze ${schema}.${table}`);
  });
  for (const statement of rest) await pool.query(statement);
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
