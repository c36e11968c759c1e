// The variables of each reminder's text (`reminder-<kind>`), which the sender must pass; the catalog test checks
// every locale's message uses exactly these.
import type { ReminderKind } from '../user/limits.js';

export const REMINDER_VARIABLES = {
  complete_profile: ['percent'],
  inactive: [],
  /** How many incoming requests wait for an answer. */
  pending_requests: ['count'],
  /** The partner of the ended tandem still to rate. */
  rate_partner: ['name'],
} as const satisfies Readonly<Record<ReminderKind, readonly string[]>>;
