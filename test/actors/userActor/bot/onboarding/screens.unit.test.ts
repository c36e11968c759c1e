// Every wizard screen and the profile card, in both languages, for an empty draft and for a draft and profile at
// every maximum, stay within Telegram's limits: text ≤ 4096 characters, ≤ 100 buttons, callback data ≤ 64 bytes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { renderStep, type View } from '../../../../../actors/userActor/bot/handlers/onboarding/screens/index.js';
import { STEPS, emptyDraft, type Draft, type Wizard } from '../../../../../actors/userActor/bot/handlers/onboarding/wizard.js';
import { cardScreen } from '../../../../../actors/userActor/bot/handlers/profile/cardScreen.js';
import { INTEREST_IDS } from '../../../../../domain/interests/index.js';
import { LANGUAGE_CODES } from '../../../../../domain/languages/index.js';
import { emptyProfile, MAX_BIO_CHARACTERS, type Profile } from '../../../../../domain/user/index.js';
import { localesDirectory } from '../../../../../actors/userActor/bot/localesDirectory.js';

const translator = (locale: string): View['t'] => {
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const directory = join(localesDirectory(), locale);
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.ftl'))) bundle.addResource(new FluentResource(readFileSync(join(directory, file), 'utf8')));
  return (key, args) => {
    const message = bundle.getMessage(key);
    if (message?.value === undefined || message.value === null) throw new Error(`missing message ${key} in ${locale}`);
    const errors: Error[] = [];
    const text = bundle.formatPattern(message.value, args as Record<string, string | number> | undefined, errors);
    if (errors.length > 0) throw new Error(`${key}: ${errors.map(String).join('; ')}`);
    return text;
  };
};

const fullProfile: Profile = {
  ...emptyProfile,
  firstName: '\u202Eשרה🦊'.repeat(20),
  nativeLanguages: ['ar', 'zh', 'hi'],
  learningLanguages: [{ code: 'id', level: 'A1' }, { code: 'bn', level: 'C2' }, { code: 'pt', level: 'B2' }],
  interests: [...INTEREST_IDS],
  primaryInterests: ['music', 'books', 'travel'],
  availability: { timeZone: 'America/Argentina/Buenos_Aires', days: { kind: 'days', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] }, slots: ['morning', 'day', 'evening', 'late'] },
  communicationStyles: ['text', 'voice_messages', 'audio_call', 'video_call', 'in_person'],
  frequency: 'several_per_week',
  bio: '👩‍👩‍👧‍👦'.repeat(MAX_BIO_CHARACTERS),
};

const fullDraft: Draft = {
  native: ['ar', 'zh', 'hi'],
  found: LANGUAGE_CODES.slice(-10),
  learn: fullProfile.learningLanguages,
  lang: 'eu',
  cat: 'entertainment',
  interests: [...INTEREST_IDS],
  primary: ['music', 'books', 'travel'],
  tz: 'America/Argentina/Buenos_Aires',
  days: 'days',
  dayList: ['mon', 'sun'],
  slots: ['late'],
  styles: ['text', 'in_person'],
};

const checkLimits = (label: string, screen: { text: string; keyboard: readonly (readonly { text: string; callback_data?: string }[])[] }): void => {
  expect(screen.text.length, label).toBeLessThanOrEqual(4096);
  expect(screen.text.trim().length, label).toBeGreaterThan(0);
  const buttons = screen.keyboard.flat();
  expect(buttons.length, label).toBeLessThanOrEqual(100);
  for (const row of screen.keyboard) expect(row.length, label).toBeLessThanOrEqual(8);
  for (const button of buttons) {
    expect(Buffer.byteLength(button.callback_data ?? '', 'utf8'), `${label}: ${button.callback_data}`).toBeLessThanOrEqual(64);
    expect(button.text.length, `${label}: ${button.text}`).toBeLessThanOrEqual(48);
  }
};

describe('wizard screens and the profile card', () => {
  for (const locale of ['en', 'ru']) {
    const t = translator(locale);
    for (const [name, profile, draft] of [['empty', emptyProfile, emptyDraft], ['full', fullProfile, fullDraft]] as const) {
      it(`stay within Telegram's limits (${locale}, ${name})`, () => {
        const view: View = { t, locale, profile, now: new Date('2026-07-01T12:00:00Z') };
        for (const flow of ['onboarding', 'profile-edit'] as const) {
          for (const step of STEPS) {
            const wizard: Wizard = { flow, step, draft: flow === 'profile-edit' ? { ...draft, ret: 'card' } : draft };
            checkLimits(`${flow}/${step}`, renderStep(view, wizard));
          }
        }
        checkLimits('card', cardScreen(view, 'paused'));
      });
    }
  }

  it('shows Back on every step but the very first, and Next on multi-select steps', () => {
    const view: View = { t: translator('en'), locale: 'en', profile: emptyProfile, now: new Date('2026-07-01T12:00:00Z') };
    for (const step of STEPS) {
      const labels = renderStep(view, { flow: 'onboarding', step, draft: emptyDraft }).keyboard.flat().map((button) => button.text);
      const hasBack = labels.some((label) => label.includes('Back') || label.includes('Categories'));
      expect(hasBack, step).toBe(step !== 'native');
    }
    for (const step of ['native', 'learning', 'interests', 'primary', 'days-custom', 'slots', 'styles'] as const) {
      expect(renderStep(view, { flow: 'onboarding', step, draft: emptyDraft }).keyboard.flat().some((b) => b.text.startsWith('Next')), step).toBe(true);
    }
  });
});
