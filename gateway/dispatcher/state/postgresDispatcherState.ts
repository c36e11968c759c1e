// The dispatcher's checkpoint and write-ahead record of Telegram calls in PostgreSQL (see migrations.ts).
import type pg from 'pg';
import type { Checkpoint } from '../../../actors/eventStore/types.js';
import type { DispatcherState } from '../types.js';
import { dispatcherSqlNames } from './names.js';

export interface PostgresDispatcherStateOptions {
  /** Borrowed, never ended. */
  readonly pool: pg.Pool;
  /** Schema migrated by `lexbot ops migrate` (the `dispatcher` set); default "dispatcher". */
  readonly schema?: string;
  /** Which dispatcher's state this is (several may follow one log for different purposes); default "dispatcher". */
  readonly name?: string;
}

const PG_UNDEFINED_TABLE = '42P01';

export const createPostgresDispatcherState = (options: PostgresDispatcherStateOptions): DispatcherState => {
  const { pool } = options;
  const n = dispatcherSqlNames(options.schema);
  const name = options.name ?? 'dispatcher';

  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> => {
    try {
      return await pool.query<R>(text, values);
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === PG_UNDEFINED_TABLE) {
        throw new Error(`dispatcher schema "${n.schema}" is not migrated: run \`lexbot ops migrate\``, { cause: error });
      }
      throw error;
    }
  };

  return {
    async loadCheckpoint() {
      const result = await query<{ commit_position: string; log_position: string }>(
        `select commit_position::text, log_position::text from ${n.checkpoints} where name = $1`,
        [name],
      );
      const row = result.rows[0];
      return row === undefined ? undefined : { commit: BigInt(row.commit_position), position: BigInt(row.log_position) };
    },

    async claim(eventId) {
      // One round trip: a new row is a first attempt; an unfinished row is counted up (a resend); a finished row is
      // left alone and returns nothing.
      const result = await query<{ attempts: number }>(
        `insert into ${n.attempts} as a (name, event_id) values ($1, $2)
         on conflict (name, event_id) do update set attempts = a.attempts + 1, started_at = now() where a.done_at is null
         returning attempts`,
        [name, eventId],
      );
      const row = result.rows[0];
      return row === undefined ? 'done' : row.attempts === 1 ? 'fresh' : 'resend';
    },

    async complete(eventId, outcome) {
      await query(`update ${n.attempts} set done_at = now(), outcome = $3 where name = $1 and event_id = $2`, [name, eventId, outcome]);
    },

    async commit(checkpoint: Checkpoint, settled) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(
          `insert into ${n.checkpoints} as c (name, commit_position, log_position) values ($1, $2, $3)
           on conflict (name) do update set commit_position = excluded.commit_position, log_position = excluded.log_position, updated_at = now()
           where (c.commit_position, c.log_position) < (excluded.commit_position, excluded.log_position)`,
          [name, checkpoint.commit.toString(), checkpoint.position.toString()],
        );
        if (settled.length > 0) await client.query(`delete from ${n.attempts} where name = $1 and event_id = any($2::text[])`, [name, settled]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    async close() {},
  };
};
