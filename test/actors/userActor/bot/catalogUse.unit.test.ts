// Every message of the catalog is shown somewhere: its id is a string literal of the production code (actors, domain,
// gateway, projections, ops), or it is referenced by a message that is, or it belongs to one of the families below
// whose ids the code builds (`interestKey(id)`, `` `find-advice-${x}` ``) and whose builder the code calls.
// domain/i18n/notices.ts lists ids with their variables for the compiler; a listing there is not a use.
// A message nobody can see is one more text to translate and keep right for nothing (the audit found two dozen).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentParser } from '@fluent/syntax';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../../domain/i18n/index.js';
import { CATALOGS, source } from '../../../domain/i18n/catalog.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const PRODUCTION_DIRS = ['actors', 'domain', 'gateway', 'projections', 'ops'];
/**
 * Files whose literals are no use of a message: the compiler's list of notices, the builders themselves, the list of
 * commands (a message `help` would otherwise pass as used by the command /help).
 */
const NOT_USES = new Set(['domain/i18n/notices.ts', 'domain/i18n/keys.ts', 'domain/i18n/index.ts', 'domain/i18n/commands.ts']);

const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

interface CodeFacts {
  /** Every string literal and template literal without placeholders. */
  readonly literals: ReadonlySet<string>;
  /** The names of the functions called. */
  readonly calls: ReadonlySet<string>;
  /** The text before the first placeholder of every template literal with placeholders (`find-advice-`). */
  readonly templateHeads: ReadonlySet<string>;
}

const scanCode = (): CodeFacts => {
  const literals = new Set<string>();
  const calls = new Set<string>();
  const templateHeads = new Set<string>();
  const files = PRODUCTION_DIRS.flatMap((dir) => tsFiles(join(ROOT, dir))).filter((path) => !NOT_USES.has(relative(ROOT, path)));
  for (const path of files) {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text);
      else if (ts.isTemplateExpression(node)) templateHeads.add(node.head.text);
      else if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (ts.isIdentifier(callee)) calls.add(callee.text);
        else if (ts.isPropertyAccessExpression(callee)) calls.add(callee.name.text);
        // bot.command('help', …) names a command, not a message.
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'command') {
          visit(callee);
          node.arguments.slice(1).forEach(visit);
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { literals, calls, templateHeads };
};

/**
 * Families of ids the code builds from a domain value. `builtBy` is a builder of domain/i18n/keys.ts the code calls,
 * or the head of a template literal. Each family must match some message and its builder must be in use.
 */
const BUILT: readonly { readonly ids: RegExp; readonly builtBy: { readonly call: string } | { readonly template: string } }[] = [
  { ids: /^interest-(?!category-)/, builtBy: { call: 'interestKey' } },
  { ids: /^interest-category-/, builtBy: { call: 'interestCategoryKey' } },
  { ids: /^level-[ABC][12]$/, builtBy: { call: 'levelKey' } },
  { ids: /^level-[ABC][12]-description$/, builtBy: { call: 'levelDescriptionKey' } },
  { ids: /^style-/, builtBy: { call: 'communicationStyleKey' } },
  { ids: /^frequency-/, builtBy: { call: 'frequencyKey' } },
  { ids: /^weekday-short-/, builtBy: { call: 'weekdayShortKey' } },
  { ids: /^days-/, builtBy: { call: 'daySelectionKey' } },
  { ids: /^slot-/, builtBy: { call: 'timeSlotKey' } },
  { ids: /^command-/, builtBy: { call: 'commandKey' } },
  // errorMessage(error) is errorKey(error.code) with the error's details.
  { ids: /^error-/, builtBy: { call: 'errorMessage' } },
  { ids: /^decline-reason-/, builtBy: { call: 'declineReasonKey' } },
  { ids: /^close-reason-/, builtBy: { call: 'closeReasonKey' } },
  { ids: /^reject-reason-/, builtBy: { call: 'rejectReasonKey' } },
  { ids: /^report-reason-/, builtBy: { call: 'reportReasonKey' } },
  { ids: /^reminder-(complete_profile|inactive|pending_requests|rate_partner)$/, builtBy: { call: 'reminderKey' } },
  { ids: /^match-part-/, builtBy: { call: 'scorePartKey' } },
  { ids: /^help-admin-(stats|feedbacks|reports|broadcast)$/, builtBy: { template: 'help-admin-' } },
  { ids: /^admin-feedback-status-/, builtBy: { template: 'admin-feedback-status-' } },
  { ids: /^admin-report-status-/, builtBy: { template: 'admin-report-status-' } },
  { ids: /^ob-city-/, builtBy: { template: 'ob-city-' } },
  { ids: /^find-section-/, builtBy: { template: 'find-section-' } },
  { ids: /^find-advice-(languages|availability|taken)$/, builtBy: { template: 'find-advice-' } },
];

