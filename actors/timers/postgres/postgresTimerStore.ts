// Timers in PostgreSQL. Due timers are taken with `for update skip locked` inside a transaction that stays open
// while they are delivered and commits their `fired` mark afterwards: two pollers never deliver the same timer at
// once, a cancel racing with a delivery waits for it and then finds the timer fired, and a poller that dies
// mid-delivery leaves its timers pending (the mailbox drops the repeated delivery by its `timer:<id>` dedup id).
import type pg from 'pg';
import type { MailboxHeaders } from '../../mailbox/types.js';
import { TimerError, validateTimer, type ScheduleOutcome, type ScheduledTimer, type StoredTimer, type TimerState, type TimerStore } from '../types.js';
import { timerSqlNames } from './names.js';

export interface PostgresTimerStoreOptions {
  /** The store borrows the pool and never ends it. */
  readonly pool: pg.Pool;
  /** Schema migrated by `lexbot ops migrate` (the `timers` set); default "timers". */
  readonly schema?: string;
}

interface TimerRow {
  timer_id: string;
  state: TimerState;
  fire_at: Date | null;
  target: string | null;
  message: unknown;
  event_id: string | null;
  headers: MailboxHeaders;
}

const COLUMNS = 'timer_id, state, fire_at, target, message, event_id, headers';
const PG_UNDEFINED_TABLE = '42P01';

const toTimer = (row: TimerRow): StoredTimer => ({
  timerId: row.timer_id,
  state: row.state,
  fireAt: row.fire_at ?? new Date(0),
  target: row.target ?? '',
  message: row.message,
  eventId: row.event_id ?? '',
  headers: row.headers,
});

