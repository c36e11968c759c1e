// createI18n remembers constant translations (no variables, or numbers only) per locale and key. Differential: every
// message and attribute of the catalog, in every locale and a locale list, asked the ways handlers ask (no variables,
// `{}`, a frozen `{}`, numbers, text), twice, equals a plain @grammyjs/i18n instance's answer; a missing message
// still warns on every call.
import { I18n } from '@grammyjs/i18n';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../../actors/userActor/bot/createUserBot.js';
import { localesDirectory } from '../../../../actors/userActor/bot/localesDirectory.js';

const plainI18n = (): I18n => new I18n({ defaultLocale: 'en', directory: localesDirectory(), fluentBundleOptions: { useIsolating: false } });

interface BundleView {
  readonly locales: readonly string[];
  readonly _messages: Map<string, { readonly attributes: Record<string, unknown> }>;
}

const pathsOf = (i18n: I18n): string[] => {
  const paths = new Set<string>();
  for (const bundle of (i18n.fluent as unknown as { bundles: Set<BundleView> }).bundles) {
    for (const [id, message] of bundle._messages) {
      paths.add(id);
      for (const attribute of Object.keys(message.attributes)) paths.add(`${id}.${attribute}`);
    }
  }
  return [...paths].sort();
};

/** The text, or what was thrown (Fluent throws on a variable the message needs and was not given). */
const outcome = (i18n: { readonly fluent: I18n['fluent'] }, locales: string | string[], path: string, variables: Record<string, string | number> | undefined): string => {
  try {
    return i18n.fluent.translate(locales, path, variables);
  } catch (error) {
    return `thrown ${(error as Error).name}: ${(error as Error).message}`;
  }
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createI18n remembered translations', () => {
  it('answer exactly what Fluent formats, for every message, locale and way of asking', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const remembering = createI18n();
    const reference = plainI18n();
    const paths = pathsOf(reference);
    expect(paths.length).toBeGreaterThan(100);
    let formatted = 0;
    const asks: (Record<string, string | number> | undefined)[] = [
      undefined, {}, Object.freeze({}), { count: 3, step: 2, total: 6, seconds: 40, min: 10, max: 1000 }, { count: 1 }, { name: 'Olga', count: 2 },
    ];
    for (const locales of ['en', 'ru', ['ru', 'en']] as const) {
      for (const path of paths) {
        for (const variables of asks) {
          const asked = locales as string | string[];
          const expected = outcome(reference, asked, path, variables);
          expect(outcome(remembering, asked, path, variables), `${String(locales)} ${path}`).toBe(expected);
          expect(outcome(remembering, asked, path, variables)).toBe(expected);
          if (!expected.startsWith('thrown ')) formatted += 1;
        }
      }
    }
    // Most asks format (the comparison is not between two throws).
    expect(formatted).toBeGreaterThan(paths.length * 3);
  });

  it('warn on every ask of a missing message, as Fluent does', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const remembering = createI18n();
    expect(remembering.fluent.translate('en', 'no-such-message', {})).toBe('{no-such-message}');
    expect(remembering.fluent.translate('en', 'no-such-message', {})).toBe('{no-such-message}');
    expect(remembering.fluent.translate('ru', 'no-such-message')).toBe('{no-such-message}');
    const calls = warn.mock.calls.length;
    expect(calls).toBeGreaterThanOrEqual(3);
    remembering.fluent.translate('en', 'no-such-message');
    expect(warn.mock.calls.length).toBeGreaterThan(calls);
  });
});