/**
 * Families the domain defines a message for but no screen shows yet. Kept on purpose, each checked to be still
 * unshown (so the entry goes once a screen shows it): a validation problem's code travels in a DomainError's
 * details (domain/user/validate.ts) but replies say only `error-invalid_*`; /find explains an empty result with
 * find-advice-*, not with the reasons of ineligibility; the tandem's channel shows as its start message.
 */
const NOT_SHOWN_YET: readonly { readonly ids: RegExp; readonly builder: string }[] = [
  { ids: /^problem-/, builder: 'problemKey' },
  { ids: /^ineligible-/, builder: 'ineligibilityKey' },
  { ids: /^channel-/, builder: 'channelKey' },
];

/** The messages each message references (`{ command-start }`), from the English catalog (the same in every locale). */
const references = (): ReadonlyMap<string, readonly string[]> => {
  const refs = new Map<string, string[]>();
  const resource = new FluentParser().parse(source('en'));
  for (const entry of resource.body) {
    if (entry.type !== 'Message' && entry.type !== 'Term') continue;
    const id = entry.type === 'Term' ? `-${entry.id.name}` : entry.id.name;
    const found: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (typeof value !== 'object' || value === null) return;
      const node = value as { type?: string; id?: { name?: string } };
      if (node.type === 'MessageReference' && node.id?.name !== undefined) found.push(node.id.name);
      if (node.type === 'TermReference' && node.id?.name !== undefined) found.push(`-${node.id.name}`);
      for (const [key, child] of Object.entries(value)) if (key !== 'span') walk(child);
    };
    walk([entry.value, entry.attributes]);
    refs.set(id, found);
  }
  return refs;
};

describe('catalog use', () => {
  const code = scanCode();
  const ids = [...CATALOGS.en.entries.values()].filter((entry) => entry.kind === 'message').map((entry) => entry.id);
  const inUse = (builtBy: (typeof BUILT)[number]['builtBy']): boolean =>
    'call' in builtBy ? code.calls.has(builtBy.call) : code.templateHeads.has(builtBy.template);

  it('builds each family of ids as declared, and every family names messages', () => {
    for (const family of BUILT) {
      expect(ids.filter((id) => family.ids.test(id)), String(family.ids)).not.toEqual([]);
      expect(inUse(family.builtBy), JSON.stringify(family.builtBy)).toBe(true);
    }
    for (const family of NOT_SHOWN_YET) {
      expect(ids.filter((id) => family.ids.test(id)), String(family.ids)).not.toEqual([]);
      expect(code.calls.has(family.builder), `${family.builder} is called now: drop ${String(family.ids)} from NOT_SHOWN_YET`).toBe(false);
    }
  });

  it('shows every message somewhere', () => {
    const built = (id: string): boolean => BUILT.some((family) => family.ids.test(id)) || NOT_SHOWN_YET.some((family) => family.ids.test(id));
    const used = new Set(ids.filter((id) => code.literals.has(id) || built(id)));
    const refs = references();
    for (let grown = true; grown; ) {
      grown = false;
      for (const id of [...used]) {
        for (const ref of refs.get(id) ?? []) {
          if (!used.has(ref)) {
            used.add(ref);
            grown = true;
          }
        }
      }
    }
    expect(ids.filter((id) => !used.has(id))).toEqual([]);
  });

  it('has the same ids in every locale, so checking the English catalog covers them all', () => {
    for (const locale of LOCALES) expect([...CATALOGS[locale].entries.keys()].sort(), locale).toEqual([...CATALOGS.en.entries.keys()].sort());
  });
});
