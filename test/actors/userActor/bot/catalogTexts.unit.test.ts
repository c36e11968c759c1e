// What a user reads, checked over the whole catalog: every /command a text names is one the bot handles; the menu's
// commands are all handled; Russian texts are Russian and English ones English (no half-translated message); a Russian
// name ({ $name }, never declined) does not follow a preposition that needs another case ("от Ольга"); the texts
// shown as a button press's notice fit Telegram's 200 characters.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { FluentParser } from '@fluent/syntax';
import { describe, expect, it } from 'vitest';
import { BOT_COMMANDS, LOCALES, type Locale } from '../../../../domain/i18n/index.js';
import { CATALOGS, source } from '../../../domain/i18n/catalog.js';

const BOT_DIR = fileURLToPath(new URL('../../../../actors/userActor/bot', import.meta.url));

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });

const HANDLER_SOURCES = sourcesUnder(BOT_DIR);

/** Commands the handlers register: `.command('x', …)` or `.command(['x', 'y'], …)`. */
const registeredCommands = (): ReadonlySet<string> => {
  const names = new Set<string>();
  for (const text of HANDLER_SOURCES) {
    for (const match of text.matchAll(/\.command\(\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/g)) {
      for (const name of match[1]!.matchAll(/['"]([^'"]+)['"]/g)) names.add(name[1]!);
    }
  }
  return names;
};

interface Text {
  readonly id: string;
  /** The message's literal text (every variant of every select, attributes too), placeables left out. */
  readonly text: string;
  /** The source of the message's value, for patterns around placeables. */
  readonly source: string;
}

const textsOf = (locale: Locale): readonly Text[] => {
  const resource = new FluentParser({ withSpans: true }).parse(source(locale));
  const all = source(locale);
  const texts: Text[] = [];
  const literal = (node: unknown, into: string[]): void => {
    if (Array.isArray(node)) return void node.forEach((child) => literal(child, into));
    if (typeof node !== 'object' || node === null) return;
    const typed = node as { type?: string; value?: unknown };
    if (typed.type === 'TextElement') into.push(String(typed.value));
    for (const [field, child] of Object.entries(node)) if (field !== 'span' && field !== 'comment') literal(child, into);
  };
  for (const entry of resource.body) {
    if (entry.type !== 'Message' || entry.value === null) continue;
    const parts: string[] = [];
    literal([entry.value, entry.attributes], parts);
    const span = entry.span!;
    texts.push({ id: entry.id.name, text: parts.join(' '), source: all.slice(span.start, span.end) });
  }
  expect(texts.length).toBeGreaterThan(100);
  return texts;
};

/** A /command in running text: not part of a path ("Europe/Moscow") or a fraction. */
const COMMAND_IN_TEXT = /(?<![\p{L}\p{N}_/.])\/([a-z][a-z0-9_]*)/gu;

describe('catalog texts', () => {
  const registered = registeredCommands();

  it('finds the handlers’ commands (the scan itself works)', () => {
    expect(registered).toContain('start');
    expect(registered).toContain('delete_me');
    expect(registered).toContain('broadcast');
  });

  it('registers a handler for every command of the menu and /help', () => {
    expect(BOT_COMMANDS.filter((command) => !registered.has(command))).toEqual([]);
  });

  it.each(LOCALES)('%s names only commands the bot handles', (locale) => {
    const unknown: string[] = [];
    let named = 0;
    for (const { id, text } of textsOf(locale)) {
      for (const match of text.matchAll(COMMAND_IN_TEXT)) {
        named += 1;
        if (!registered.has(match[1]!)) unknown.push(`${id}: /${match[1]!}`);
      }
    }
    expect(named).toBeGreaterThan(20);
    expect(unknown).toEqual([]);
  });

  // Words a Russian text may keep in Latin letters: product names, technical labels a user types or sees as such.
  const LATIN_IN_RUSSIAN = new Set(['Lexbot', 'Telegram', 'username', 'UTC', 'ISO', 'id', 'Europe', 'Moscow', 'Asia', 'Tokyo', 'sv', 'de', 'A1', 'C2', 'B1', 'B2', 'A2', 'C1']);

  it('keeps Russian texts Russian and English texts English', () => {
    const mixed: string[] = [];
    for (const { id, text } of textsOf('ru')) {
      const withoutCommands = text.replace(COMMAND_IN_TEXT, '');
      const latin = [...withoutCommands.matchAll(/[A-Za-z][A-Za-z0-9]*/g)].map((match) => match[0]).filter((word) => !LATIN_IN_RUSSIAN.has(word));
      if (latin.length > 0) mixed.push(`ru ${id}: ${latin.join(', ')}`);
    }
    for (const { id, text } of textsOf('en')) {
      if (/\p{Script=Cyrillic}/u.test(text)) mixed.push(`en ${id}`);
    }
    expect(mixed).toEqual([]);
  });

  it('never puts a Russian name right after a preposition it would have to decline for', () => {
    // "запрос от { $name }" reads "запрос от Ольга": names are not declined, so they stand in the nominative, after a
    // colon, or after «пользователь» in the needed case.
    const PREPOSITIONS = ['от', 'к', 'с', 'со', 'для', 'у', 'о', 'об', 'про', 'без', 'на'];
    const pattern = new RegExp(`(?<![\\p{L}])(${PREPOSITIONS.join('|')})\\s+\\{\\s*\\$(name|target|reporter)\\s*\\}`, 'iu');
    const found = textsOf('ru')
      .filter(({ source: text }) => pattern.test(text))
      .map(({ id, source: text }) => `${id}: ${pattern.exec(text)![0]}`);
    expect(found).toEqual([]);
  });

  // Words that may follow a number without agreeing with it.
  const NOT_COUNTED: Readonly<Record<Locale, ReadonlySet<string>>> = {
    en: new Set(['of', 'or', 'and', 'to', 'more', 'is', 'are']),
    ru: new Set(['из', 'до', 'или', 'и', 'нельзя']),
  };

  it.each(LOCALES)('%s: a number followed by a word it counts picks the word’s plural form (a select on that number)', (locale) => {
    const resource = new FluentParser().parse(source(locale));
    type Node = { readonly type: string; readonly [field: string]: unknown };
    const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
    const variableOf = (node: unknown): string | null => {
      if (!isNode(node) || node.type !== 'Placeable' || !isNode(node.expression) || node.expression.type !== 'VariableReference') return null;
      return String((node.expression.id as { name: string }).name);
    };
    // The variables some plural select counts: the catalog's numbers.
    const numbers = new Set<string>();
    const selects = (value: unknown, visit: (select: Node) => void): void => {
      if (Array.isArray(value)) return void value.forEach((item) => selects(item, visit));
      if (!isNode(value)) return;
      if (value.type === 'SelectExpression') visit(value);
      for (const [field, child] of Object.entries(value)) if (field !== 'span') selects(child, visit);
    };
    selects(resource.body, (select) => {
      const variants = select.variants as readonly { key: { name?: string } }[];
      const selector = variableOf({ type: 'Placeable', expression: select.selector });
      if (selector !== null && variants.some((variant) => ['one', 'few', 'many'].includes(variant.key.name ?? ''))) numbers.add(selector);
    });
    expect(numbers).toContain('count');
    const found: string[] = [];
    // Walks patterns keeping the selectors of the selects around them: inside a variant its number agrees already.
    const walk = (id: string, value: unknown, counted: ReadonlySet<string>): void => {
      if (Array.isArray(value)) return void value.forEach((item) => walk(id, item, counted));
      if (!isNode(value)) return;
      if (value.type === 'Pattern') {
        const elements = value.elements as readonly Node[];
        elements.forEach((element, index) => {
          const variable = variableOf(element);
          const next = elements[index + 1];
          if (variable === null || !numbers.has(variable) || counted.has(variable) || next?.type !== 'TextElement') return;
          const word = /^ (\p{L}+)/u.exec(String(next.value))?.[1];
          if (word !== undefined && !NOT_COUNTED[locale].has(word)) found.push(`${id}: { $${variable} } ${word}`);
        });
      }
      if (value.type === 'SelectExpression') {
        const selector = variableOf({ type: 'Placeable', expression: value.selector });
        const inner = selector === null ? counted : new Set([...counted, selector]);
        return void walk(id, value.variants, inner);
      }
      for (const [field, child] of Object.entries(value)) if (field !== 'span') walk(id, child, counted);
    };
    for (const entry of resource.body as unknown as readonly Node[]) {
      if (entry.type === 'Message') walk(String((entry.id as { name: string }).name), [entry.value, entry.attributes], new Set());
    }
    expect(found).toEqual([]);
  });

  it.each(LOCALES)('%s: every text a button press answers with (answerCallbackQuery) fits 200 characters', (locale) => {
    const ids = new Set<string>();
    for (const text of HANDLER_SOURCES) {
      for (const line of text.split('\n')) {
        if (!line.includes('answerCallbackQuery(')) continue;
        for (const match of line.matchAll(/'([a-z][a-z0-9_-]+)'/g)) if (CATALOGS[locale].entries.has(match[1]!)) ids.add(match[1]!);
      }
    }
    expect(ids.size).toBeGreaterThan(5);
    const bundle = new FluentBundle(locale, { useIsolating: false });
    bundle.addResource(new FluentResource(source(locale)));
    for (const id of ids) {
      const message = bundle.getMessage(id)!;
      const args = Object.fromEntries([...CATALOGS[locale].entries.get(id)!.variables].map((name) => [name, 999_999]));
      expect(bundle.formatPattern(message.value!, args).length, `${locale} ${id}`).toBeLessThanOrEqual(200);
    }
  });
});
