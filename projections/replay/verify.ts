// --verify: compares a rebuild with the live tables, changing nothing, without holding the live log readers back and
// without keeping the live projector out for more than one partition's read.
//
// The log's readers (and so every reply) wait for each transaction that holds a transaction id anywhere in the
// cluster (boundedTransactions.ts). A read-only statement takes none: the readers' horizon,
// pg_snapshot_xmin(pg_current_snapshot()), counts assigned ids only (checked: a REPEATABLE READ transaction idle with
// its snapshot shows no pg_stat_activity.backend_xid, and the horizon moves past ids committed after it began). So
// the comparison only reads; the only writes are the shadow's catch-up, in the bounded steps of catchUp.ts.
//
// Each table is compared a partition at a time (both sides have the same partitions unless --partitions said
// otherwise; then the whole table at once):
//   1. one statement reads the live partition's checksum and the live checkpoint. One statement sees one snapshot,
//      and the projector writes its rows and its checkpoint in one transaction: this is the partition at that
//      checkpoint;
//   2. the shadow is caught up to exactly that checkpoint (nothing else writes it);
//   3. one statement reads the shadow partition's checksum.
// The live checkpoint only moves forward, so the shadow never has to go back: replayReadModels rebuilds it up to the
// live checkpoint as of its start, and it follows the live one from partition to partition. (Rows are partitioned by
// user, so comparing partitions at different checkpoints compares every row at one checkpoint.)
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { compareCheckpoints, START, type Checkpoint } from '../../actors/eventStore/types.js';
import { readCheckpointRow } from '../readModels/checkpointRow.js';
import { CHECKPOINT_TABLE, READ_MODEL_TABLES, type ReadModelTable } from '../readModels/names.js';
import { catchUp, catchUpInSteps, inTransaction, type FinishOptions } from './catchUp.js';
import { checksumSql, compareChecksums, type Checksums, type TableChecksum, type TableDifference } from './checksums.js';

export interface VerifyResult {
  /** The live checkpoint of the last comparison: each partition is compared at the live checkpoint of its read. */
  readonly checkpoint: Checkpoint;
  /**
   * Per table: rows, and for a table compared whole the md5 of its rows (as tableChecksums); for one compared a
   * partition at a time the md5 of its partitions' md5s, one a line in the order of their bounds.
   */
  readonly live: Checksums;
  readonly rebuilt: Checksums;
  readonly differences: readonly TableDifference[];
}

export interface VerifyOptions extends FinishOptions {
  /** Awaited after each part's comparison, outside any transaction (tests). */
  readonly onPartCompared?: (part: VerifyPart) => Promise<void> | void;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** What is compared in one step: relations that hold the same rows on each side (equal partitions, or the tables). */
export interface VerifyPart {
  readonly table: ReadModelTable;
  readonly live: string;
  readonly shadow: string;
}

interface Compared {
  readonly at: Checkpoint;
  readonly live: TableChecksum;
  readonly rebuilt: TableChecksum;
}

/**
 * Per partitioned table of `schema`: its partitions by their bound (`FOR VALUES WITH (modulus …, remainder …)`).
 * (pg_get_expr without the relation: with it, it would open, and so wait on, every partition.)
 */
const partitionsOf = async (pool: pg.Pool, schema: string): Promise<Map<string, Map<string, string>>> => {
  const { rows } = await pool.query<{ table: string; partition: string; bound: string }>(
    `select c.relname as table, p.relname as partition, pg_get_expr(p.relpartbound, 0) as bound
       from pg_class c join pg_inherits i on i.inhparent = c.oid join pg_class p on p.oid = i.inhrelid
      where c.relnamespace = $1::text::regnamespace and c.relkind = 'p'`,
    [schema],
  );
  const tables = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const bounds = tables.get(row.table) ?? new Map<string, string>();
    bounds.set(row.bound, row.partition);
    tables.set(row.table, bounds);
  }
  return tables;
};

const partsOf = async (options: FinishOptions): Promise<Map<ReadModelTable, VerifyPart[]>> => {
  const { liveSchema: live, shadowSchema: shadow } = options;
  const [liveParts, shadowParts] = [await partitionsOf(options.pool, live), await partitionsOf(options.pool, shadow)];
  const parts = new Map<ReadModelTable, VerifyPart[]>();
  for (const table of READ_MODEL_TABLES) {
    const [l, s] = [liveParts.get(table), shadowParts.get(table)];
    const same = l !== undefined && s !== undefined && l.size === s.size && [...l.keys()].every((bound) => s.has(bound));
    parts.set(
      table,
      same
        ? [...l.keys()].sort().map((bound) => ({ table, live: `${live}.${l.get(bound)!}`, shadow: `${shadow}.${s.get(bound)!}` }))
        : [{ table, live: `${live}.${table}`, shadow: `${shadow}.${table}` }],
    );
  }
  return parts;
};

