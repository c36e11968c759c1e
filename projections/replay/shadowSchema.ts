// Creating and dropping a whole read-model schema (a hundred-odd tables with their partitions and indexes) in one
// transaction holds a transaction id for as long as the catalog work takes — up to a second on a busy machine, and
// every live log reader waits that long (boundedTransactions.ts). So both go statement by statement, each its own
// short transaction (many in one round trip). Nobody reads the shadow (or the old schema after a swap) meanwhile, so
// the steps in between are harmless; a rebuild that stops between them leaves a half-made shadow that the next one
// drops first.
//
// The partitioned tables' indexes (primary keys included) are left out until their rows are in: building an index
// once is far cheaper than maintaining it row by row through the COPY, and one CREATE INDEX over a whole table would
// hold its transaction id for the whole build. So each partition gets its indexes built one per transaction (a
// partition holds 1/N of the rows: short), and then the parent's index is created the ordinary way, which finds the
// equal index on every partition and attaches it instead of building (catalog work only). The definitions are the
// DDL's own (ddl.ts), so the result is the schema a migration creates.
import type pg from 'pg';
import { readModelIndexesSql, readModelTablesSql } from '../readModels/ddl.js';
import { USER_STATS_VIEW, validateReadModelSchema } from '../readModels/names.js';

/** The statements of a DDL script, one by one. */
export const ddlStatements = (sql: string): string[] =>
  sql
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s.length > 0);

/**
 * Runs each statement in a short transaction of its own, all in one round trip, with `synchronous_commit = off`: only
 * for a shadow or an old schema, which nobody reads (a crash loses at most steps the next rebuild redoes; the swap's
 * own commit is synchronous and flushes the WAL before it). Saves a WAL flush and a round trip per statement.
 */
const eachInOwnTransaction = async (client: pg.PoolClient, statements: readonly string[]): Promise<void> => {
  if (statements.length === 0) return;
  try {
    await client.query(statements.map((s) => `begin; set local synchronous_commit = off; ${s}; commit;`).join('\n'));
  } catch (error) {
    // The failed statement's transaction is still open (aborted); the rest of the string did not run.
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
};

const withClient = async <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
};

/** Drops `schema` (if it exists) a table at a time: the view, then each partition, then the rest. */
export const dropSchemaInSteps = async (pool: pg.Pool, schema: string): Promise<void> => {
  validateReadModelSchema(schema);
  const { rows } = await pool.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p') order by c.relispartition desc, c.relname`,
    [schema],
  );
  await withClient(pool, (client) =>
    eachInOwnTransaction(client, [
      `drop view if exists ${schema}.${USER_STATS_VIEW}`,
      ...rows.map(({ name }) => `drop table if exists ${schema}.${name} cascade`),
      `drop schema if exists ${schema} cascade`,
    ]),
  );
};

/** The indexes of one partitioned table, left for after its COPY. */
export interface DeferredIndexes {
  /** Per partition, its index builds: one statement per transaction (its primary key first). */
  readonly partitions: readonly (readonly string[])[];
  /** Then on the parent, each its own transaction: the same indexes, which attach the partitions' (no build). */
  readonly parent: readonly string[];
}

/** The shadow's deferred indexes by (unqualified) table name; tables not in it have all their indexes already. */
export type DeferredIndexPlan = ReadonlyMap<string, DeferredIndexes>;

const CREATE_INDEX = /^create\s+index\s+(?:if\s+not\s+exists\s+)?\w+\s+on\s+(\w+)\.(\w+)\s+(.+)$/is;

/**
 * A fresh, empty shadow schema with every table and partition. The indexes of unpartitioned tables are created now
 * (on empty tables: free); those of partitioned tables, primary keys included, are returned for
 * `buildDeferredIndexes` once the table's rows are in.
 */
export const createShadowSchema = async (pool: pg.Pool, schema: string, partitions: number): Promise<DeferredIndexPlan> => {
  validateReadModelSchema(schema);
  await dropSchemaInSteps(pool, schema);
  await withClient(pool, (client) => eachInOwnTransaction(client, [`create schema ${schema}`, ...ddlStatements(readModelTablesSql(schema, partitions))]));
  const { rows: tables } = await pool.query<{ name: string; partitions: string[]; pkey: string | null; pkeyDef: string | null }>(
    `select c.relname as name,
            array(select p.relname::text from pg_inherits i join pg_class p on p.oid = i.inhrelid where i.inhparent = c.oid order by p.relname) as partitions,
            k.conname as pkey, pg_get_constraintdef(k.oid) as "pkeyDef"
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       left join pg_constraint k on k.conrelid = c.oid and k.contype = 'p'
      where n.nspname = $1 and c.relkind = 'p'
      order by c.relname`,
    [schema],
  );
  const plan = new Map(tables.map((t) => [t.name, { partitions: t.partitions.map((): string[] => []), parent: [] as string[] }]));
  const partitionsOf = new Map(tables.map((t) => [t.name, t.partitions]));
  const now: string[] = [];
  for (const t of tables) {
    if (t.pkey === null || t.pkeyDef === null) continue;
    // Dropped from the empty tables (it recurses to the partitions) and added back partition by partition.
    now.push(`alter table ${schema}.${t.name} drop constraint ${t.pkey}`);
    const entry = plan.get(t.name)!;
    t.partitions.forEach((partition, i) => entry.partitions[i]!.push(`alter table ${schema}.${partition} add ${t.pkeyDef}`));
    entry.parent.push(`alter table ${schema}.${t.name} add constraint ${t.pkey} ${t.pkeyDef}`);
  }
  for (const statement of ddlStatements(readModelIndexesSql(schema))) {
    const parsed = CREATE_INDEX.exec(statement);
    const [table, definition] = parsed !== null && parsed[1] === schema ? [parsed[2]!, parsed[3]!] : [null, null];
    const entry = table === null ? undefined : plan.get(table);
    if (entry === undefined) {
      now.push(statement);
      continue;
    }
    // Unnamed on the partition: PostgreSQL names it as it names the index it creates there for the parent's.
    partitionsOf.get(table!)!.forEach((partition, i) => entry.partitions[i]!.push(`create index on ${schema}.${partition} ${definition}`));
    entry.parent.push(statement);
  }
  await withClient(pool, (client) => eachInOwnTransaction(client, now));
  return plan;
};

/**
 * Builds a table's deferred indexes: each partition's in one round trip of short transactions (one index each), then
 * the parent's, which only attach them. Stops before the next partition once `signal` aborts.
 */
export const buildDeferredIndexes = async (client: pg.PoolClient, indexes: DeferredIndexes, signal?: AbortSignal): Promise<void> => {
  for (const statements of indexes.partitions) {
    signal?.throwIfAborted();
    await eachInOwnTransaction(client, statements);
  }
  signal?.throwIfAborted();
  await eachInOwnTransaction(client, indexes.parent);
};
