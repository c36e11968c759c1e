import { FluentBundle, FluentResource } from '@fluent/bundle';
import { I18n } from '@grammyjs/i18n';
import { describe, expect, it } from 'vitest';
import { AVAILABILITY_PROBLEM_CODES, DAY_SELECTION_KINDS, TIME_SLOTS, WEEKDAYS, validateAvailability, type Availability } from '../../../domain/availability/index.js';
import { COMMUNICATION_STYLES, FREQUENCIES } from '../../../domain/communication/index.js';
import {
  BOT_COMMANDS,
  LOCALES,
  NOTICE_KEYS,
  NOTICE_VARIABLES,
  PROBLEM_CODES,
  commandKey,
  communicationStyleKey,
  daySelectionKey,
  frequencyKey,
  interestCategoryKey,
  interestKey,
  levelDescriptionKey,
  levelKey,
  problemKey,
  timeSlotKey,
  weekdayShortKey,
  type Locale,
  type ProblemCode,
} from '../../../domain/i18n/index.js';
import { INTEREST_CATEGORIES, INTEREST_IDS, validateInterests, type InterestId } from '../../../domain/interests/index.js';
import { CEFR_LEVELS, validateLanguages, type CefrLevel, type LanguageCode } from '../../../domain/languages/index.js';
import { CATALOGS, LOCALES_DIR, ftlFiles, source } from './catalog.js';

const sorted = (set: ReadonlySet<string>): string[] => [...set].sort();

// Every label of the reference data, derived from the domain constants: adding an interest, a level or a slot
// without a message fails here.
const REFERENCE_KEYS: readonly string[] = [
  ...INTEREST_IDS.map(interestKey),
  ...INTEREST_CATEGORIES.map(interestCategoryKey),
  ...CEFR_LEVELS.map(levelKey),
  ...CEFR_LEVELS.map(levelDescriptionKey),
  ...COMMUNICATION_STYLES.map(communicationStyleKey),
  ...FREQUENCIES.map(frequencyKey),
  ...WEEKDAYS.map(weekdayShortKey),
  ...DAY_SELECTION_KINDS.map(daySelectionKey),
  ...TIME_SLOTS.map(timeSlotKey),
  ...BOT_COMMANDS.map(commandKey),
];

// Problems produced by the real validators, one or more per code, so the messages are checked against the
// variables the problems actually carry.
const sampleProblems = (): readonly { readonly code: ProblemCode }[] => {
  const unknownLanguage = 'xx' as LanguageCode;
  const badAvailability = {
    timeZone: 'Nowhere/Place',
    days: { kind: 'days', days: ['mon', 'mon', 'funday'] },
    slots: ['day', 'day', 'night'],
  } as unknown as Availability;
  return [
    ...validateLanguages([], []),
    ...validateLanguages(['ru', 'ru', unknownLanguage], [{ code: 'en', level: 'Z9' as CefrLevel }, { code: 'en', level: 'A1' }, { code: 'ru', level: 'B1' }]),
    ...validateInterests({ interests: [], primary: [] }),
    ...validateInterests({
      interests: ['music', 'music', 'art', 'books', 'travel', 'knitting' as InterestId],
      primary: ['music', 'music', 'art', 'books', 'travel', 'cooking'],
    }),
    ...validateAvailability(badAvailability),
    ...validateAvailability({ timeZone: 'UTC', days: { kind: 'days', days: [] }, slots: [] }),
    ...validateAvailability({ timeZone: 'UTC', days: { kind: 'sometimes' } as unknown as Availability['days'], slots: ['day'] }),
  ];
};

const bundleFor = (locale: Locale): FluentBundle => {
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(source(locale)));
  expect(errors).toEqual([]);
  return bundle;
};

const format = (bundle: FluentBundle, id: string, args: Record<string, string | number> = {}): string => {
  const message = bundle.getMessage(id);
  if (message?.value === undefined || message.value === null) throw new Error(`${bundle.locales.join()}: no message ${id}`);
  const errors: Error[] = [];
  const text = bundle.formatPattern(message.value, args, errors);
  expect(errors.map((error) => error.message), `${bundle.locales.join()} ${id}`).toEqual([]);
  return text;
};

