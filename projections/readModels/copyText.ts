// Rows in PostgreSQL's COPY text format, column order as in ddl.ts (users.blocked_ids last: migration 3 added it).
// The same lines feed the bulk rebuild and the live batches (which also compare them to find the rows a batch changed).
import { DAILY_COUNTERS, type DailyRow, type PairRow, type UserDoc } from './rows.js';
import type { UserTable } from './names.js';

type Value = string | number | boolean | null | readonly string[] | readonly number[];

const escapeText = (text: string): string =>
  /[\\\n\r\t]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') : text;

const arrayLiteral = (items: readonly (string | number)[]): string =>
  `{${items.map((item) => (typeof item === 'number' ? String(item) : `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;

const field = (value: Value): string => {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeText(value);
  return escapeText(arrayLiteral(value));
};

export const line = (values: readonly Value[]): string => `${values.map(field).join('\t')}\n`;

/** Each table's lines for one user, keyed by the row's primary key within the user (for diffs). */
export type DocLines = Record<UserTable, Map<string, string>>;

export const docLines = (userId: string, doc: UserDoc | null): DocLines => {
  const lines: DocLines = {
    users: new Map(),
    user_languages: new Map(),
    user_interests: new Map(),
    user_availability: new Map(),
    matches: new Map(),
    reports: new Map(),
    feedback: new Map(),
    moderation: new Map(),
  };
  if (doc === null) return lines;
  const u = doc.user;
  lines.users.set('', line([userId, u.username, u.firstName, u.telegramLanguageCode, u.status, u.statusBeforeBan, u.interfaceLanguage,
    u.profileCompletionLevel, u.bio, u.communicationStyles, u.frequency, u.streamVersion, u.createdAt, u.onboardedAt, u.lastActiveAt, u.updatedAt, u.blockedIds]));
  for (const l of doc.languages) lines.user_languages.set(`${l.kind}/${l.language}`, line([userId, l.kind, l.language, l.level]));
  for (const i of doc.interests) lines.user_interests.set(i.interest, line([userId, i.interest, i.isPrimary]));
  const a = doc.availability;
  if (a !== null) lines.user_availability.set('', line([userId, a.timeZone, a.days, a.slots, a.utcHours]));
  for (const m of doc.matches.values()) {
    lines.matches.set(m.tandemId, line([userId, m.tandemId, m.peerId, m.role, m.status, m.channel, m.closeReason, m.declineReason, m.rejectReason,
      m.ratingGiven, m.ratingComment, m.ratingReceived, m.requestedAt, m.acceptedAt, m.startedAt, m.closedAt, m.updatedAt]));
  }
  for (const r of doc.reports) lines.reports.set(String(r.streamVersion), line([userId, r.streamVersion, r.targetId, r.reason, r.comment, r.reportedAt]));
  for (const f of doc.feedback) lines.feedback.set(String(f.streamVersion), line([userId, f.streamVersion, f.text, f.sentAt]));
  for (const m of doc.moderation) {
    lines.moderation.set(String(m.streamVersion), line([userId, m.streamVersion, m.kind, m.subjectUserId, m.subjectVersion, m.action, m.targetId, m.text, m.at]));
  }
  return lines;
};

export const dailyLine = (day: string, row: DailyRow): string => line([day, ...DAILY_COUNTERS.map((c) => row[c])]);

export const pairLine = (key: string, row: PairRow): string => {
  const slash = key.indexOf('/');
  return line([key.slice(0, slash), key.slice(slash + 1), row.demand, row.supply]);
};
