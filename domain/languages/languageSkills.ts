import { isLanguageCode, type LanguageCode } from './languages.js';
import { isCefrLevel, type CefrLevel } from './levels.js';

export interface LanguageSkill {
  readonly code: LanguageCode;
  readonly level: CefrLevel;
}

export const MIN_NATIVE_LANGUAGES = 1;
export const MAX_NATIVE_LANGUAGES = 3;
export const MIN_LEARNING_LANGUAGES = 1;
export const MAX_LEARNING_LANGUAGES = 3;

// Problems carry their variables beside the code so the edge can pass the whole object to the message catalog
// (key `problem-<code with dots as dashes>`) without knowing each problem's shape.
export type LanguageProblem =
  | { readonly code: 'languages.native_count'; readonly min: number; readonly max: number; readonly count: number }
  | { readonly code: 'languages.learning_count'; readonly min: number; readonly max: number; readonly count: number }
  | { readonly code: 'languages.unknown_language'; readonly language: string }
  | { readonly code: 'languages.unknown_level'; readonly language: string; readonly level: string }
  | { readonly code: 'languages.duplicate_native'; readonly language: LanguageCode }
  | { readonly code: 'languages.duplicate_learning'; readonly language: LanguageCode }
  | { readonly code: 'languages.learning_native'; readonly language: LanguageCode };

export type LanguageProblemCode = LanguageProblem['code'];

export const LANGUAGE_PROBLEM_CODES = [
  'languages.native_count',
  'languages.learning_count',
  'languages.unknown_language',
  'languages.unknown_level',
  'languages.duplicate_native',
  'languages.duplicate_learning',
  'languages.learning_native',
] as const satisfies readonly LanguageProblemCode[];

// Fails to compile when a problem is added to the union but not to the list the message catalog is checked against.
const _everyCodeListed: [LanguageProblemCode] extends [(typeof LANGUAGE_PROBLEM_CODES)[number]] ? true : never = true;

const duplicates = <T>(items: readonly T[]): readonly T[] => {
  const seen = new Set<T>();
  const repeated = new Set<T>();
  for (const item of items) (seen.has(item) ? repeated : seen).add(item);
  return [...repeated];
};

/**
 * Every problem with a user's language section, in a stable order; empty when it is valid. Inputs may come from
 * untrusted callbacks, so unknown codes and levels are reported rather than assumed away.
 */
export const validateLanguages = (
  native: readonly LanguageCode[],
  learning: readonly LanguageSkill[],
): readonly LanguageProblem[] => {
  const problems: LanguageProblem[] = [];
  if (native.length < MIN_NATIVE_LANGUAGES || native.length > MAX_NATIVE_LANGUAGES) {
    problems.push({ code: 'languages.native_count', min: MIN_NATIVE_LANGUAGES, max: MAX_NATIVE_LANGUAGES, count: native.length });
  }
  if (learning.length < MIN_LEARNING_LANGUAGES || learning.length > MAX_LEARNING_LANGUAGES) {
    problems.push({ code: 'languages.learning_count', min: MIN_LEARNING_LANGUAGES, max: MAX_LEARNING_LANGUAGES, count: learning.length });
  }
  const learningCodes = learning.map((skill) => skill.code);
  for (const code of new Set<string>([...native, ...learningCodes])) {
    if (!isLanguageCode(code)) problems.push({ code: 'languages.unknown_language', language: code });
  }
  for (const skill of learning) {
    if (!isCefrLevel(skill.level)) problems.push({ code: 'languages.unknown_level', language: skill.code, level: skill.level });
  }
  for (const language of duplicates(native)) problems.push({ code: 'languages.duplicate_native', language });
  for (const language of duplicates(learningCodes)) problems.push({ code: 'languages.duplicate_learning', language });
  const nativeSet = new Set(native);
  for (const language of new Set(learningCodes)) {
    if (nativeSet.has(language)) problems.push({ code: 'languages.learning_native', language });
  }
  return problems;
};
