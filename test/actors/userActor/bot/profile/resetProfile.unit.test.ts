// ResetProfile → ProfileReset: every section cleared, names and interface language kept, open requests and tandems
// closed first (only active or paused users may hold them), and the read model following suit.
import { describe, expect, it } from 'vitest';
import { decide, fold, invariantViolations } from '../../../../../domain/user/index.js';
import { projectProfile } from '../../../../../projections/readModels/projectProfile.js';
import { activeEvents, command, event, given, isError, ME, PEER, startedEvents } from '../../../../domain/support/users.js';

describe('ResetProfile', () => {
  it('clears every section and sends an active user back to onboarding', () => {
    const history = [...activeEvents(ME), event('InterfaceLanguageSet', { language: 'ru' }, 'l'), event('BioSet', { bio: 'hi' }, 'b')];
    given(history).when(command('ResetProfile', {}, 'r1')).then([event('ProfileReset', {}, 'r1')]);
    const after = fold([...history, event('ProfileReset', {}, 'r1')]);
    expect(after.status).toBe('onboarding');
    expect(after.profile.nativeLanguages).toEqual([]);
    expect(after.profile.availability).toBeNull();
    expect(after.profile.bio).toBe('');
    expect(after.profile.interfaceLanguage).toBe('ru');
    expect(after.profile.firstName).toBe(fold(history).profile.firstName);
    expect(invariantViolations(after)).toEqual([]);
  });

  it('closes an open request first, so no invariant breaks', () => {
    const history = [...activeEvents(ME), event('PartnerRequested', { requestId: 'req-1', peer: PEER }, 'q')];
    const decided = decide(command('ResetProfile', {}, 'r2'), fold(history));
    expect(decided.map((e) => e.type)).toEqual(expect.arrayContaining(['PartnerRequestCancelled', 'ProfileReset']));
    expect(decided[decided.length - 1]?.type).toBe('ProfileReset');
    const after = fold(decided, fold(history));
    expect(after.tandems.every((tandem) => tandem.status !== 'requested')).toBe(true);
    expect(invariantViolations(after)).toEqual([]);
  });

  it('refuses a user who never started', () => {
    given([]).when(command('ResetProfile', {}, 'r3')).thenThrows(isError('not_started'));
    given(startedEvents(ME)).when(command('ResetProfile', {}, 'r4')).then([event('ProfileReset', {}, 'r4')]);
  });

  it('empties the read model rows but keeps when the user first onboarded', () => {
    let doc = null as ReturnType<typeof projectProfile>;
    activeEvents(ME).forEach((e, index) => {
      if (e.type === 'UserStarted' || e.type === 'NativeLanguagesSet' || e.type === 'LearningLanguagesSet' || e.type === 'InterestsSet' || e.type === 'AvailabilitySet' || e.type === 'CommunicationSet' || e.type === 'OnboardingCompleted') {
        doc = projectProfile(doc, e, index + 1);
      }
    });
    const onboardedAt = doc?.user.onboardedAt;
    expect(onboardedAt).not.toBeNull();
    const reset = projectProfile(doc, event('ProfileReset', {}, 'r') as never, 99);
    expect(reset?.user.status).toBe('onboarding');
    expect(reset?.languages).toEqual([]);
    expect(reset?.interests).toEqual([]);
    expect(reset?.availability).toBeNull();
    expect(reset?.user.onboardedAt).toBe(onboardedAt);
  });
});
