// Reminder timers and the policy that decides, when one fires, whether the nudge still applies.
import { describe, expect, it } from 'vitest';
import { queuedCommands, REQUEST_TTL_MS, timersFor } from '../../../domain/tandem/index.js';
import { decide, fold, WEEK_MS } from '../../../domain/user/index.js';
import { ONBOARDING_REMINDER_DELAY_MS, reminderToSend } from '../../../domain/user/reminders.js';
import { activeEvents, command, DAY, event, HOUR, later, ME, PEER, startedEvents, T0 } from '../support/users.js';

const onboarding = fold(startedEvents(ME, 'me_user', T0));

describe('reminder timers', () => {
  it('a start (and later activity) while onboarding schedules a nudge a day later, with a stable id', () => {
    const started = decide(command('Start', { telegramId: ME, firstName: 'Ann', username: null, languageCode: 'en' }, 'tg:1'), fold([]));
    const timers = timersFor(started, fold(started));
    expect(timers).toEqual([
      {
        timerId: `reminder:${ME}:complete_profile:${T0.toISOString()}`,
        dueAt: later(ONBOARDING_REMINDER_DELAY_MS),
        command: { type: 'SendReminder', data: { kind: 'complete_profile' } },
      },
    ]);
    expect(timersFor(started, fold(started))).toEqual(timers);
    // Without the state (old callers) no reminder is scheduled; an active user's activity schedules none either.
    expect(timersFor(started)).toEqual([]);
    const active = fold(activeEvents(ME));
    const activity = decide(command('RecordActivity', {}, 'tg:2', later(2 * HOUR)), active);
    expect(activity.map((e) => e.type)).toEqual(['ActivityRecorded']);
    expect(timersFor(activity, fold(activity, active))).toEqual([]);
  });

  it('an incoming request schedules a nudge a day before it expires', () => {
    const requested = decide(command('RequestPartner', { target: PEER }, 'tg:9'), fold(activeEvents(ME)));
    const [message] = queuedCommands(requested);
    const peer = fold(activeEvents(PEER));
    const received = decide({ ...message!.command, meta: { now: T0, commandId: message!.commandId } } as never, peer);
    const reminder = timersFor(received, fold(received, peer)).find((t) => t.command.type === 'SendReminder');
    expect(reminder?.dueAt).toEqual(later(REQUEST_TTL_MS - DAY));
    expect(reminder?.command.data).toMatchObject({ kind: 'pending_requests' });
  });
});

describe('reminderToSend', () => {
  it('nudges an idle onboarding once a week at most', () => {
    expect(reminderToSend(onboarding, { kind: 'complete_profile' }, later(DAY))).toBe('complete_profile');
    expect(reminderToSend(onboarding, { kind: 'complete_profile' }, later(DAY - 1))).toBeNull();
    const reminded = fold([event('ReminderSent', { kind: 'complete_profile' }, 'r', later(DAY))], onboarding);
    expect(reminderToSend(reminded, { kind: 'complete_profile' }, later(2 * DAY))).toBeNull();
    expect(reminderToSend(reminded, { kind: 'complete_profile' }, later(DAY + WEEK_MS))).toBe('complete_profile');
  });

  it('stays quiet once onboarding is done, and while paused, banned or forgotten', () => {
    const active = fold(activeEvents(ME));
    expect(reminderToSend(active, { kind: 'complete_profile' }, later(30 * DAY))).toBeNull();
    for (const ending of [event('UserBanned', { reason: 'spam' }, 'b'), event('UserForgotten', {}, 'f')]) {
      expect(reminderToSend(fold([ending], onboarding), { kind: 'complete_profile' }, later(30 * DAY))).toBeNull();
    }
  });

  it('nudges about a request only while it still waits for this user, never while paused', () => {
    const requested = decide(command('RequestPartner', { target: PEER }, 'tg:9'), fold(activeEvents(ME)));
    const [message] = queuedCommands(requested);
    const peer = fold(activeEvents(PEER));
    const received = decide({ ...message!.command, meta: { now: T0, commandId: message!.commandId } } as never, peer);
    const waiting = fold(received, peer);
    const requestId = waiting.tandems[0]!.id;
    expect(reminderToSend(waiting, { kind: 'pending_requests', requestId }, later(DAY))).toBe('pending_requests');
    // The requester's own side is not "incoming".
    expect(reminderToSend(fold(requested, fold(activeEvents(ME))), { kind: 'pending_requests', requestId }, later(DAY))).toBeNull();
    const answered = fold(decide(command('DeclineRequest', { requestId, reason: null }, 'tg:10', later(HOUR)), waiting), waiting);
    expect(reminderToSend(answered, { kind: 'pending_requests', requestId }, later(DAY))).toBeNull();
    const paused = fold([event('ProfilePaused', {}, 'p', later(HOUR))], waiting);
    expect(reminderToSend(paused, { kind: 'pending_requests', requestId }, later(DAY))).toBeNull();
  });
});
