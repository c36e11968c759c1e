// In-memory rows of the read models: camelCase here, snake_case columns only in the SQL adapters (copyRows.ts,
// loadDocs.ts). Times are ISO strings exactly as the events carry them, ids decimal strings.

export interface UserRow {
  readonly userId: string;
  readonly username: string | null;
  readonly firstName: string | null;
  readonly telegramLanguageCode: string | null;
  readonly status: string;
  /** The status an unban returns to. */
  readonly statusBeforeBan: string | null;
  readonly interfaceLanguage: string | null;
  readonly profileCompletionLevel: number;
  readonly bio: string | null;
  readonly communicationStyles: readonly string[];
  readonly frequency: string | null;
  readonly streamVersion: number;
  readonly createdAt: string;
  readonly onboardedAt: string | null;
  readonly lastActiveAt: string;
  readonly updatedAt: string;
  /** Users this user blocked, in id order (migration 3's blocked_ids): matching hides a blocked pair both ways. */
  readonly blockedIds: readonly string[];
}

export interface LanguageRow {
  readonly kind: 'native' | 'learning';
  readonly language: string;
  readonly level: string | null;
}

export interface InterestRow {
  readonly interest: string;
  readonly isPrimary: boolean;
}

export interface AvailabilityRow {
  readonly timeZone: string;
  /** The day selection as JSON text (jsonb in the table). */
  readonly days: string;
  readonly slots: readonly string[];
  readonly utcHours: readonly number[];
}

export interface MatchRow {
  readonly tandemId: string;
  readonly peerId: string;
  readonly role: string;
  readonly status: string;
  readonly channel: string | null;
  readonly closeReason: string | null;
  readonly declineReason: string | null;
  readonly rejectReason: string | null;
  readonly ratingGiven: number | null;
  readonly ratingComment: string | null;
  readonly ratingReceived: number | null;
  readonly requestedAt: string;
  readonly acceptedAt: string | null;
  readonly startedAt: string | null;
  readonly closedAt: string | null;
  readonly updatedAt: string;
}

export interface ReportRow {
  readonly streamVersion: number;
  readonly targetId: string;
  readonly reason: string;
  readonly comment: string | null;
  readonly reportedAt: string;
}

export interface FeedbackRow {
  readonly streamVersion: number;
  readonly text: string;
  readonly sentAt: string;
}

/** An admin's decision (their own row): a feedback or report review, or a broadcast. */
export interface ModerationRow {
  readonly streamVersion: number;
  readonly kind: 'feedback' | 'report' | 'broadcast';
  /** The reviewed feedback's or report's sender, and the version of that event in the sender's stream. */
  readonly subjectUserId: string | null;
  readonly subjectVersion: number | null;
  /** processed/archived (feedback), dismissed/banned/unbanned (report), the broadcast id (broadcast). */
  readonly action: string;
  /** The reported user (report), the broadcast text (broadcast). */
  readonly targetId: string | null;
  readonly text: string | null;
  readonly at: string;
}

/**
 * Every row one user owns: the unit a live batch loads, folds and writes back. The fold owns the docs in its state
 * and updates their records (the doc, its user row, its match rows) in place — a copy per event was most of the
 * fold's cost, each one living until the user's next event and so surviving into the old generation — while its
 * lists are always replaced, never changed in place. A doc kept across a fold is folded as a copy (copyDoc).
 */
export interface UserDoc {
  readonly user: UserRow;
  /** Sorted by kind, then language (the primary key), so equal docs serialise equal. */
  readonly languages: readonly LanguageRow[];
  readonly interests: readonly InterestRow[];
  readonly availability: AvailabilityRow | null;
  /** By tandem id, in the order the user's stream created them. */
  readonly matches: ReadonlyMap<string, MatchRow>;
  readonly reports: readonly ReportRow[];
  readonly feedback: readonly FeedbackRow[];
  readonly moderation: readonly ModerationRow[];
}

/** What the fold may change in place (see UserDoc). */
export type Draft<T> = { -readonly [K in keyof T]: T[K] };

/** A copy the fold may change without touching `doc`: its records copied, its lists shared (never changed in place). */
export const copyDoc = (doc: UserDoc): UserDoc => {
  const matches = new Map<string, MatchRow>();
  for (const [id, row] of doc.matches) matches.set(id, { ...row });
  return { ...doc, user: { ...doc.user }, matches };
};

export const DAILY_COUNTERS = ['newUsers', 'completedProfiles', 'requests', 'matches', 'activeUsers', 'tandemsEnded', 'reports', 'feedback'] as const;
export type DailyCounter = (typeof DAILY_COUNTERS)[number];
export type DailyRow = Record<DailyCounter, number>;

export interface PairRow {
  demand: number;
  supply: number;
}

/** A change to the aggregates: added to a row (created at zero when missing), in memory or with an upsert. */
export type CounterDelta =
  | { readonly table: 'daily_stats'; readonly day: string; readonly counter: DailyCounter; readonly by: number }
  | { readonly table: 'language_pair_stats'; readonly learning: string; readonly native: string; readonly demand: number; readonly supply: number };
