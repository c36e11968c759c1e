import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LANGUAGE_CODES,
  LANGUAGES,
  POPULAR_LANGUAGES,
  isLanguageCode,
  languageInfo,
  languageName,
  RUSSIAN_NAMES,
  normalizeSearchText,
  searchLanguages,
  type LanguageCode,
} from '../../../domain/languages/index.js';

describe('LANGUAGES', () => {
  it('holds at least 60 distinct two-letter ISO 639-1 codes, ranked 1..n in list order', () => {
    expect(LANGUAGES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(LANGUAGE_CODES).size).toBe(LANGUAGE_CODES.length);
    LANGUAGES.forEach((info, index) => {
      expect(info.code).toMatch(/^[a-z]{2}$/);
      expect(info.code).toBe(LANGUAGE_CODES[index]);
      expect(info.rank).toBe(index + 1);
      expect(info.englishName.trim()).not.toBe('');
      expect(info.nativeName.trim()).not.toBe('');
      expect(info.flag.trim()).not.toBe('');
    });
  });

  it('includes the languages a tandem bot is most asked for', () => {
    for (const code of ['en', 'ru', 'es', 'de', 'fr', 'zh', 'ja', 'ko', 'ar', 'hi', 'pt', 'it', 'tr', 'uk']) {
      expect(isLanguageCode(code)).toBe(true);
    }
  });

  it('looks languages up by code', () => {
    expect(languageInfo('ru')).toMatchObject({ englishName: 'Russian', nativeName: 'Русский', flag: '🇷🇺' });
    expect(languageInfo('en').rank).toBe(1);
    expect(() => languageInfo('xx' as LanguageCode)).toThrow(RangeError);
  });

  it('tells codes from other strings', () => {
    expect(isLanguageCode('de')).toBe(true);
    expect(isLanguageCode('DE')).toBe(false);
    expect(isLanguageCode('deu')).toBe(false);
    expect(isLanguageCode('')).toBe(false);
    expect(isLanguageCode('toString')).toBe(false);
  });

  it('offers twelve distinct popular languages', () => {
    expect(POPULAR_LANGUAGES).toHaveLength(12);
    expect(new Set(POPULAR_LANGUAGES).size).toBe(12);
  });
});

describe('searchLanguages', () => {
  it('finds by native name without diacritics or case', () => {
    expect(searchLanguages('espanol')[0]?.code).toBe('es');
    expect(searchLanguages('FRANÇAIS')[0]?.code).toBe('fr');
    expect(searchLanguages('русск')[0]?.code).toBe('ru');
    expect(searchLanguages('日本')[0]?.code).toBe('ja');
  });

  it('finds by Russian name, and names languages in the interface language', () => {
    expect(searchLanguages('немецкий')[0]?.code).toBe('de');
    expect(searchLanguages('Испан')[0]?.code).toBe('es');
    expect(languageName('de', 'ru')).toBe('Немецкий');
    expect(languageName('de', 'en')).toBe('German');
    expect(languageName('de', 'fr')).toBe('German');
    for (const code of LANGUAGE_CODES) expect(RUSSIAN_NAMES[code]).toMatch(/^[А-ЯЁ][а-яё -]+$/);
  });

  it('finds by alias', () => {
    expect(searchLanguages('farsi')[0]?.code).toBe('fa');
    expect(searchLanguages('mandarin')[0]?.code).toBe('zh');
  });

  it('puts an exact code first, then prefixes by popularity, then substrings', () => {
    const codes = (query: string): readonly string[] => searchLanguages(query, 20).map((info) => info.code);
    // "ka" is Georgian's code; Kannada and Kazakh start with it; Afrikaans only contains it.
    const ka = codes('ka');
    expect(ka[0]).toBe('ka');
    expect(ka.indexOf('kn')).toBeLessThan(ka.indexOf('kk'));
    expect(ka.indexOf('kk')).toBeLessThan(ka.indexOf('af'));
    expect(ka).not.toContain('en');
    // A word inside a name counts as a prefix match: "Creole" finds Haitian Creole.
    expect(codes('creole')).toContain('ht');
  });

  it('respects the limit and answers nothing to an empty query', () => {
    expect(searchLanguages('a', 5)).toHaveLength(5);
    expect(searchLanguages('   ')).toEqual([]);
    expect(searchLanguages('en', 0)).toEqual([]);
    expect(searchLanguages('qqqq')).toEqual([]);
  });

  it('finds every language by its code and English name (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGES), (info) => {
        expect(searchLanguages(info.code)[0]?.code).toBe(info.code);
        expect(searchLanguages(info.englishName).map((found) => found.code)).toContain(info.code);
        expect(searchLanguages(info.nativeName.toUpperCase(), LANGUAGES.length).map((found) => found.code)).toContain(info.code);
      }),
      { numRuns: LANGUAGES.length * 2 },
    );
  });

  it('normalizes text by dropping marks, case and extra spaces', () => {
    expect(normalizeSearchText('  Tiếng   Việt ')).toBe('tieng viet');
  });
});
