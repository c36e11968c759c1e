import { describe, expect, it } from 'vitest';
import { fold, emptyProfile, reminderDue, WEEK_MS } from '../../../domain/user/index.js';
import { activeEvents, command, event, given, isError, later, ME, startedEvents, T0 } from '../support/users.js';

const paused = [...activeEvents(ME), event('ProfilePaused', {}, 'p')];
const banned = [...activeEvents(ME), event('UserBanned', { reason: 'spam' }, 'b')];

describe('pause and resume', () => {
  it('pauses an active profile and resumes it', () => {
    given(activeEvents(ME)).when(command('PauseProfile', {}, 'c1')).then([event('ProfilePaused', {}, 'c1')]);
    given(paused).when(command('ResumeProfile', {}, 'c2')).then([event('ProfileResumed', {}, 'c2')]);
  });

  it('refuses to pause an incomplete or paused profile, or resume an active one', () => {
    given(startedEvents(ME)).when(command('PauseProfile', {}, 'c1')).thenThrows(isError('profile_incomplete'));
    given(paused).when(command('PauseProfile', {}, 'c1')).thenThrows(isError('not_active'));
    given(activeEvents(ME)).when(command('ResumeProfile', {}, 'c2')).thenThrows(isError('not_paused'));
  });
});

describe('ban and unban', () => {
  it('bans, refuses the user commands while banned, and unbans back to the previous status', () => {
    given(paused).when(command('BanUser', { reason: 'harassment' }, 'c1')).then([event('UserBanned', { reason: 'harassment' }, 'c1')]);
    given(banned).when(command('SetBio', { bio: 'x' }, 'c2')).thenThrows(isError('banned'));
    given(banned).when(command('BanUser', { reason: 'spam' }, 'c3')).thenThrows(isError('already_banned'));
    given(banned).when(command('UnbanUser', {}, 'c4')).then([event('UserUnbanned', {}, 'c4')]);
    expect(fold([...paused, event('UserBanned', { reason: 'spam' }, 'b'), event('UserUnbanned', {}, 'u')]).status).toBe('paused');
  });

  it('refuses to unban someone not banned', () => {
    given(activeEvents(ME)).when(command('UnbanUser', {}, 'c1')).thenThrows(isError('not_banned'));
  });

  it('refuses to ban a user who never started', () => {
    given().when(command('BanUser', { reason: 'spam' }, 'c1')).thenThrows(isError('not_started'));
  });
});

describe('forget (/delete_me)', () => {
  it('leaves a tombstone only', () => {
    const history = [...activeEvents(ME), event('BioSet', { bio: 'personal' }, 'b'), event('UserBlocked', { target: '5005' }, 'x')];
    given(history).when(command('ForgetUser', {}, 'c1')).then([event('UserForgotten', {}, 'c1')]);
    const state = fold([...history, event('UserForgotten', {}, 'c1')]);
    expect(state.status).toBe('forgotten');
    expect(state.profile).toEqual(emptyProfile);
    expect(state.blocked).toEqual([]);
    expect(state.recentCommandIds).toContain('c1');
  });

  it('is allowed while banned, and final for everything but a new Start', () => {
    given(banned).when(command('ForgetUser', {}, 'c1')).then([event('UserForgotten', {}, 'c1')]);
    const forgotten = [...activeEvents(ME), event('UserForgotten', {}, 'f')];
    given(forgotten)
      .when(command('Start', { telegramId: ME, firstName: 'A', username: null, languageCode: null }, 'c2'))
      .then([event('UserStarted', { telegramId: ME, firstName: 'A', username: null, telegramLanguageCode: null }, 'c2')]);
    const restarted = fold([...forgotten, event('UserStarted', { telegramId: ME, firstName: 'A', username: null, telegramLanguageCode: null }, 'c2')]);
    expect(restarted.status).toBe('onboarding');
    expect(restarted.profile).toEqual({ ...emptyProfile, firstName: 'A' });
    // A ban outlives the forget.
    given([...banned, event('UserForgotten', {}, 'f')])
      .when(command('Start', { telegramId: ME, firstName: 'A', username: null, languageCode: null }, 'c2'))
      .thenThrows(isError('banned'));
    given(forgotten).when(command('ForgetUser', {}, 'c3')).thenThrows(isError('forgotten'));
    given(forgotten).when(command('UnbanUser', {}, 'c4')).thenThrows(isError('forgotten'));
  });
});

describe('reminders', () => {
  it('records the reminder and its time per kind', () => {
    given(activeEvents(ME)).when(command('RecordReminderSent', { kind: 'inactive' }, 'c1')).then([event('ReminderSent', { kind: 'inactive' }, 'c1')]);
    const state = fold([...activeEvents(ME), event('ReminderSent', { kind: 'inactive' }, 'c1')]);
    expect(state.lastReminderAt.inactive).toBeDefined();
    expect(state.lastReminderAt.complete_profile).toBeUndefined();
  });

  it('lets a policy send a kind at most once a week', () => {
    const state = fold([...activeEvents(ME), event('ReminderSent', { kind: 'inactive' }, 'c1')]);
    expect(reminderDue(state, 'inactive', later(WEEK_MS - 1))).toBe(false);
    expect(reminderDue(state, 'inactive', later(WEEK_MS))).toBe(true);
    expect(reminderDue(state, 'complete_profile', T0)).toBe(true);
  });

  it('refuses an unknown kind', () => {
    given(activeEvents(ME)).when(command('RecordReminderSent', { kind: 'spam_me' as never }, 'c1')).thenThrows(isError('invalid_reminder_kind'));
  });
});
