// Reads the .ftl catalogs the way a reviewer would: the Fluent syntax parser for structure, variables and plural
// variants. Test support only: domain/ itself never touches files.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentParser, type Resource } from '@fluent/syntax';
import { LOCALES, type Locale } from '../../../domain/i18n/index.js';

// No trailing slash: @grammyjs/i18n 1.1 derives the locale from the path left after removing the directory and
// finds none when that path lacks its leading separator.
export const LOCALES_DIR = fileURLToPath(new URL('../../../domain/i18n/locales', import.meta.url));

/** Every catalog file as `<locale>/<feature>.ftl`: one folder per locale, one file per feature (merged by @grammyjs/i18n). */
export const ftlFiles = (): readonly string[] =>
  readdirSync(LOCALES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) => readdirSync(join(LOCALES_DIR, dir.name)).filter((name) => name.endsWith('.ftl')).map((name) => `${dir.name}/${name}`))
    .sort();

/** One locale's whole catalog: its feature files joined, as @grammyjs/i18n joins them. */
export const source = (locale: Locale): string =>
  ftlFiles()
    .filter((file) => file.startsWith(`${locale}/`))
    .map((file) => readFileSync(join(LOCALES_DIR, file), 'utf8'))
    .join('\n');

export interface SelectInfo {
  readonly selector: string;
  readonly keys: readonly string[];
  readonly defaultKey: string;
}

export interface EntryInfo {
  readonly id: string;
  readonly kind: 'message' | 'term';
  readonly variables: ReadonlySet<string>;
  readonly attributes: ReadonlySet<string>;
  readonly selects: readonly SelectInfo[];
}

export interface Catalog {
  readonly entries: ReadonlyMap<string, EntryInfo>;
  readonly errors: readonly string[];
}

interface Node {
  readonly type: string;
  readonly [field: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

const walk = (value: unknown, visit: (node: Node) => void): void => {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
    return;
  }
  if (!isNode(value)) return;
  visit(value);
  for (const [field, child] of Object.entries(value)) if (field !== 'span') walk(child, visit);
};

const nameOf = (node: unknown): string => {
  if (isNode(node) && node.type === 'Identifier') return String(node.name);
  if (isNode(node) && node.type === 'NumberLiteral') return String(node.value);
  if (isNode(node) && node.type === 'VariableReference') return `$${nameOf(node.id)}`;
  return '?';
};

const describeEntry = (entry: Node, kind: EntryInfo['kind']): EntryInfo => {
  const variables = new Set<string>();
  const selects: SelectInfo[] = [];
  walk([entry.value, entry.attributes], (node) => {
    if (node.type === 'VariableReference') variables.add(nameOf(node.id));
    if (node.type === 'SelectExpression') {
      const variants = (node.variants as readonly Node[]) ?? [];
      selects.push({
        selector: nameOf(node.selector),
        keys: variants.map((variant) => nameOf(variant.key)),
        defaultKey: nameOf(variants.find((variant) => variant.default === true)?.key),
      });
    }
  });
  const attributes = new Set(((entry.attributes as readonly Node[]) ?? []).map((attribute) => nameOf(attribute.id)));
  return { id: nameOf(entry.id), kind, variables, attributes, selects };
};

export const parseCatalog = (text: string): Catalog => {
  const resource: Resource = new FluentParser({ withSpans: true }).parse(text);
  const entries = new Map<string, EntryInfo>();
  const errors: string[] = [];
  for (const entry of resource.body as unknown as readonly Node[]) {
    if (entry.type === 'Junk') {
      const messages = ((entry.annotations as readonly Node[]) ?? []).map((annotation) => String(annotation.message));
      errors.push(`${messages.join('; ')}: ${String(entry.content).slice(0, 60)}`);
    } else if (entry.type === 'Message' || entry.type === 'Term') {
      const info = describeEntry(entry, entry.type === 'Message' ? 'message' : 'term');
      const id = info.kind === 'term' ? `-${info.id}` : info.id;
      if (entries.has(id)) errors.push(`duplicate id ${id}`);
      entries.set(id, { ...info, id });
    }
  }
  return { entries, errors };
};

export const CATALOGS: Readonly<Record<Locale, Catalog>> = Object.fromEntries(
  LOCALES.map((locale) => [locale, parseCatalog(source(locale))]),
) as Record<Locale, Catalog>;
