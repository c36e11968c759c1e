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
