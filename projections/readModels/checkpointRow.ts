// The projection's checkpoint row, read and written inside the batch transactions.
import type pg from 'pg';
import { START, type Checkpoint } from '../../actors/eventStore/types.js';
import { CHECKPOINT_TABLE } from './names.js';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export const ensureCheckpointRow = async (db: Queryable, schema: string, projection: string): Promise<void> => {
  await db.query(`insert into ${schema}.${CHECKPOINT_TABLE} (projection, commit, position) values ($1, 0, 0) on conflict do nothing`, [projection]);
};

/** Reads the checkpoint; `forUpdate` locks the row, which is the fence every batch takes first. */
export const readCheckpointRow = async (db: Queryable, schema: string, projection: string, forUpdate = false): Promise<Checkpoint> => {
  const result = await db.query<{ commit: string; position: string }>(
    `select commit::text as commit, position::text as position from ${schema}.${CHECKPOINT_TABLE} where projection = $1${forUpdate ? ' for update' : ''}`,
    [projection],
  );
  const row = result.rows[0];
  return row === undefined ? START : { commit: BigInt(row.commit), position: BigInt(row.position) };
};

export const writeCheckpointRow = async (db: Queryable, schema: string, projection: string, checkpoint: Checkpoint): Promise<void> => {
  await db.query(`update ${schema}.${CHECKPOINT_TABLE} set commit = $2, position = $3 where projection = $1`, [
    projection,
    checkpoint.commit.toString(),
    checkpoint.position.toString(),
  ]);
};
