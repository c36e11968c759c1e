import { describe, it } from 'vitest';
import { command, event, given, isError, ME, startedEvents, T0, later, HOUR } from '../support/users.js';

const start = (data: Partial<{ telegramId: string; firstName: string; username: string | null; languageCode: string | null }> = {}, id = 'tg:1') =>
  command('Start', { telegramId: ME, firstName: 'Ann', username: 'ann_x', languageCode: 'en', ...data }, id);

describe('Start', () => {
  it('records first contact', () => {
    given()
      .when(start())
      .then([event('UserStarted', { telegramId: ME, firstName: 'Ann', username: 'ann_x', telegramLanguageCode: 'en' }, 'tg:1')]);
  });

  it('keeps a missing username and drops a malformed Telegram language code', () => {
    given()
      .when(start({ username: null, languageCode: '??' }))
      .then([event('UserStarted', { telegramId: ME, firstName: 'Ann', username: null, telegramLanguageCode: null }, 'tg:1')]);
  });

  it.each([
    ['a non-numeric id', { telegramId: 'abc' }, 'invalid_user_id'],
    ['an empty first name', { firstName: '  ' }, 'invalid_first_name'],
    ['a malformed username', { username: 'no spaces' }, 'invalid_username'],
  ] as const)('refuses %s', (_, data, code) => {
    given().when(start(data)).thenThrows(isError(code));
  });

  it('decides nothing when a started user starts again unchanged', () => {
    given(startedEvents(ME, 'ann_x'))
      .when(start({}, 'tg:2'))
      .thenNothingHappened();
  });

  it('tracks a changed name or username', () => {
    given(startedEvents(ME, 'ann_x'))
      .when(start({ firstName: 'Anna', username: null }, 'tg:2'))
      .then([event('TelegramProfileUpdated', { firstName: 'Anna', username: null }, 'tg:2')]);
  });

  it('refuses a Start carrying another user id on an existing stream', () => {
    given(startedEvents(ME)).when(start({ telegramId: '999' }, 'tg:2')).thenThrows(isError('invalid_user_id'));
  });

  it('refuses every other command before Start', () => {
    given().when(command('SetBio', { bio: 'hello' })).thenThrows(isError('not_started'));
    given().when(command('RequestPartner', { target: '2002' })).thenThrows(isError('not_started'));
  });

  it('records activity with a user command when the last activity is older than the resolution', () => {
    given(startedEvents(ME, 'me_user', later(-2 * HOUR)))
      .when(command('SetInterfaceLanguage', { language: 'ru' }, 'tg:3'))
      .then([event('InterfaceLanguageSet', { language: 'ru' }, 'tg:3'), event('ActivityRecorded', {}, 'tg:3')]);
  });

  it('RecordActivity decides nothing within the resolution, ActivityRecorded after it', () => {
    given(startedEvents(ME)).when(command('RecordActivity', {}, 'tg:4')).thenNothingHappened();
    given(startedEvents(ME, 'me_user', later(-2 * HOUR))).when(command('RecordActivity', {}, 'tg:4')).then([event('ActivityRecorded', {}, 'tg:4', T0)]);
  });

  it('applies a command id once (Guarantee 2)', () => {
    given(startedEvents(ME, 'me_user'), [event('BioSet', { bio: 'hi' }, 'tg:5')])
      .when(command('SetBio', { bio: 'something else' }, 'tg:5'))
      .thenNothingHappened();
  });
});
