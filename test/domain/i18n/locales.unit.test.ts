import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, LOCALES, isLocale, pickLocale } from '../../../domain/i18n/index.js';

describe('pickLocale', () => {
  it('picks Russian for Russian, whatever the region', () => {
    expect(pickLocale('ru')).toBe('ru');
    expect(pickLocale('ru-RU')).toBe('ru');
    expect(pickLocale('RU')).toBe('ru');
  });

  it('falls back to English for everything else', () => {
    expect(DEFAULT_LOCALE).toBe('en');
    for (const code of [undefined, '', 'en', 'en-GB', 'uk', 'be', 'kk', 'de', 'pt-br', 'xx']) {
      expect(pickLocale(code)).toBe('en');
    }
  });

  it('knows its locales', () => {
    expect(LOCALES).toEqual(['en', 'ru']);
    expect(isLocale('ru')).toBe(true);
    expect(isLocale('de')).toBe(false);
  });
});
