import { describe, expect, it } from 'vitest';
import { toStored, upcast } from '../../../domain/events/index.js';
import { fold } from '../../../domain/user/index.js';
import { activeEvents, command, event, given, isError, ME } from '../support/users.js';

const onboarding = { flow: 'onboarding', step: 'native-languages', data: { picked: ['en', 'ru'] } };

describe('dialog (where a user is in a conversation)', () => {
  it('records a new dialog and clears it', () => {
    given(activeEvents(ME)).when(command('SetDialog', { dialog: onboarding }, 'c1')).then([event('DialogChanged', { dialog: onboarding }, 'c1')]);
    const withDialog = [...activeEvents(ME), event('DialogChanged', { dialog: onboarding }, 'c1')];
    expect(fold(withDialog).dialog).toEqual(onboarding);
    given(withDialog).when(command('SetDialog', { dialog: null }, 'c2')).then([event('DialogChanged', { dialog: null }, 'c2')]);
  });

  it('decides nothing when the dialog is already the one asked for, whatever the key order', () => {
    const withDialog = [...activeEvents(ME), event('DialogChanged', { dialog: onboarding }, 'c1')];
    given(withDialog).when(command('SetDialog', { dialog: { data: { picked: ['en', 'ru'] }, step: 'native-languages', flow: 'onboarding' } }, 'c2')).then([]);
    given(activeEvents(ME)).when(command('SetDialog', { dialog: null }, 'c3')).then([]);
  });

  it('refuses malformed or oversized dialogs, and users who never started', () => {
    given(activeEvents(ME)).when(command('SetDialog', { dialog: { flow: 'Bad Flow', step: 's', data: {} } }, 'c1')).thenThrows(isError('invalid_dialog'));
    given(activeEvents(ME)).when(command('SetDialog', { dialog: { flow: 'f', step: 's', data: { big: 'x'.repeat(5000) } } }, 'c1')).thenThrows(isError('invalid_dialog'));
    given().when(command('SetDialog', { dialog: onboarding }, 'c1')).thenThrows(isError('not_started'));
  });

  it('round-trips through the stored form and refuses a stored dialog beyond its limits', () => {
    const changed = event('DialogChanged', { dialog: onboarding }, 'c1');
    expect(upcast(toStored(changed as never))).toEqual(changed);
    const oversized = { ...toStored(changed as never), data: { ...changed.data, dialog: { ...onboarding, data: { big: 'x'.repeat(5000) } } } };
    expect(() => upcast(oversized)).toThrow(/DialogChanged/);
  });
});
