import { describe, expect, it } from 'vitest';
import { profileCompletion, SECTION_WEIGHTS, MAX_BIO_CHARACTERS, fold } from '../../../domain/user/index.js';
import { activeEvents, berlinEvenings, command, event, given, isError, ME, startedEvents } from '../support/users.js';

const onboarding = startedEvents(ME);

describe('profile sections', () => {
  it('SetNativeLanguages records the languages', () => {
    given(onboarding).when(command('SetNativeLanguages', { languages: ['en', 'de'] }, 'c1')).then([event('NativeLanguagesSet', { languages: ['en', 'de'] }, 'c1')]);
  });

  it('SetNativeLanguages refuses more than three, duplicates, unknown codes and a language already learnt', () => {
    const refuses = (languages: readonly string[], history = onboarding) =>
      given(history).when(command('SetNativeLanguages', { languages: languages as never }, 'c1')).thenThrows(isError('invalid_languages'));
    refuses(['en', 'de', 'fr', 'es']);
    refuses(['en', 'en']);
    refuses(['xx']);
    refuses([]);
    refuses(['ru'], [...onboarding, event('LearningLanguagesSet', { languages: [{ code: 'ru', level: 'A1' }] }, 'l')]);
  });

  it('SetLearningLanguages records languages with CEFR levels', () => {
    given(onboarding)
      .when(command('SetLearningLanguages', { languages: [{ code: 'es', level: 'A2' }] }, 'c2'))
      .then([event('LearningLanguagesSet', { languages: [{ code: 'es', level: 'A2' }] }, 'c2')]);
  });

  it('SetLearningLanguages refuses an unknown level and a native language', () => {
    given(onboarding).when(command('SetLearningLanguages', { languages: [{ code: 'es', level: 'D1' as never }] }, 'c2')).thenThrows(isError('invalid_languages'));
    given(onboarding, [event('NativeLanguagesSet', { languages: ['es'] }, 'n')])
      .when(command('SetLearningLanguages', { languages: [{ code: 'es', level: 'B2' }] }, 'c2'))
      .thenThrows(isError('invalid_languages'));
  });

  it('SetInterests records interests and primary ones', () => {
    given(onboarding)
      .when(command('SetInterests', { interests: ['music', 'travel'], primary: ['travel'] }, 'c3'))
      .then([event('InterestsSet', { interests: ['music', 'travel'], primary: ['travel'] }, 'c3')]);
  });

  it('SetInterests refuses more than three primary or a primary not chosen', () => {
    given(onboarding)
      .when(command('SetInterests', { interests: ['music', 'travel', 'books', 'art'], primary: ['music', 'travel', 'books', 'art'] }, 'c3'))
      .thenThrows(isError('invalid_interests'));
    given(onboarding).when(command('SetInterests', { interests: ['music'], primary: ['art'] }, 'c3')).thenThrows(isError('invalid_interests'));
  });

  it('SetAvailability records it and refuses an unknown zone or an empty selection', () => {
    given(onboarding).when(command('SetAvailability', { availability: berlinEvenings }, 'c4')).then([event('AvailabilitySet', { availability: berlinEvenings }, 'c4')]);
    given(onboarding)
      .when(command('SetAvailability', { availability: { ...berlinEvenings, timeZone: 'Mars/Olympus' } }, 'c4'))
      .thenThrows(isError('invalid_availability'));
    given(onboarding)
      .when(command('SetAvailability', { availability: { ...berlinEvenings, days: { kind: 'days', days: [] } } }, 'c4'))
      .thenThrows(isError('invalid_availability'));
  });

  it('SetCommunication records styles and frequency and refuses none', () => {
    given(onboarding)
      .when(command('SetCommunication', { styles: ['video_call', 'text'], frequency: 'daily' }, 'c5'))
      .then([event('CommunicationSet', { styles: ['video_call', 'text'], frequency: 'daily' }, 'c5')]);
    given(onboarding).when(command('SetCommunication', { styles: [], frequency: 'daily' }, 'c5')).thenThrows(isError('invalid_communication'));
    given(onboarding).when(command('SetCommunication', { styles: ['text'], frequency: 'hourly' as never }, 'c5')).thenThrows(isError('invalid_communication'));
  });

  it('SetBio stores the normalized text; empty clears it', () => {
    given(onboarding).when(command('SetBio', { bio: '  Hi!\r\nI like tea.  ' }, 'c6')).then([event('BioSet', { bio: 'Hi!\nI like tea.' }, 'c6')]);
    given(onboarding).when(command('SetBio', { bio: '' }, 'c6')).then([event('BioSet', { bio: '' }, 'c6')]);
  });

  it('SetBio counts user-perceived characters: 500 flags fit, 501 letters do not', () => {
    const flags = '🇩🇪'.repeat(MAX_BIO_CHARACTERS); // 1000 code points, 2000 UTF-16 units, 500 characters
    given(onboarding).when(command('SetBio', { bio: flags }, 'c6')).then([event('BioSet', { bio: flags }, 'c6')]);
    given(onboarding).when(command('SetBio', { bio: 'a'.repeat(MAX_BIO_CHARACTERS + 1) }, 'c6')).thenThrows(isError('bio_too_long'));
  });

  it('SetBio refuses control characters and bidi overrides', () => {
    given(onboarding).when(command('SetBio', { bio: 'bell\u0007' }, 'c6')).thenThrows(isError('text_has_control_characters'));
    given(onboarding).when(command('SetBio', { bio: 'evil\u202Etxt' }, 'c6')).thenThrows(isError('text_has_control_characters'));
  });

  it('SetInterfaceLanguage records a supported language only', () => {
    given(onboarding).when(command('SetInterfaceLanguage', { language: 'ru' }, 'c7')).then([event('InterfaceLanguageSet', { language: 'ru' }, 'c7')]);
    given(onboarding).when(command('SetInterfaceLanguage', { language: 'xx' as never }, 'c7')).thenThrows(isError('invalid_interface_language'));
  });

  it('completes onboarding with the last required section, and only then', () => {
    const allButCommunication = activeEvents(ME).filter((e) => e.type !== 'CommunicationSet' && e.type !== 'OnboardingCompleted');
    given(allButCommunication)
      .when(command('SetCommunication', { styles: ['text'], frequency: 'weekly' }, 'c8'))
      .then([event('CommunicationSet', { styles: ['text'], frequency: 'weekly' }, 'c8'), event('OnboardingCompleted', {}, 'c8')]);
    given(activeEvents(ME))
      .when(command('SetCommunication', { styles: ['voice_messages'], frequency: 'daily' }, 'c8'))
      .then([event('CommunicationSet', { styles: ['voice_messages'], frequency: 'daily' }, 'c8')]);
  });
});

describe('profile completion', () => {
  it('weights add up to 100', () => {
    expect(Object.values(SECTION_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('is 0 after start, 90 without a bio, 100 with one', () => {
    expect(profileCompletion(fold(onboarding).profile)).toBe(0);
    expect(profileCompletion(fold(activeEvents(ME)).profile)).toBe(100 - SECTION_WEIGHTS.bio);
    expect(profileCompletion(fold([...activeEvents(ME), event('BioSet', { bio: 'hello' }, 'b')]).profile)).toBe(100);
  });

  it('grows by the weight of each section set', () => {
    const after = fold([...onboarding, event('NativeLanguagesSet', { languages: ['en'] }, 'n')]);
    expect(profileCompletion(after.profile)).toBe(SECTION_WEIGHTS.nativeLanguages);
  });
});
