// Reminders (issue #6 point 8): when a reminder timer fired and the actor recorded ReminderSent (the policy in
// domain/user/reminders.ts let it through), the user gets the nudge, with a line saying how rare they are.
import { reminderKey } from '../../../domain/i18n/index.js';
import { profileCompletion } from '../../../domain/user/index.js';
import { unansweredRequests } from '../../../domain/user/reminders.js';
import type { Reaction } from './reaction.js';
import { sendToSelf } from './send.js';

export const reminders: Reaction = async ({ session, events, t, cause }) => {
  if (cause.kind !== 'timer') return;
  for (const event of events) {
    if (event.type !== 'ReminderSent') continue;
    const { kind } = event.data;
    const body =
      kind === 'complete_profile'
        ? t(reminderKey(kind), { percent: profileCompletion(session.state.profile) })
        : kind === 'pending_requests'
          ? t(reminderKey(kind), { count: Math.max(1, unansweredRequests(session.state)) })
          : null;
    if (body === null) continue;
    sendToSelf(session, { text: `${body}\n\n${t(kind === 'complete_profile' ? 'reminder-onboarding-footer' : 'reminder-requests-footer')}` });
  }
};