export const createPostgresTimerStore = (options: PostgresTimerStoreOptions): TimerStore => {
  const { pool } = options;
  const n = timerSqlNames(options.schema);

  const explain = (error: unknown): unknown =>
    typeof error === 'object' && error !== null && 'code' in error && error.code === PG_UNDEFINED_TABLE
      ? new TimerError('NOT_MIGRATED', `timer schema "${n.schema}" is not migrated: run \`lexbot ops migrate\``, { cause: error })
      : error;
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> => {
    try {
      return await pool.query<R>(text, values);
    } catch (error) {
      throw explain(error);
    }
  };

  const get = async (timerId: string): Promise<StoredTimer | undefined> => {
    const result = await query<TimerRow>(`select ${COLUMNS} from ${n.timers} where timer_id = $1`, [timerId]);
    return result.rows[0] === undefined ? undefined : toTimer(result.rows[0]);
  };

  const scheduleMany = async (timers: readonly ScheduledTimer[]): Promise<readonly ScheduleOutcome[]> => {
    if (timers.length === 0) return [];
    if (new Set(timers.map((timer) => timer.timerId)).size !== timers.length) throw new TimerError('INVALID_TIMER', 'scheduleMany takes distinct timer ids');
    timers.forEach(validateTimer);
    // schedule()'s upsert for the whole group in one statement (one commit). Rows in timer-id order, so two writers
    // never lock the same rows in opposite orders.
    const written = await query<{ timer_id: string; inserted: boolean }>(
      `insert into ${n.timers} as t (timer_id, state, fire_at, target, message, event_id, headers)
       select i.timer_id, 'scheduled', i.fire_at, i.target, i.message, i.event_id, i.headers
       from unnest($1::text[], $2::timestamptz[], $3::text[], $4::jsonb[], $5::text[], $6::jsonb[])
         as i(timer_id, fire_at, target, message, event_id, headers)
       order by i.timer_id
       on conflict (timer_id) do update
         set fire_at = excluded.fire_at, target = excluded.target, message = excluded.message,
             event_id = excluded.event_id, headers = excluded.headers, updated_at = now()
         where t.state = 'scheduled' and t.event_id is distinct from excluded.event_id
       returning timer_id, (xmax = 0) as inserted`,
      [
        timers.map((timer) => timer.timerId),
        timers.map((timer) => timer.fireAt),
        timers.map((timer) => timer.target),
        timers.map((timer) => JSON.stringify(timer.message ?? null)),
        timers.map((timer) => timer.eventId),
        timers.map((timer) => JSON.stringify(timer.headers)),
      ],
    );
    const inserted = new Map(written.rows.map((row) => [row.timer_id, row.inserted]));
    // Rows the upsert left alone (a replay, or a timer already fired or cancelled) are told apart by their event id:
    // a second statement, only for those, which a group of new timers never needs.
    const untouched = timers.filter((timer) => !inserted.has(timer.timerId)).map((timer) => timer.timerId);
    const stored = new Map<string, string | null>();
    if (untouched.length > 0) {
      const rows = await query<{ timer_id: string; event_id: string | null }>(`select timer_id, event_id from ${n.timers} where timer_id = any($1::text[])`, [untouched]);
      for (const row of rows.rows) stored.set(row.timer_id, row.event_id);
    }
    return timers.map((timer): ScheduleOutcome => {
      const fresh = inserted.get(timer.timerId);
      if (fresh !== undefined) return fresh ? 'scheduled' : 'rescheduled';
      return stored.get(timer.timerId) === timer.eventId ? 'unchanged' : 'ignored';
    });
  };

  return {
    scheduleMany,
    async schedule(timer: ScheduledTimer) {
      validateTimer(timer);
      // Only a pending timer takes a new time from a different event; a replay of the same event changes nothing.
      const result = await query<{ inserted: boolean }>(
        `insert into ${n.timers} as t (timer_id, state, fire_at, target, message, event_id, headers)
         values ($1, 'scheduled', $2, $3, $4, $5, $6)
         on conflict (timer_id) do update
           set fire_at = excluded.fire_at, target = excluded.target, message = excluded.message,
               event_id = excluded.event_id, headers = excluded.headers, updated_at = now()
           where t.state = 'scheduled' and t.event_id is distinct from excluded.event_id
         returning (xmax = 0) as inserted`,
        [timer.timerId, timer.fireAt, timer.target, JSON.stringify(timer.message ?? null), timer.eventId, JSON.stringify(timer.headers)],
      );
      const row = result.rows[0];
      if (row !== undefined) return row.inserted ? 'scheduled' : 'rescheduled';
      const existing = await get(timer.timerId);
      return existing?.eventId === timer.eventId ? 'unchanged' : 'ignored';
    },

    async cancel(timerId) {
      const result = await query<{ inserted: boolean }>(
        `insert into ${n.timers} as t (timer_id, state) values ($1, 'cancelled')
         on conflict (timer_id) do update set state = 'cancelled', updated_at = now() where t.state = 'scheduled'
         returning (xmax = 0) as inserted`,
        [timerId],
      );
      const row = result.rows[0];
      return row === undefined ? 'unchanged' : row.inserted ? 'tombstoned' : 'cancelled';
    },

    async fireDue(now, limit, deliver) {
      const client = await pool.connect().catch((error: unknown) => {
        throw explain(error);
      });
      const fired: StoredTimer[] = [];
      const failed: { timer: StoredTimer; error: unknown }[] = [];
      try {
        await client.query('begin');
        const due = await client.query<TimerRow>(
          `select ${COLUMNS} from ${n.timers}
           where state = 'scheduled' and fire_at <= $1
           order by fire_at, timer_id
           limit $2
           for update skip locked`,
          [now, limit],
        );
        for (const timer of due.rows.map(toTimer)) {
          try {
            await deliver(timer);
            fired.push(timer);
          } catch (error) {
            failed.push({ timer, error });
          }
        }
        if (fired.length > 0) {
          await client.query(`update ${n.timers} set state = 'fired', fired_at = now(), updated_at = now() where timer_id = any($1::text[])`, [
            fired.map((timer) => timer.timerId),
          ]);
        }
        await client.query('commit');
        return { fired, failed };
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw explain(error);
      } finally {
        client.release();
      }
    },

    async nextDue() {
      const result = await query<{ fire_at: Date }>(
        `select fire_at from ${n.timers} where state = 'scheduled' order by fire_at, timer_id limit 1`,
        [],
      );
      return result.rows[0]?.fire_at;
    },

    get,
    async close() {},
  };
};
