// Reads the rows of some users back into docs, for a live batch to fold on. Times come back in the events' own ISO
// form (UTC, milliseconds), so an unchanged row serialises to the same COPY line and is not rewritten.
import type pg from 'pg';
import type { AvailabilityRow, FeedbackRow, InterestRow, LanguageRow, MatchRow, ModerationRow, ReportRow, UserDoc, UserRow } from './rows.js';

const USER_ID = /^[1-9][0-9]{0,15}$/;

const iso = (column: string): string => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

type Row = Record<string, unknown>;
const str = (v: unknown): string => v as string;
const strOrNull = (v: unknown): string | null => (v === null ? null : (v as string));
const num = (v: unknown): number => v as number;
const numOrNull = (v: unknown): number | null => (v === null ? null : (v as number));

const toUser = (r: Row): UserRow => ({
  userId: str(r.user_id),
  username: strOrNull(r.username),
  firstName: strOrNull(r.first_name),
  telegramLanguageCode: strOrNull(r.telegram_language_code),
  status: str(r.status),
  statusBeforeBan: strOrNull(r.status_before_ban),
  interfaceLanguage: strOrNull(r.interface_language),
  profileCompletionLevel: num(r.profile_completion_level),
  bio: strOrNull(r.bio),
  communicationStyles: r.communication_styles as string[],
  frequency: strOrNull(r.frequency),
  streamVersion: num(r.stream_version),
  createdAt: str(r.created_at),
  onboardedAt: strOrNull(r.onboarded_at),
  lastActiveAt: str(r.last_active_at),
  updatedAt: str(r.updated_at),
  blockedIds: r.blocked_ids as string[],
});

const toMatch = (r: Row): MatchRow => ({
  tandemId: str(r.tandem_id),
  peerId: str(r.peer_id),
  role: str(r.role),
  status: str(r.status),
  channel: strOrNull(r.channel),
  closeReason: strOrNull(r.close_reason),
  declineReason: strOrNull(r.decline_reason),
  rejectReason: strOrNull(r.reject_reason),
  ratingGiven: numOrNull(r.rating_given),
  ratingComment: strOrNull(r.rating_comment),
  ratingReceived: numOrNull(r.rating_received),
  requestedAt: str(r.requested_at),
  acceptedAt: strOrNull(r.accepted_at),
  startedAt: strOrNull(r.started_at),
  closedAt: strOrNull(r.closed_at),
  updatedAt: str(r.updated_at),
});

/** Docs of the given users (null for a user without rows), from one snapshot of the caller's transaction. */
export const loadDocs = async (client: pg.PoolClient, schema: string, userIds: readonly string[]): Promise<Map<string, UserDoc | null>> => {
  const ids = [...userIds];
  if (ids.some((id) => !USER_ID.test(id))) throw new TypeError('user ids must be decimal Telegram ids');
  // The ids are checked digits, so they can sit in the text: then all eight selects go in one round trip (the
  // simple query protocol allows several statements, parameters do not).
  const where = `where user_id = any('{${ids.join(',')}}'::bigint[])`;
  const queries = [
    `select user_id::text, username, first_name, telegram_language_code, status, status_before_ban, interface_language, profile_completion_level,
              bio, communication_styles, frequency, stream_version, ${iso('created_at')} as created_at, ${iso('onboarded_at')} as onboarded_at,
              ${iso('last_active_at')} as last_active_at, ${iso('updated_at')} as updated_at, blocked_ids::text[] as blocked_ids from ${schema}.users ${where}`,
    `select user_id::text, kind, language, level from ${schema}.user_languages ${where} order by user_id, kind, language`,
    `select user_id::text, interest, is_primary from ${schema}.user_interests ${where} order by user_id, interest`,
    `select user_id::text, time_zone, days::text as days, slots, utc_hours from ${schema}.user_availability ${where}`,
    `select user_id::text, tandem_id, peer_id::text, role, status, channel, close_reason, decline_reason, reject_reason, rating_given, rating_comment,
              rating_received, ${iso('requested_at')} as requested_at, ${iso('accepted_at')} as accepted_at, ${iso('started_at')} as started_at,
              ${iso('closed_at')} as closed_at, ${iso('updated_at')} as updated_at from ${schema}.matches ${where} order by user_id, tandem_id`,
    `select user_id::text, stream_version, target_id::text, reason, comment, ${iso('reported_at')} as reported_at from ${schema}.reports ${where} order by user_id, stream_version`,
    `select user_id::text, stream_version, text, ${iso('sent_at')} as sent_at from ${schema}.feedback ${where} order by user_id, stream_version`,
    `select user_id::text, stream_version, kind, subject_user_id::text, subject_version, action, target_id::text, text, ${iso('at')} as at
       from ${schema}.moderation ${where} order by user_id, stream_version`,
  ];
  const results = ids.length === 0 ? queries.map(() => []) : ((await client.query<Row>(queries.join(';\n'))) as unknown as pg.QueryResult<Row>[]).map((r) => r.rows);
  const [users, languages, interests, availability, matches, reports, feedback, moderation] = results as [Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[]];
  const grouped = <T>(rows: Row[], map: (r: Row) => T): Map<string, T[]> => {
    const out = new Map<string, T[]>();
    for (const r of rows) {
      const id = str(r.user_id);
      const list = out.get(id);
      if (list === undefined) out.set(id, [map(r)]);
      else list.push(map(r));
    }
    return out;
  };
  const langs = grouped<LanguageRow>(languages, (r) => ({ kind: r.kind as LanguageRow['kind'], language: str(r.language), level: strOrNull(r.level) }));
  const ints = grouped<InterestRow>(interests, (r) => ({ interest: str(r.interest), isPrimary: r.is_primary as boolean }));
  const avail = grouped<AvailabilityRow>(availability, (r) => ({ timeZone: str(r.time_zone), days: str(r.days), slots: r.slots as string[], utcHours: r.utc_hours as number[] }));
  const ms = grouped(matches, toMatch);
  const reps = grouped<ReportRow>(reports, (r) => ({ streamVersion: num(r.stream_version), targetId: str(r.target_id), reason: str(r.reason), comment: strOrNull(r.comment), reportedAt: str(r.reported_at) }));
  const fbs = grouped<FeedbackRow>(feedback, (r) => ({ streamVersion: num(r.stream_version), text: str(r.text), sentAt: str(r.sent_at) }));
  const mods = grouped<ModerationRow>(moderation, (r) => ({
    streamVersion: num(r.stream_version),
    kind: r.kind as ModerationRow['kind'],
    subjectUserId: strOrNull(r.subject_user_id),
    subjectVersion: numOrNull(r.subject_version),
    action: str(r.action),
    targetId: strOrNull(r.target_id),
    text: strOrNull(r.text),
    at: str(r.at),
  }));
  const docs = new Map<string, UserDoc | null>(ids.map((id) => [id, null]));
  for (const r of users) {
    const user = toUser(r);
    const id = user.userId;
    docs.set(id, {
      user,
      languages: langs.get(id) ?? [],
      interests: ints.get(id) ?? [],
      availability: avail.get(id)?.[0] ?? null,
      matches: new Map((ms.get(id) ?? []).map((m) => [m.tandemId, m])),
      reports: reps.get(id) ?? [],
      feedback: fbs.get(id) ?? [],
      moderation: mods.get(id) ?? [],
    });
  }
  return docs;
};
