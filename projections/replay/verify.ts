// --verify: compares a rebuild with the live tables, changing nothing, without holding the live log readers back and
// without keeping the live projector out.
//
// The log's readers (and so every reply) wait for each transaction that holds a transaction id anywhere in the
// cluster (boundedTransactions.ts). A read-only transaction takes none: the readers' horizon,
// pg_snapshot_xmin(pg_current_snapshot()), counts assigned ids only (checked: a REPEATABLE READ transaction idle with
// its snapshot shows no pg_stat_activity.backend_xid, and the horizon moves past ids committed after it began). So
// the comparison only reads, and the only writes are the shadow's catch-up, in the bounded steps of catchUp.ts:
//   1. the shadow is caught up to where the live checkpoint is now, in steps;
//   2. one REPEATABLE READ READ ONLY transaction reads the live checkpoint and then every live table's checksum, all
//      in one snapshot: the projector writes its rows and its checkpoint in one transaction, so this is the live
//      state at that checkpoint, while the projector goes on committing beside it;
//   3. meanwhile the shadow is caught up to exactly that checkpoint (steps again: only what came in since 1) and read
//      table by table beside the live side, on a connection of its own (nothing else writes the shadow).
// The live checkpoint only moves forward, so the shadow never has to go back: replayReadModels rebuilds it up to the
// live checkpoint as of its start.
//
// (Tried first: each partition compared on its own, the live side's rows and checkpoint in one statement and the
// shadow caught up to that checkpoint before its side. No snapshot stays open, but the shadow then has to apply
// everything the live projector applies during the whole comparison, in steps: beside 200 events/s on a loaded
// machine it chased the live tables for minutes. See NOTES.md.)
import type pg from 'pg';
import { compareCheckpoints, type Checkpoint } from '../../actors/eventStore/types.js';
import { readCheckpointRow } from '../readModels/checkpointRow.js';
import { CHECKPOINT_TABLE, READ_MODEL_TABLES, type ReadModelTable } from '../readModels/names.js';
import { catchUp, catchUpInSteps, inTransaction, type FinishOptions } from './catchUp.js';
import { checksumSql, compareChecksums, type Checksums, type TableChecksum, type TableDifference } from './checksums.js';

export interface VerifyResult {
  readonly checkpoint: Checkpoint;
  readonly live: Checksums;
  readonly rebuilt: Checksums;
  readonly differences: readonly TableDifference[];
}

export interface VerifyOptions extends FinishOptions {
  /** Awaited after each table's comparison, with the live snapshot still open (tests). */
  readonly onTableCompared?: (table: ReadModelTable) => Promise<void> | void;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

const readSum = async (db: Queryable, schema: string, table: ReadModelTable): Promise<TableChecksum> => {
  const row = (await db.query<{ rows: number; md5: string }>(checksumSql(`${schema}.${table}`, table))).rows[0]!;
  return { rows: row.rows, md5: row.md5 };
};

const compareTables = async (options: VerifyOptions, live: Queryable, shadow: Queryable, checkpoint: Checkpoint): Promise<VerifyResult> => {
  const liveSums: Partial<Checksums> = {};
  const rebuiltSums: Partial<Checksums> = {};
  for (const table of READ_MODEL_TABLES) {
    [liveSums[table], rebuiltSums[table]] = await Promise.all([readSum(live, options.liveSchema, table), readSum(shadow, options.shadowSchema, table)]);
    await options.onTableCompared?.(table);
  }
  const [l, r] = [liveSums as Checksums, rebuiltSums as Checksums];
  return { checkpoint, live: l, rebuilt: r, differences: compareChecksums(l, r) };
};

/**
 * When the live tables are behind the shadow (a caller that rebuilt up to the head while the projector lagged;
 * replayReadModels never does): the missing events applied to them in a transaction that is rolled back, with the
 * projector's batches locked out, and both sides read in it. This one holds a transaction id until it ends.
 */
const verifyAhead = (options: VerifyOptions, at: Checkpoint): Promise<VerifyResult> =>
  inTransaction(
    options.pool,
    async (client) => {
      await client.query(`lock table ${options.liveSchema}.${CHECKPOINT_TABLE} in exclusive mode`);
      await catchUp(client, options, options.liveSchema, at);
      return compareTables(options, client, client, at);
    },
    false,
  );

/** Compares the shadow with the live tables at one live checkpoint (see above). Changes nothing but the shadow. */
export const verifyAgainstLive = async (options: VerifyOptions): Promise<VerifyResult> => {
  const { pool, liveSchema: live, shadowSchema: shadow, projection } = options;
  const shadowAt = await readCheckpointRow(pool, shadow, projection);
  const liveNow = await readCheckpointRow(pool, live, projection);
  if (compareCheckpoints(shadowAt, liveNow) > 0) return verifyAhead(options, shadowAt);
  await catchUpInSteps(options, shadow, liveNow);
  return inTransaction(
    pool,
    async (client) => {
      // The transaction's snapshot is taken here: the checksums below see the live tables at this checkpoint.
      const checkpoint = await readCheckpointRow(client, live, projection);
      await catchUpInSteps(options, shadow, checkpoint);
      return compareTables(options, client, pool, checkpoint);
    },
    true,
    'begin isolation level repeatable read read only',
  );
};
