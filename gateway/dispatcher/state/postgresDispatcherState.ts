// The dispatcher's checkpoint and write-ahead record of Telegram calls in PostgreSQL (see migrations.ts).
import type pg from 'pg';
import type { DispatcherState, Progress } from '../types.js';
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

const isEmpty = ({ completed, checkpoint, settled }: Progress): boolean => completed.length === 0 && checkpoint === undefined && settled.length === 0;

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

  /**
   * The CTEs that write `progress`, its values numbered from `$first` (`$1` is the dispatcher's name). A call
   * finished and settled in the same write is only deleted (one statement must not touch a row twice).
   */
  const progressWrites = (first: number): string => {
    const [ids, outcomes, settled, commit, position] = [0, 1, 2, 3, 4].map((offset) => `$${first + offset}`);
    return `completed as (
           update ${n.attempts} a set done_at = now(), outcome = c.outcome
           from unnest(${ids}::text[], ${outcomes}::text[]) as c(event_id, outcome)
           where a.name = $1 and a.event_id = c.event_id and not (c.event_id = any(${settled}::text[]))
           returning 1
         ), forgotten as (
           delete from ${n.attempts} where name = $1 and event_id = any(${settled}::text[]) returning 1
         ), moved as (
           insert into ${n.checkpoints} as c (name, commit_position, log_position)
           select $1, ${commit}::numeric, ${position}::numeric where ${commit}::numeric is not null
           on conflict (name) do update set commit_position = excluded.commit_position, log_position = excluded.log_position, updated_at = now()
           where (c.commit_position, c.log_position) < (excluded.commit_position, excluded.log_position)
           returning 1
         )`;
  };
  const progressValues = ({ completed, settled, checkpoint }: Progress): unknown[] => [
    completed.map((call) => call.eventId),
    completed.map((call) => call.outcome),
    settled,
    checkpoint?.commit.toString() ?? null,
    checkpoint?.position.toString() ?? null,
  ];

  return {
    async loadCheckpoint() {
      const result = await query<{ commit_position: string; log_position: string }>(
        `select commit_position::text, log_position::text from ${n.checkpoints} where name = $1`,
        [name],
      );
      const row = result.rows[0];
      return row === undefined ? undefined : { commit: BigInt(row.commit_position), position: BigInt(row.log_position) };
    },

    async claim(eventIds, progress) {
      if (eventIds.length === 0 && progress === undefined) return [];
      // One round trip for the whole group: a new row is a first attempt; an unfinished row is counted up (a
      // resend); a finished row is left alone and returns nothing. A progress write riding along touches other rows
      // (calls that finished, or that the checkpoint covers, are never claimed again in this run).
      const claimed = `claimed as (
           insert into ${n.attempts} as a (name, event_id) select $1, unnest($2::text[])
           on conflict (name, event_id) do update set attempts = a.attempts + 1, started_at = now() where a.done_at is null
           returning event_id, attempts
         )`;
      const result =
        progress === undefined || isEmpty(progress)
          ? await query<{ event_id: string; attempts: number }>(`with ${claimed} select event_id, attempts from claimed`, [name, eventIds])
          : await query<{ event_id: string; attempts: number }>(`with ${progressWrites(3)}, ${claimed} select event_id, attempts from claimed`, [
              name,
              eventIds,
              ...progressValues(progress),
            ]);
      const attempts = new Map(result.rows.map((row) => [row.event_id, row.attempts]));
      return eventIds.map((eventId) => {
        const count = attempts.get(eventId);
        return count === undefined ? 'done' : count === 1 ? 'fresh' : 'resend';
      });
    },

    async commit(progress) {
      if (isEmpty(progress)) return;
      // One statement, so one round trip and one commit, atomic as a whole.
      await query(
        `with ${progressWrites(2)}
         select (select count(*) from completed) as completed, (select count(*) from forgotten) as forgotten, (select count(*) from moved) as moved`,
        [name, ...progressValues(progress)],
      );
    },

    async close() {},
  };
};
