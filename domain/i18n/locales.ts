// The interface languages of the bot. The .ftl catalogs beside this file sit in one folder per locale (en/, ru/), one
// file per feature, which is how @grammyjs/i18n's directory loader tells locales apart (it joins a folder's files); the gateway points it at domain/i18n/locales, given
// without a trailing slash (version 1.1 then fails to read the files).

export const LOCALES = ['en', 'ru'] as const;

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

const LOCALE_SET: ReadonlySet<string> = new Set(LOCALES);

export const isLocale = (value: string): value is Locale => LOCALE_SET.has(value);

/**
 * The interface language for a new user, from Telegram's `language_code` (an IETF tag such as "ru", "pt-br").
 * Only Russian maps to the Russian interface: speakers of Ukrainian, Belarusian or Kazakh may well read Russian,
 * but choosing it for them would be a guess some would resent, and /language switches in one tap. Everyone else
 * gets the default, English.
 */
export const pickLocale = (telegramLanguageCode?: string): Locale => {
  const primary = (telegramLanguageCode ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isLocale(primary) ? primary : DEFAULT_LOCALE;
};
