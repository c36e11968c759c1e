// The admins' inbox and moderation queue from the read models: feedback and reports stay in their senders' tables,
// and an admin's reviews (read_models.moderation) are joined by (sender, version), the latest review deciding an
// item's status. One item per call (the bot pages with Prev/Next), counted in the same snapshot.
import type pg from 'pg';

export interface ModerationPage<T> {
  readonly item: T | null;
  readonly index: number;
  readonly total: number;
}

export interface FeedbackEntry {
  readonly sender: string;
  readonly version: number;
  readonly senderName: string | null;
  readonly text: string;
  readonly sentAt: string;
  readonly status: 'new' | 'processed' | 'archived';
}

export interface ReportEntry {
  readonly reporter: string;
  readonly version: number;
  readonly reporterName: string | null;
  readonly target: string;
  readonly targetName: string | null;
  readonly targetStatus: string | null;
  readonly reason: 'spam' | 'harassment' | 'inappropriate' | 'fake_profile' | 'other';
  readonly comment: string | null;
  readonly reportedAt: string;
  readonly status: 'open' | 'dismissed' | 'banned' | 'unbanned';
}

export interface ModerationQueries {
  /** Feedback not archived, newest first. */
  feedback(index: number): Promise<ModerationPage<FeedbackEntry>>;
  /** Reports not dismissed, newest first. */
  reports(index: number): Promise<ModerationPage<ReportEntry>>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const iso = (column: string): string => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const createPostgresModerationQueries = ({ pool, schema = 'read_models' }: { readonly pool: pg.Pool; readonly schema?: string }): ModerationQueries => {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`invalid read-model schema ${JSON.stringify(schema)}`);
  const s = schema;
  const latest = (kind: 'feedback' | 'report'): string => `(
    select distinct on (subject_user_id, subject_version) subject_user_id, subject_version, action
      from ${s}.moderation where kind = '${kind}'
     order by subject_user_id, subject_version, at desc, stream_version desc)`;
  const feedbackSql = `
    with items as (
      select f.user_id, f.stream_version, f.text, f.sent_at, coalesce(r.action, 'new') as status
        from ${s}.feedback f left join ${latest('feedback')} r on r.subject_user_id = f.user_id and r.subject_version = f.stream_version
       where coalesce(r.action, 'new') <> 'archived')
    select i.user_id::text as sender, i.stream_version as version, u.first_name, i.text, ${iso('i.sent_at')} as sent_at, i.status,
           (select count(*)::int from items) as total
      from items i left join ${s}.users u on u.user_id = i.user_id
     order by i.sent_at desc, i.user_id, i.stream_version desc
     offset $1 limit 1`;
  const reportsSql = `
    with items as (
      select p.user_id, p.stream_version, p.target_id, p.reason, p.comment, p.reported_at, coalesce(r.action, 'open') as status
        from ${s}.reports p left join ${latest('report')} r on r.subject_user_id = p.user_id and r.subject_version = p.stream_version
       where coalesce(r.action, 'open') <> 'dismissed')
    select i.user_id::text as reporter, i.stream_version as version, ru.first_name as reporter_name, i.target_id::text as target,
           tu.first_name as target_name, tu.status as target_status, i.reason, i.comment, ${iso('i.reported_at')} as reported_at, i.status,
           (select count(*)::int from items) as total
      from items i left join ${s}.users ru on ru.user_id = i.user_id left join ${s}.users tu on tu.user_id = i.target_id
     order by i.reported_at desc, i.user_id, i.stream_version desc
     offset $1 limit 1`;

  /** The item at `index`, or the last one when the list got shorter meanwhile. */
  const page = async <R extends { total: number }, T>(sql: string, index: number, map: (row: R) => T): Promise<ModerationPage<T>> => {
    const at = Math.max(0, Math.floor(index));
    const { rows } = await pool.query<R>(sql, [at]);
    const row = rows[0];
    if (row !== undefined) return { item: map(row), index: at, total: row.total };
    if (at === 0) return { item: null, index: 0, total: 0 };
    const count = await pool.query<R>(sql, [0]);
    const total = count.rows[0]?.total ?? 0;
    if (total === 0) return { item: null, index: 0, total: 0 };
    const last = (await pool.query<R>(sql, [total - 1])).rows[0];
    return last === undefined ? { item: null, index: 0, total: 0 } : { item: map(last), index: total - 1, total: last.total };
  };

  interface FeedbackRow { sender: string; version: number; first_name: string | null; text: string; sent_at: string; status: FeedbackEntry['status']; total: number }
  interface ReportRow {
    reporter: string; version: number; reporter_name: string | null; target: string; target_name: string | null; target_status: string | null;
    reason: ReportEntry['reason']; comment: string | null; reported_at: string; status: ReportEntry['status']; total: number;
  }

  return {
    feedback: (index) =>
      page<FeedbackRow, FeedbackEntry>(feedbackSql, index, (r) => ({
        sender: r.sender, version: r.version, senderName: r.first_name, text: r.text, sentAt: r.sent_at, status: r.status,
      })),
    reports: (index) =>
      page<ReportRow, ReportEntry>(reportsSql, index, (r) => ({
        reporter: r.reporter, version: r.version, reporterName: r.reporter_name, target: r.target, targetName: r.target_name,
        targetStatus: r.target_status, reason: r.reason, comment: r.comment, reportedAt: r.reported_at, status: r.status,
      })),
  };
};