describe('message catalog', () => {
  it('has one folder per locale, holding the same feature files, as @grammyjs/i18n expects', () => {
    const featuresOf = (locale: string) => ftlFiles().filter((file) => file.startsWith(`${locale}/`)).map((file) => file.slice(locale.length + 1));
    expect(new Set(ftlFiles().map((file) => file.split('/')[0]))).toEqual(new Set(LOCALES));
    for (const locale of LOCALES) expect(featuresOf(locale), locale).toEqual(featuresOf('en'));
    expect(featuresOf('en')).toContain('core.ftl');
  });

  it.each(LOCALES)('%s parses without syntax errors', (locale) => {
    expect(CATALOGS[locale].errors).toEqual([]);
    expect(CATALOGS[locale].entries.size).toBeGreaterThan(100);
  });

  it('has the same ids, variables and attributes in every locale', () => {
    const [first, ...others] = LOCALES;
    const reference = CATALOGS[first];
    for (const locale of others) {
      const catalog = CATALOGS[locale];
      expect(sorted(new Set(catalog.entries.keys())), locale).toEqual(sorted(new Set(reference.entries.keys())));
      for (const [id, entry] of reference.entries) {
        const other = catalog.entries.get(id);
        expect(other && sorted(other.variables), `${locale} ${id} variables`).toEqual(sorted(entry.variables));
        expect(other && sorted(other.attributes), `${locale} ${id} attributes`).toEqual(sorted(entry.attributes));
      }
    }
  });

  it.each(LOCALES)('%s uses every plural category of the language, with other as the default', (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const cldr = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
    let plurals = 0;
    for (const entry of CATALOGS[locale].entries.values()) {
      for (const select of entry.selects) {
        if (!select.keys.some((key) => cldr.has(key))) continue;
        plurals += 1;
        expect(sorted(new Set(select.keys)), `${locale} ${entry.id}`).toEqual(sorted(new Set(categories)));
        expect(select.defaultKey, `${locale} ${entry.id}`).toBe('other');
      }
    }
    expect(plurals).toBeGreaterThan(5);
  });

  it.each(LOCALES)('%s labels every interest, category, level, style, frequency, day, slot and command', (locale) => {
    const { entries } = CATALOGS[locale];
    for (const key of REFERENCE_KEYS) {
      expect(entries.has(key), `${locale} ${key}`).toBe(true);
      expect(sorted(entries.get(key)?.variables ?? new Set()), `${locale} ${key}`).toEqual([]);
    }
  });

  it.each(LOCALES)('%s has every notice with exactly the variables its callers pass', (locale) => {
    const { entries } = CATALOGS[locale];
    for (const key of NOTICE_KEYS) {
      expect(entries.has(key), `${locale} ${key}`).toBe(true);
      expect(sorted(entries.get(key)?.variables ?? new Set()), `${locale} ${key}`).toEqual([...NOTICE_VARIABLES[key]].sort());
    }
  });

  it.each(LOCALES)('%s explains every validation problem with the fields the problem carries', (locale) => {
    const bundle = bundleFor(locale);
    const samples = sampleProblems();
    expect(sorted(new Set(samples.map((problem) => problem.code)))).toEqual(sorted(new Set(PROBLEM_CODES)));
    expect(PROBLEM_CODES).toEqual(expect.arrayContaining([...AVAILABILITY_PROBLEM_CODES]));
    for (const problem of samples) {
      const text = format(bundle, problemKey(problem.code), problem as unknown as Record<string, string | number>);
      expect(text).not.toMatch(/\{|\}/);
    }
  });

  it.each(LOCALES)('%s formats every message without errors', (locale) => {
    const bundle = bundleFor(locale);
    for (const entry of CATALOGS[locale].entries.values()) {
      if (entry.kind === 'term') continue;
      const args = Object.fromEntries([...entry.variables].map((name) => [name, 7]));
      expect(format(bundle, entry.id, args).trim()).not.toBe('');
    }
  });

  it('agrees Russian counts with their nouns', () => {
    const ru = bundleFor('ru');
    const seconds = (n: number): string => format(ru, 'rate-limited', { seconds: n });
    expect(seconds(1)).toContain('1 секунду');
    expect(seconds(3)).toContain('3 секунды');
    expect(seconds(5)).toContain('5 секунд ');
    expect(seconds(11)).toContain('11 секунд ');
    expect(seconds(21)).toContain('21 секунду');
    expect(seconds(1.5)).toContain('1,5 секунды');
    expect(format(ru, 'tandem-requests-incoming', { count: 22 })).toContain('22 запроса ждут');
    expect(format(ru, 'card-overlap', { hours: 5, timeZone: 'UTC+3' })).toContain('5 часов в неделю');
    const en = bundleFor('en');
    expect(format(en, 'rate-limited', { seconds: 1 })).toContain('1 second and');
    expect(format(en, 'rate-limited', { seconds: 2 })).toContain('2 seconds');
  });

  it('loads through @grammyjs/i18n from the locales directory', () => {
    const i18n = new I18n({ defaultLocale: 'en', directory: LOCALES_DIR, fluentBundleOptions: { useIsolating: false } });
    expect([...i18n.locales].sort()).toEqual([...LOCALES].sort());
    expect(i18n.t('ru', 'tandem-ended', { name: 'Анна' })).toBe('Тандем с пользователем Анна завершён.');
    expect(i18n.t('en', 'command-delete_me')).toBe('Delete all your data');
  });
});
