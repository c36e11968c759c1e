// Ends a replay: catches the shadow up with events appended since the rebuild read them, then swaps it in (schema
// renames in one transaction: readers see the old tables or the new ones, never a mix). (--verify: verify.ts.)
//
// The catch-up runs first in short transactions of its own (catchUp.ts: each write transaction holds the live log
// readers back), until one comes back short of a full page; the swap transaction then applies only what was
// appended since, so it holds its transaction id about as long as one such step. The old schema is dropped after the
// swap a table at a time.
//
// The transaction first takes an exclusive lock on the live checkpoint table. The live runner's next batch begins by
// locking its checkpoint row, so it waits there; once we commit, PostgreSQL looks the table name up again and the
// runner finds the swapped-in checkpoint, which differs from the one it expected (CheckpointMovedError): it re-reads
// it and goes on from there, on the new tables. Nothing is applied twice or lost.
import type pg from 'pg';
import type { Checkpoint } from '../../actors/eventStore/types.js';
import { readCheckpointRow } from '../readModels/checkpointRow.js';
import { CHECKPOINT_TABLE } from '../readModels/names.js';
import { catchUp, catchUpInSteps, inTransaction, type FinishOptions } from './catchUp.js';
import { dropSchemaInSteps } from './shadowSchema.js';

export type { FinishOptions } from './catchUp.js';

export interface SwapResult {
  readonly checkpoint: Checkpoint;
  /** Events applied to the shadow after the rebuild (appended meanwhile). */
  readonly caughtUp: number;
}

const schemaExists = async (client: pg.PoolClient, schema: string): Promise<boolean> =>
  (await client.query('select 1 from pg_namespace where nspname = $1', [schema])).rowCount === 1;

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
