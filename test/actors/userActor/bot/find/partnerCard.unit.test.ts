import { describe, expect, it } from 'vitest';
import { renderPartnerCard, MESSAGE_MAX_CHARACTERS, displayName } from '../../../../../actors/userActor/bot/cards/index.js';
import { createI18n } from '../../../../../actors/userActor/bot/createUserBot.js';
import type { Translate } from '../../../../../actors/userActor/reactions/index.js';
import { cardOf, EVENINGS_BERLIN, stateOf } from './profiles.js';

const NOW = new Date('2026-03-04T12:00:00Z'); // a Wednesday
const i18n = createI18n();
const translator = (locale: string): Translate => (key, args) => i18n.t(locale, key, args as Record<string, string | number> | undefined);

const viewer = stateOf({ id: '100', firstName: 'Vera', native: ['ru'], learning: [{ code: 'en', level: 'B1' }], availability: { timeZone: 'Europe/Moscow', days: { kind: 'any' }, slots: ['evening'] } }, NOW);
const partner = stateOf({ id: '200', firstName: 'Sam', username: 'sam_learns', native: ['en'], learning: [{ code: 'ru', level: 'A2' }], availability: EVENINGS_BERLIN, bio: 'I love hiking.' }, NOW);

describe('partner card', () => {
  it('shows languages with levels, interests with the primary first, overlap in the viewer’s zone, styles and why (English)', () => {
    const text = renderPartnerCard({ card: cardOf(partner), viewer, locale: 'en', t: translator('en'), now: NOW });
    expect(text).toContain('Sam');
    expect(text).toContain('Native: English');
    expect(text).toContain('Learning: Russian (A2)');
    expect(text).toMatch(/Interests: Travel ⭐, Music, Books|Interests: Travel ⭐, Books, Music/);
    // Berlin 18–23 is Moscow 20–24 in March (UTC+1 vs UTC+3): the overlap is Moscow 20:00–23:00 (Berlin 18–21 ∩ Moscow 18–23).
    expect(text).toContain('Free at the same time: 21 hours a week (your time, Europe/Moscow)');
    expect(text).toContain('Mon–Sun 20:00–23:00');
    expect(text).toContain('Communication: Text messages, Video calls');
    expect(text).toContain('How often: Once a week');
    expect(text).toContain('I love hiking.');
    expect(text).toContain('Why this match:');
    expect(text).toMatch(/you learn English at B1, they learn Russian at A2/);
    expect(text).not.toContain('200');
    expect(text).not.toContain('@sam_learns');
  });

  it('renders in Russian, and shows the username only when asked', () => {
    const text = renderPartnerCard({ card: cardOf(partner), viewer, locale: 'ru', t: translator('ru'), now: NOW, showUsername: true, score: null });
    expect(text).toContain('Родные языки: Английский');
    expect(text).toContain('Изучает: Русский (A2)');
    expect(text).toContain('Общее свободное время: 21 час в неделю');
    expect(text).toContain('@sam_learns');
    expect(text).not.toContain('Почему');
  });

  it('keeps a 4096-character limit with the longest name and a bio to spare, cutting only the bio', () => {
    const card = { ...cardOf(partner), firstName: '👩‍👩‍👧‍👦'.repeat(300), bio: 'ب'.repeat(6000) };
    const text = renderPartnerCard({ card, viewer, locale: 'en', t: translator('en'), now: NOW });
    expect(text.length).toBeLessThanOrEqual(MESSAGE_MAX_CHARACTERS);
    expect(text).toContain('…');
    expect(text).toContain('Why this match:');
  });

  it('isolates right-to-left names and strips bidi overrides and controls', () => {
    expect(displayName('\u202Eevil\u0007', 'x')).toBe('\u2068evil\u2069');
    expect(displayName('שרה', 'x')).toBe('\u2068שרה\u2069');
    expect(displayName('\u200F\u200E ', 'nobody')).toBe('\u2068nobody\u2069');
    const flag = '🏴󠁧󠁢󠁳󠁣󠁴󠁿';
    expect(displayName(flag, 'x')).toBe(`\u2068${flag}\u2069`);
  });

  it('says so when there is no common free time', () => {
    const night = stateOf({ id: '300', native: ['en'], learning: [{ code: 'ru', level: 'A2' }], availability: { timeZone: 'Europe/Moscow', days: { kind: 'any' }, slots: ['morning'] } }, NOW);
    const text = renderPartnerCard({ card: cardOf(night), viewer, locale: 'en', t: translator('en'), now: NOW });
    expect(text).toContain('No free time in common this week.');
  });
});
