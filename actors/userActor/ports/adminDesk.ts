// What the admin commands read (issue #6, point 7): figures for /stats, the feedback inbox and the report queue.
// The actor declares this port; projections/ implements it from the read models and ops/ wires it (DESIGN.md).
// Answers are read-side data: a review an admin just made shows up once the projector has caught up, which the
// handlers account for by showing the admin's own decision immediately from the button press.
import type { ReportReason, UserId } from '../../../domain/user/index.js';

export interface AdminLanguagePair {
  readonly learningLanguage: string;
  readonly nativeLanguage: string;
  readonly demand: number;
  readonly supply: number;
}

export interface AdminStats {
  readonly usersTotal: number;
  readonly usersActive24h: number;
  readonly usersActive7d: number;
  readonly newUsersToday: number;
  readonly profilesCompleted: number;
  readonly requestsToday: number;
  readonly matchesToday: number;
  /** 0–1, or null before any request was answered. */
  readonly matchAcceptanceRate: number | null;
  readonly topLanguagePairs: readonly AdminLanguagePair[];
}

export type FeedbackStatus = 'new' | 'processed' | 'archived';

export interface FeedbackItem {
  readonly sender: UserId;
  /** The FeedbackSent event's version in the sender's stream: with `sender`, the item's id. */
  readonly version: number;
  readonly senderName: string | null;
  readonly text: string;
  readonly sentAt: string;
  readonly status: FeedbackStatus;
}

export type ReportStatus = 'open' | 'dismissed' | 'banned' | 'unbanned';

export interface ReportItem {
  readonly reporter: UserId;
  readonly version: number;
  readonly reporterName: string | null;
  readonly target: UserId;
  readonly targetName: string | null;
  /** The reported user's status in the read models (banned, active, …), null when forgotten. */
  readonly targetStatus: string | null;
  readonly reason: ReportReason;
  readonly comment: string | null;
  readonly reportedAt: string;
  readonly status: ReportStatus;
}

/** One item of a list browsed with Prev/Next: `index` counts from the newest (0). */
export interface Page<T> {
  readonly item: T | null;
  readonly index: number;
  readonly total: number;
}

export interface AdminDesk {
  stats(now: Date): Promise<AdminStats>;
  /** Feedback not archived, newest first. */
  feedback(index: number): Promise<Page<FeedbackItem>>;
  /** Reports not dismissed, newest first (open ones and those whose target was banned or unbanned). */
  reports(index: number): Promise<Page<ReportItem>>;
}

/** Where refused or dropped updates are counted (a Prometheus counter when ops wires one). */
export interface SafetyMetrics {
  rateLimited(outcome: 'notified' | 'dropped'): void;
}

const pageOf = <T>(items: readonly T[], index: number): Page<T> => {
  const at = Math.max(0, Math.min(index, items.length - 1));
  return { item: items[at] ?? null, index: items.length === 0 ? 0 : at, total: items.length };
};

/** The in-memory twin: tests fill it by hand. */
export const createMemoryAdminDesk = (
  data: { stats?: AdminStats; feedback?: FeedbackItem[]; reports?: ReportItem[] } = {},
): AdminDesk & { readonly data: typeof data } => ({
  data,
  async stats() {
    return (
      data.stats ?? {
        usersTotal: 0,
        usersActive24h: 0,
        usersActive7d: 0,
        newUsersToday: 0,
        profilesCompleted: 0,
        requestsToday: 0,
        matchesToday: 0,
        matchAcceptanceRate: null,
        topLanguagePairs: [],
      }
    );
  },
  async feedback(index) {
    return pageOf((data.feedback ?? []).filter((f) => f.status !== 'archived'), index);
  },
  async reports(index) {
    return pageOf((data.reports ?? []).filter((r) => r.status !== 'dismissed'), index);
  },
});
