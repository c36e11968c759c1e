// The catalog against the domain's codes: every error code, decline/close/reject/report reason, reminder, reason of
// ineligibility, score part and channel has a message in every locale, with exactly the variables its caller
// provides. Keys come from the builders over the domain's const arrays, so a new code without a message fails here.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError, USER_ERROR_CODES, type UserErrorCode } from '../../../domain/errors.js';
import {
  LOCALES,
  REMINDER_VARIABLES,
  SCORE_PART_VARIABLES,
  channelKey,
  closeReasonKey,
  declineReasonKey,
  errorKey,
  errorMessage,
  ineligibilityKey,
  rejectReasonKey,
  reminderKey,
  reportReasonKey,
  scorePartArgs,
  scorePartKey,
  type Locale,
} from '../../../domain/i18n/index.js';
import { INELIGIBILITY_REASONS, SCORE_PART_CODES, scoreCandidate, type ScorePart } from '../../../domain/matching/index.js';
import { CLOSE_REASONS, DECLINE_REASONS, REJECT_REASONS, TANDEM_CHANNELS } from '../../../domain/tandem/index.js';
import { REMINDER_KINDS, REPORT_REASONS } from '../../../domain/user/index.js';
import { NOW, anyCandidateArb } from '../matching/arbitraries.js';
import { CATALOGS, source } from './catalog.js';
import { SCENARIOS, thrownBy } from './errorSamples.js';

const sorted = (values: Iterable<string>): string[] => [...values].sort();

/** Messages that take no variables: labels and sentences shown as they are. */
const PLAIN_KEYS: readonly string[] = [
  ...DECLINE_REASONS.map(declineReasonKey),
  ...CLOSE_REASONS.map(closeReasonKey),
  ...REJECT_REASONS.map(rejectReasonKey),
  ...REPORT_REASONS.map(reportReasonKey),
  ...INELIGIBILITY_REASONS.map(ineligibilityKey),
  ...TANDEM_CHANNELS.map(channelKey),
];

const bundles: Readonly<Record<Locale, FluentBundle>> = Object.fromEntries(
  LOCALES.map((locale) => {
    const bundle = new FluentBundle(locale, { useIsolating: false });
    bundle.addResource(new FluentResource(source(locale)));
    return [locale, bundle];
  }),
) as Record<Locale, FluentBundle>;

/** Formats a message and returns its text with Fluent's errors (a missing variable, an unknown reference). */
const render = (locale: Locale, id: string, args: Readonly<Record<string, string | number>>): { text: string; errors: string[] } => {
  const message = bundles[locale].getMessage(id);
  if (message?.value === undefined || message.value === null) return { text: '', errors: [`no message ${id}`] };
  const errors: Error[] = [];
  const text = bundles[locale].formatPattern(message.value, args, errors);
  return { text, errors: errors.map((error) => error.message) };
};

const variablesOf = (locale: Locale, id: string): string[] => sorted(CATALOGS[locale].entries.get(id)?.variables ?? []);

// ---- error details, as the domain really throws them --------------------------------------------------------------

const DETAILED: ReadonlyMap<UserErrorCode, readonly DomainError[]> = (() => {
  const byCode = new Map<UserErrorCode, DomainError[]>();
  for (const scenario of SCENARIOS) {
    const error = thrownBy(scenario);
    byCode.set(error.code, [...(byCode.get(error.code) ?? []), error]);
  }
  return byCode;
})();

/** Every DomainError sample of a code: the real throws with details, or one without details. */
const samplesOf = (code: UserErrorCode): readonly DomainError[] => DETAILED.get(code) ?? [new DomainError('validation', code)];

const DOMAIN_DIR = fileURLToPath(new URL('../../../domain', import.meta.url));
const domainSources = (dir: string = DOMAIN_DIR): readonly string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? domainSources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [readFileSync(join(dir, entry.name), 'utf8')] : [],
  );

