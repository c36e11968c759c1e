// The runner's SQL: started broadcasts come from read_models.moderation (the admins' BroadcastStarted events,
// projected), recipients from read_models.users in user-id order, progress into the broadcast schema.
import type pg from 'pg';
import { DEFAULT_BROADCAST_SCHEMA, DEFAULT_READ_MODEL_SCHEMA, RECIPIENT_STATUSES, validateSchema } from './names.js';

export interface BroadcastRow {
  readonly broadcastId: string;
  readonly adminId: string;
  /** Null once the admin was forgotten (their words went with them): the broadcast ends where it is. */
  readonly text: string | null;
  readonly total: number;
  readonly sent: number;
  readonly failed: number;
  readonly cursor: string;
  readonly progressMessageId: number | null;
  /** The admin's interface language (or Telegram language), for the progress message. */
  readonly adminLanguage: string | null;
  readonly adminTelegramLanguage: string | null;
}

export interface BroadcastStore {
  /** Registers broadcasts the projector has recorded and the runner has not seen yet; resolves with how many. */
  discover(): Promise<number>;
  unfinished(): Promise<readonly BroadcastRow[]>;
  setProgressMessage(broadcastId: string, messageId: number): Promise<void>;
  /** The next recipients after `cursor`, in user-id order. */
  recipients(cursor: string, limit: number): Promise<readonly string[]>;
  /** Claims a recipient; false when already claimed (sent, failed, or claimed before a crash: never sent twice). */
  claim(broadcastId: string, userId: string): Promise<boolean>;
  /** Records a claimed recipient's outcome and moves the cursor past them. */
  record(broadcastId: string, userId: string, outcome: 'sent' | 'failed'): Promise<void>;
  /** Moves the cursor past a recipient claimed earlier (no count changes). */
  skip(broadcastId: string, userId: string): Promise<void>;
  finish(broadcastId: string, at: Date): Promise<BroadcastRow | null>;
}

interface Row {
  broadcast_id: string; admin_id: string; text: string | null; total: number; sent: number; failed: number; cursor: string;
  progress_message_id: string | null; interface_language: string | null; telegram_language_code: string | null;
}

const toRow = (r: Row): BroadcastRow => ({
  broadcastId: r.broadcast_id,
  adminId: r.admin_id,
  text: r.text,
  total: r.total,
  sent: r.sent,
  failed: r.failed,
  cursor: r.cursor,
  progressMessageId: r.progress_message_id === null ? null : Number(r.progress_message_id),
  adminLanguage: r.interface_language,
  adminTelegramLanguage: r.telegram_language_code,
});

export const createPostgresBroadcastStore = (options: { readonly pool: pg.Pool; readonly schema?: string; readonly readModelSchema?: string }): BroadcastStore => {
  const { pool } = options;
  const b = validateSchema(options.schema ?? DEFAULT_BROADCAST_SCHEMA);
  const rm = validateSchema(options.readModelSchema ?? DEFAULT_READ_MODEL_SCHEMA);
  const statuses = `(${RECIPIENT_STATUSES.map((status) => `'${status}'`).join(', ')})`;
  const select = `select x.broadcast_id, x.admin_id::text, m.text, x.total, x.sent, x.failed, x.cursor::text, x.progress_message_id::text,
                         u.interface_language, u.telegram_language_code
                    from ${b}.broadcasts x
                    left join ${rm}.users u on u.user_id = x.admin_id
                    left join ${rm}.moderation m on m.user_id = x.admin_id and m.kind = 'broadcast' and m.action = x.broadcast_id`;
  return {
    async discover() {
      const result = await pool.query(
        `insert into ${b}.broadcasts (broadcast_id, admin_id, started_at, total)
         select m.action, m.user_id, m.at, (select count(*)::int from ${rm}.users where status in ${statuses})
           from ${rm}.moderation m
          where m.kind = 'broadcast' and m.text is not null
            and not exists (select 1 from ${b}.broadcasts x where x.broadcast_id = m.action)
         on conflict (broadcast_id) do nothing`,
      );
      return result.rowCount ?? 0;
    },
    async unfinished() {
      const { rows } = await pool.query<Row>(`${select} where x.finished_at is null order by x.started_at, x.broadcast_id`);
      return rows.map(toRow);
    },
    async setProgressMessage(broadcastId, messageId) {
      await pool.query(`update ${b}.broadcasts set progress_message_id = $2 where broadcast_id = $1`, [broadcastId, messageId]);
    },
    async recipients(cursor, limit) {
      const { rows } = await pool.query<{ user_id: string }>(
        `select user_id::text from ${rm}.users where user_id > $1::bigint and status in ${statuses} order by user_id limit $2`,
        [cursor, limit],
      );
      return rows.map((r) => r.user_id);
    },
    async claim(broadcastId, userId) {
      const result = await pool.query(
        `insert into ${b}.deliveries (broadcast_id, user_id, outcome) values ($1, $2, 'claimed') on conflict do nothing`,
        [broadcastId, userId],
      );
      return result.rowCount === 1;
    },
    async record(broadcastId, userId, outcome) {
      await pool.query(
        `with d as (update ${b}.deliveries set outcome = $3, at = now() where broadcast_id = $1 and user_id = $2)
         update ${b}.broadcasts set cursor = greatest(cursor, $2::bigint), sent = sent + $4, failed = failed + $5 where broadcast_id = $1`,
        [broadcastId, userId, outcome, outcome === 'sent' ? 1 : 0, outcome === 'failed' ? 1 : 0],
      );
    },
    async skip(broadcastId, userId) {
      await pool.query(`update ${b}.broadcasts set cursor = greatest(cursor, $2::bigint) where broadcast_id = $1`, [broadcastId, userId]);
    },
    async finish(broadcastId, at) {
      await pool.query(`update ${b}.broadcasts set finished_at = $2, total = greatest(total, sent + failed) where broadcast_id = $1`, [broadcastId, at]);
      const { rows } = await pool.query<Row>(`${select} where x.broadcast_id = $1`, [broadcastId]);
      return rows[0] === undefined ? null : toRow(rows[0]);
    },
  };
};
