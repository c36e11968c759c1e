// The user's own card and a partner's card mark each section they share with the same emoji (📚 learning, ✨
// interests, not 📖/🎯 on one of them), so a section looks the same wherever it is read.
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../../../actors/userActor/bot/createUserBot.js';
import { profileCard } from '../../../../../actors/userActor/bot/handlers/profile/card.js';
import type { Translate } from '../../../../../actors/userActor/reactions/index.js';
import { LOCALES, type Locale } from '../../../../../domain/i18n/index.js';
import { stateOf } from '../find/profiles.js';

const NOW = new Date('2026-03-04T12:00:00Z');
const i18n = createI18n();
const translator = (locale: Locale): Translate => (key, args) => i18n.t(locale, key, args as Record<string, string | number> | undefined);

/** The sections both cards show: the own card's label, and the partner card's line (find.ftl). */
const SHARED = [
  { label: 'profile-native', partner: 'card-native' },
  { label: 'profile-learning', partner: 'card-learning' },
  { label: 'profile-interests', partner: 'card-interests' },
  { label: 'profile-styles', partner: 'card-styles' },
  { label: 'profile-frequency', partner: 'card-frequency' },
  { label: 'profile-bio', partner: 'card-bio' },
] as const;

const firstGrapheme = (line: string): string => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(line)][0]?.segment ?? '';

describe('profile card', () => {
  it.each(LOCALES)('marks each section with the emoji of the partner card (%s)', (locale) => {
    const t = translator(locale);
    const state = stateOf({ id: '200', firstName: 'Sam', native: ['en'], learning: [{ code: 'ru', level: 'A2' }], bio: 'Hi.' }, NOW);
    const own = profileCard({ t, locale, profile: state.profile, now: NOW }).split('\n');
    for (const { label, partner } of SHARED) {
      const line = own.find((row) => row.includes(` ${t(label)}: `));
      expect(line, `${locale} ${label}`).toBeDefined();
      const partnerLine = t(partner, { languages: 'x', interests: 'x', styles: 'x', frequency: 'x', bio: 'x' });
      expect(firstGrapheme(line ?? ''), `${locale} ${label}`).toBe(firstGrapheme(partnerLine));
    }
    expect(own.join('\n')).toMatch(/^📚 .*\n✨ /m);
  });
});
