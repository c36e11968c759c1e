// Timers the runtime must schedule after committing events: a pending request expires REQUEST_TTL_MS after it was
// made, on each side. The timer's command id is derived from the request and the side, so scheduling twice (after
// a redelivery or a restart that re-reads the stream) yields one timer, and the command applies once.
import type { UserEvent } from '../user/events.js';
import { ONBOARDING_REMINDER_DELAY_MS, REQUEST_REMINDER_BEFORE_EXPIRY_MS, type SendReminder } from '../user/reminders.js';
import type { UserState } from '../user/state.js';
import type { ExpireRequest } from './commands.js';
import { REQUEST_TTL_MS } from './rules.js';

export interface TimerRequest {
  /** The command's meta.commandId when it fires. */
  readonly timerId: string;
  readonly dueAt: Date;
  readonly command: Pick<ExpireRequest, 'type' | 'data'> | SendReminder;
}

/**
 * Reminder timers (domain/user/reminders.ts): while onboarding, each recorded activity schedules a nudge for a day
 * later (activity is recorded at most hourly, so this stays a handful a day; the policy drops all but one when they
 * fire); an incoming request schedules one a day before it expires. Ids derive from the user and the activity time
 * or the request, so a redelivered decision schedules the same timer.
 */
const reminderTimers = (events: readonly UserEvent[], state: UserState | undefined): readonly TimerRequest[] => {
  if (state === undefined || state.userId === null) return [];
  const user = state.userId;
  return events.flatMap((event): TimerRequest[] => {
    if ((event.type === 'UserStarted' || event.type === 'ActivityRecorded') && state.status === 'onboarding') {
      return [
        {
          timerId: `reminder:${user}:complete_profile:${event.data.at}`,
          dueAt: new Date(Date.parse(event.data.at) + ONBOARDING_REMINDER_DELAY_MS),
          command: { type: 'SendReminder', data: { kind: 'complete_profile' } },
        },
      ];
    }
    if (event.type === 'PartnerRequestReceived') {
      return [
        {
          timerId: `${event.data.requestId}:remind:target`,
          dueAt: new Date(Date.parse(event.data.at) + REQUEST_TTL_MS - REQUEST_REMINDER_BEFORE_EXPIRY_MS),
          command: { type: 'SendReminder', data: { kind: 'pending_requests', requestId: event.data.requestId } },
        },
      ];
    }
    return [];
  });
};

/** Timers the decided events call for; `state` (after the events) adds the reminder timers. */
export const timersFor = (events: readonly UserEvent[], state?: UserState): readonly TimerRequest[] => [
  ...expiryTimers(events),
  ...reminderTimers(events, state),
];

const expiryTimers = (events: readonly UserEvent[]): readonly TimerRequest[] =>
  events.flatMap((event) => {
    if (event.type !== 'PartnerRequested' && event.type !== 'PartnerRequestReceived') return [];
    const side = event.type === 'PartnerRequested' ? 'requester' : 'target';
    return [
      {
        timerId: `${event.data.requestId}:expire:${side}`,
        dueAt: new Date(Date.parse(event.data.at) + REQUEST_TTL_MS),
        command: { type: 'ExpireRequest', data: { requestId: event.data.requestId } },
      },
    ];
  });
