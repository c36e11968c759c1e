// The reminder policy's building block: the state remembers when each kind was last sent (ReminderSent), and a
// policy asks whether another may go out now. Pure: the interval and the time come in.
import type { ReminderKind } from './limits.js';
import type { UserState } from './state.js';

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** True when a reminder of this kind was never sent, or was sent at least `minIntervalMs` before `now`. */
export const reminderDue = (state: UserState, kind: ReminderKind, now: Date, minIntervalMs: number = WEEK_MS): boolean => {
  const last = state.lastReminderAt[kind];
  return last === undefined || now.getTime() - Date.parse(last) >= minIntervalMs;
};

// --- reminder timers (issue #6 point 8): a gentle nudge for an unfinished onboarding and for unanswered incoming
// requests. A timer carries SendReminder for the user's own actor; when it fires, reminderToSend says whether the
// nudge still applies (nothing changed meanwhile, at most once a week per kind, never paused, banned or forgotten).

/** An onboarding left alone this long gets a nudge. */
export const ONBOARDING_REMINDER_DELAY_MS = 24 * 60 * 60 * 1000;
/** An incoming request still unanswered this long before it expires gets a nudge. */
export const REQUEST_REMINDER_BEFORE_EXPIRY_MS = 24 * 60 * 60 * 1000;

export type TimedReminderKind = Extract<ReminderKind, 'complete_profile' | 'pending_requests'>;

/** The command a reminder timer delivers to its own actor (not a domain command: the actor asks reminderToSend). */
export interface SendReminder {
  readonly type: 'SendReminder';
  readonly data: { readonly kind: TimedReminderKind; readonly requestId?: string };
}

const QUIET: readonly UserState['status'][] = ['new', 'paused', 'banned', 'forgotten'];

/** Incoming requests still waiting for this user's answer. */
export const unansweredRequests = (state: UserState): number => state.tandems.filter((t) => t.role === 'target' && t.status === 'requested').length;

/** The reminder kind to record and send now, or null when the nudge no longer applies. */
export const reminderToSend = (state: UserState, data: SendReminder['data'], now: Date): TimedReminderKind | null => {
  if (QUIET.includes(state.status) || !reminderDue(state, data.kind, now)) return null;
  switch (data.kind) {
    case 'complete_profile': {
      const idle = state.lastActiveAt === null ? Number.POSITIVE_INFINITY : now.getTime() - Date.parse(state.lastActiveAt);
      return state.status === 'onboarding' && idle >= ONBOARDING_REMINDER_DELAY_MS ? 'complete_profile' : null;
    }
    case 'pending_requests': {
      const request = state.tandems.find((t) => t.id === data.requestId);
      return request?.role === 'target' && request.status === 'requested' ? 'pending_requests' : null;
    }
    default: {
      const unknown: never = data.kind;
      throw new TypeError(`unknown reminder kind ${String(unknown)}`);
    }
  }
};

export const isSendReminder = (command: { readonly type: string; readonly data: unknown }): command is SendReminder => {
  if (command.type !== 'SendReminder' || typeof command.data !== 'object' || command.data === null) return false;
  const data = command.data as Record<string, unknown>;
  return (data.kind === 'complete_profile' || data.kind === 'pending_requests') && (data.requestId === undefined || typeof data.requestId === 'string');
};
