// Limits of the user aggregate, in one place so the bot can show them and tests can probe the edges.

export const MAX_BIO_CHARACTERS = 500;
export const MIN_FEEDBACK_CHARACTERS = 10;
export const MAX_FEEDBACK_CHARACTERS = 1000;
export const MAX_REPORT_COMMENT_CHARACTERS = 1000;
export const MAX_FIRST_NAME_LENGTH = 256;

/**
 * How many applied command ids a user's state remembers (Guarantee 2). JetStream's dedup window covers fresh
 * duplicates; this covers late redeliveries. 128 bounds the memory of a live actor (the 100 k actors ≤ 1 GiB target)
 * while spanning far more than any realistic redelivery gap of one user.
 */
export const RECENT_COMMAND_IDS_LIMIT = 128;

/** ActivityRecorded is written at most this often, so browsing does not grow the stream on every update. */
export const ACTIVITY_RESOLUTION_MS = 60 * 60 * 1000;

export const INTERFACE_LANGUAGES = ['en', 'ru'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

export const REPORT_REASONS = ['spam', 'harassment', 'inappropriate', 'fake_profile', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** Reminders the bot may send; the state remembers the last time of each so a policy can rate-limit them. */
export const REMINDER_KINDS = ['complete_profile', 'inactive', 'pending_requests', 'rate_partner'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

// --- moderation (issue #6 points 6–7)
export const FEEDBACK_REVIEW_STATUSES = ['processed', 'archived'] as const;
export type FeedbackReviewStatus = (typeof FEEDBACK_REVIEW_STATUSES)[number];
export const REPORT_REVIEW_ACTIONS = ['dismissed', 'banned', 'unbanned'] as const;
export type ReportReviewAction = (typeof REPORT_REVIEW_ACTIONS)[number];
/** Admin commands one actor may queue for another's (BanUser/UnbanUser), besides the tandem's peer commands. */
export const QUEUED_ADMIN_COMMAND_TYPES = ['BanUser', 'UnbanUser'] as const;
/** A broadcast is one Telegram message. */
export const MAX_BROADCAST_CHARACTERS = 4000;