/** Codes the domain's source throws with a details object: literally, or through checkText and fail in user/validate.ts. */
const codesThrownWithDetails = (): readonly string[] => {
  const patterns = [
    /\b(?:validation|illegalState|notFound|forbidden)\(\s*'(\w+)'\s*,\s*\{/g,
    /\bcheckText\([^;]*?'(\w+)'\s*\)/g,
    /\bfail\(\s*'(\w+)'/g,
  ];
  const codes = new Set<string>();
  for (const text of domainSources()) for (const pattern of patterns) for (const match of text.matchAll(pattern)) codes.add(match[1] ?? '');
  return sorted(codes);
};

describe('error messages', () => {
  it('samples every code the domain throws with details, each scenario throwing the code it names', () => {
    for (const scenario of SCENARIOS) expect(thrownBy(scenario).code, scenario.when.type).toBe(scenario.expected);
    const found = codesThrownWithDetails();
    expect(found).toEqual(expect.arrayContaining(['bio_too_long', 'invalid_rating', 'too_many_pending_requests']));
    expect(sorted(DETAILED.keys())).toEqual(found);
  });

  it.each(LOCALES)('%s has a message for every error code', (locale) => {
    for (const code of USER_ERROR_CODES) expect(CATALOGS[locale].entries.has(errorKey(code)), `${locale} ${errorKey(code)}`).toBe(true);
  });

  it.each(LOCALES)('%s uses in each error message only variables every thrown error of that code carries', (locale) => {
    for (const code of USER_ERROR_CODES) {
      for (const error of samplesOf(code)) {
        const provided = Object.keys(error.details);
        expect(provided, `${locale} ${code} ${JSON.stringify(error.details)}`).toEqual(expect.arrayContaining(variablesOf(locale, errorKey(code))));
      }
    }
  });

  it.each(LOCALES)('%s formats every error with the details it is thrown with, without Fluent errors', (locale) => {
    for (const code of USER_ERROR_CODES) {
      for (const error of samplesOf(code)) {
        const { key, args } = errorMessage(error);
        const { text, errors } = render(locale, key, args);
        expect(errors, `${locale} ${key}`).toEqual([]);
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('names the limit the error carries', () => {
    const [pending] = samplesOf('too_many_pending_requests');
    if (pending === undefined) throw new Error('no sample');
    const { key, args } = errorMessage(pending);
    expect(render('en', key, args).text).toContain('3 requests');
    expect(render('ru', key, args).text).toContain('3 запроса ждут');
    const [bio] = samplesOf('bio_too_long');
    if (bio === undefined) throw new Error('no sample');
    expect(render('ru', errorKey('bio_too_long'), errorMessage(bio).args).text).toContain('501 символ;');
    expect(render('en', errorKey('profile_incomplete'), {}).text).toContain('/start');
  });
});

// ---- labels, reminders and score parts ---------------------------------------------------------------------------

describe('domain labels', () => {
  it.each(LOCALES)('%s labels every decline, close, reject and report reason, reason of ineligibility and channel', (locale) => {
    for (const key of PLAIN_KEYS) {
      expect(CATALOGS[locale].entries.has(key), `${locale} ${key}`).toBe(true);
      expect(variablesOf(locale, key), `${locale} ${key}`).toEqual([]);
    }
  });

  it.each(LOCALES)('%s has every reminder with exactly its variables', (locale) => {
    for (const kind of REMINDER_KINDS) {
      const key = reminderKey(kind);
      expect(CATALOGS[locale].entries.has(key), `${locale} ${key}`).toBe(true);
      expect(variablesOf(locale, key), `${locale} ${key}`).toEqual(sorted(REMINDER_VARIABLES[kind]));
    }
  });

  it.each(LOCALES)('%s explains every score part with exactly the variables scorePartArgs gives', (locale) => {
    for (const code of SCORE_PART_CODES) {
      const key = scorePartKey(code);
      expect(CATALOGS[locale].entries.has(key), `${locale} ${key}`).toBe(true);
      expect(variablesOf(locale, key), `${locale} ${key}`).toEqual(sorted(SCORE_PART_VARIABLES[code]));
    }
  });
});

describe('score explanations', () => {
  const pairs = fc.sample(fc.tuple(anyCandidateArb, anyCandidateArb), { numRuns: 300, seed: 7 });
  const parts: readonly ScorePart[] = [
    ...pairs.flatMap(([viewer, candidate]) => scoreCandidate(viewer, candidate, NOW).parts),
    // the edges the generators may miss: no language pair, no known activity, active today
    { code: 'level_fit', viewerLearns: null, viewerLevel: null, candidateLearns: null, candidateLevel: null, points: 0 },
    { code: 'recent_activity', daysSinceActive: null, points: 0 },
    { code: 'recent_activity', daysSinceActive: 0, points: 10 },
    { code: 'communication', sharedStyles: 2, sameFrequency: true, points: 10 },
  ];

  it.each(LOCALES)('%s renders real score parts without Fluent errors, using every argument', (locale) => {
    for (const part of parts) {
      const args = scorePartArgs(part, locale);
      expect(sorted(Object.keys(args)), part.code).toEqual(sorted(SCORE_PART_VARIABLES[part.code]));
      const { text, errors } = render(locale, scorePartKey(part.code), args);
      expect(errors, `${locale} ${JSON.stringify(part)}`).toEqual([]);
      expect(text, `${locale} ${JSON.stringify(part)}`).not.toMatch(/[{}]|undefined|null/);
    }
  });

  it('reads naturally in both languages', () => {
    const levelFit: ScorePart = { code: 'level_fit', viewerLearns: 'de', viewerLevel: 'B1', candidateLearns: 'ru', candidateLevel: 'B2', points: 16 };
    expect(render('en', scorePartKey('level_fit'), scorePartArgs(levelFit, 'en')).text).toBe(
      'Levels: you learn German at B1, they learn Russian at B2 (+16)',
    );
    expect(render('ru', scorePartKey('level_fit'), scorePartArgs(levelFit, 'ru')).text).toBe('Уровни: у вас — B1 (Немецкий), у собеседника — B2 (Русский) (+16)');
    const overlap = (hours: number, locale: Locale): string =>
      render(locale, scorePartKey('overlap_hours'), scorePartArgs({ code: 'overlap_hours', hours, points: 30 }, locale)).text;
    expect(overlap(1, 'en')).toBe('1 hour a week when you are both free (+30)');
    expect(overlap(21, 'ru')).toContain('21 час в неделю');
    expect(overlap(3, 'ru')).toContain('3 часа в неделю');
    expect(overlap(12, 'ru')).toContain('12 часов в неделю');
    const activity = (daysSinceActive: number | null): string =>
      render('ru', scorePartKey('recent_activity'), scorePartArgs({ code: 'recent_activity', daysSinceActive, points: 5 }, 'ru')).text;
    expect(activity(0)).toContain('сегодня');
    expect(activity(2)).toContain('2 дня назад');
    expect(activity(5)).toContain('5 дней назад');
    expect(activity(null)).toContain('Давно');
    const fairness = render('ru', scorePartKey('fairness'), scorePartArgs({ code: 'fairness', pendingRequests: 4, points: -12 }, 'ru')).text;
    expect(fairness).toMatch(/^У собеседника уже 4 входящих запроса ждут ответа \((-|−)12\)$/);
  });
});