const readSum = async (db: Queryable, relation: string, table: ReadModelTable): Promise<TableChecksum> => {
  const row = (await db.query<{ rows: number; md5: string }>(checksumSql(relation, table))).rows[0]!;
  return { rows: row.rows, md5: row.md5 };
};

/** The live relation's checksum and the live checkpoint, in one statement (one snapshot, no transaction id). */
const readLiveSum = async (options: FinishOptions, part: VerifyPart): Promise<{ at: Checkpoint; sum: TableChecksum }> => {
  const checkpoint = (column: string): string =>
    `(select ${column}::text from ${options.liveSchema}.${CHECKPOINT_TABLE} where projection = $1) as ${column}`;
  const sql = checksumSql(part.live, part.table, `, ${checkpoint('commit')}, ${checkpoint('position')}`);
  const row = (await options.pool.query<{ rows: number; md5: string; commit: string | null; position: string | null }>(sql, [options.projection])).rows[0]!;
  const at = row.commit === null || row.position === null ? START : { commit: BigInt(row.commit), position: BigInt(row.position) };
  return { at, sum: { rows: row.rows, md5: row.md5 } };
};

/**
 * The live relation as the live projector will have it at `at`, when the live tables are behind the shadow (a caller
 * that rebuilt up to the head while the projector lagged; replayReadModels never does): the missing events applied in
 * a transaction that is rolled back, with the projector's batches locked out meanwhile. This one holds a transaction
 * id for as long as it applies and reads. Null when the live checkpoint has passed `at` since.
 */
const readLiveSumAhead = (options: FinishOptions, part: VerifyPart, at: Checkpoint): Promise<TableChecksum | null> =>
  inTransaction(
    options.pool,
    async (client) => {
      await client.query(`lock table ${options.liveSchema}.${CHECKPOINT_TABLE} in exclusive mode`);
      if (compareCheckpoints(await readCheckpointRow(client, options.liveSchema, options.projection), at) > 0) return null;
      await catchUp(client, options, options.liveSchema, at);
      return readSum(client, part.live, part.table);
    },
    false,
  );

const comparePart = async (options: FinishOptions, part: VerifyPart): Promise<Compared> => {
  for (;;) {
    const live = await readLiveSum(options, part);
    const shadowAt = await readCheckpointRow(options.pool, options.shadowSchema, options.projection);
    if (compareCheckpoints(shadowAt, live.at) <= 0) {
      await catchUpInSteps(options, options.shadowSchema, live.at);
      return { at: live.at, live: live.sum, rebuilt: await readSum(options.pool, part.shadow, part.table) };
    }
    const ahead = await readLiveSumAhead(options, part, shadowAt);
    if (ahead !== null) return { at: shadowAt, live: ahead, rebuilt: await readSum(options.pool, part.shadow, part.table) };
  }
};

const combine = (sums: readonly TableChecksum[]): TableChecksum =>
  sums.length === 1
    ? sums[0]!
    : { rows: sums.reduce((n, s) => n + s.rows, 0), md5: createHash('md5').update(sums.map((s) => s.md5).join('\n')).digest('hex') };

/** Compares the shadow with the live tables a partition at a time (see above). Changes nothing but the shadow. */
export const verifyAgainstLive = async (options: VerifyOptions): Promise<VerifyResult> => {
  const parts = await partsOf(options);
  const live: Partial<Checksums> = {};
  const rebuilt: Partial<Checksums> = {};
  let checkpoint = START;
  for (const table of READ_MODEL_TABLES) {
    const compared: Compared[] = [];
    for (const part of parts.get(table)!) {
      compared.push(await comparePart(options, part));
      await options.onPartCompared?.(part);
    }
    for (const c of compared) if (compareCheckpoints(c.at, checkpoint) > 0) checkpoint = c.at;
    live[table] = combine(compared.map((c) => c.live));
    rebuilt[table] = combine(compared.map((c) => c.rebuilt));
  }
  return { checkpoint, live: live as Checksums, rebuilt: rebuilt as Checksums, differences: compareChecksums(live as Checksums, rebuilt as Checksums) };
};
