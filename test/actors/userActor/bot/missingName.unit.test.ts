// A person whose name has nothing printable left, or whose card is unavailable (not projected yet, or forgotten), is
// named by a stand-in that takes a name's place in every sentence: "Anonymous accepted your request!", never
// "A language learner" capitalised mid-sentence; in Russian «Аноним», quoted so that, like a name, it stays undeclined
// after «пользователем», never «пользователем Изучающий языки». The card's title stands alone and may describe.
import { describe, expect, it } from 'vitest';
import { partnerName, renderPartnerCard } from '../../../../actors/userActor/bot/cards/index.js';
import { createI18n } from '../../../../actors/userActor/bot/createUserBot.js';
import type { Translate } from '../../../../actors/userActor/reactions/index.js';
import { LOCALES, type Locale } from '../../../../domain/i18n/index.js';
import { CATALOGS } from '../../../domain/i18n/catalog.js';
import { cardOf, stateOf } from './find/profiles.js';

const i18n = createI18n();
const translator = (locale: Locale): Translate => (key, args) => i18n.t(locale, key, args as Record<string, string | number> | undefined);
const ISOLATES = /[\u2068\u2069]/g;
const plain = (text: string): string => text.replace(ISOLATES, '');

const STAND_IN: Readonly<Record<Locale, string>> = { en: 'Anonymous', ru: '«Аноним»' };
/** Telegram names with nothing printable once cleaned, and no name at all. */
const NAMELESS = ['', '   ', '\u200B\u202E\u2066', null];

describe('a missing name', () => {
  it.each(LOCALES)('is the same stand-in wherever a name is expected (%s)', (locale) => {
    for (const firstName of NAMELESS) expect(plain(partnerName({ firstName }, translator(locale)))).toBe(STAND_IN[locale]);
    expect(plain(partnerName({ firstName: ' Ann ' }, translator(locale)))).toBe('Ann');
  });

  it('reads as a name at the start of a sentence and inside one (en)', () => {
    const t = translator('en');
    const name = partnerName({ firstName: '' }, t);
    expect(plain(t('request-accepted', { name }))).toBe('Anonymous accepted your request! Say hello.');
    expect(plain(t('request-received', { name }))).toBe('Anonymous would like to practise with you.');
    expect(plain(t('tandem-ended', { name }))).toBe('Your tandem with Anonymous has ended.');
    expect(plain(t('tandem-started', { name }))).toBe('You and Anonymous are now tandem partners.');
    expect(plain(t('tandem-request-incoming-closed', { name, reason: 'closed by you' }))).toBe('The request from Anonymous is closed: closed by you.');
  });

  it('stays undeclined, as a name does, after «пользователем», «пользователю», «партнёру» (ru)', () => {
    const t = translator('ru');
    const name = partnerName({ firstName: '' }, t);
    expect(plain(t('tandem-ended', { name }))).toBe('Тандем с пользователем «Аноним» завершён.');
    expect(plain(t('request-expired', { name }))).toBe('Ваш запрос пользователю «Аноним» истёк без ответа.');
    expect(plain(t('request-declined', { name }))).toBe('«Аноним» отклонил(а) ваш запрос.');
    expect(plain(t('tandem-started', { name }))).toBe('Теперь вы и «Аноним» — партнёры по тандему.');
    expect(plain(t('tandem-rate-chosen', { name, stars: '★★★' }))).toBe('Ваша оценка партнёру «Аноним»: ★★★');
  });

  it.each(LOCALES)('fits every message that names a person (%s)', (locale) => {
    const t = translator(locale);
    const name = partnerName({ firstName: null }, t);
    const named = [...CATALOGS[locale].entries.values()].filter((entry) => entry.kind === 'message' && entry.variables.has('name'));
    expect(named.length).toBeGreaterThan(20);
    for (const entry of named) {
      const text = plain(t(entry.id, Object.fromEntries([...entry.variables].map((variable) => [variable, variable === 'name' ? name : '7']))));
      expect(text, entry.id).toContain(STAND_IN[locale]);
      // English: no article before it and no lower-case stand-in; Russian: the stand-in is never declined.
      expect(text, entry.id).not.toMatch(/\b(a|an|the) Anonymous|«Аноним[а-я]/i);
    }
  });

  it.each(LOCALES)('titles a card with a description instead (%s)', (locale) => {
    const now = new Date('2026-03-04T12:00:00Z');
    const viewer = stateOf({ id: '100', firstName: 'Vera', native: ['ru'], learning: [{ code: 'en', level: 'B1' }] }, now);
    const partner = stateOf({ id: '200', native: ['en'], learning: [{ code: 'ru', level: 'A2' }] }, now);
    const text = plain(renderPartnerCard({ card: { ...cardOf(partner), firstName: '\u200B' }, viewer, locale, t: translator(locale), now, score: null }));
    expect(text.split('\n')[0]).toBe(`👤 ${translator(locale)('card-name-missing')}`);
  });
});
