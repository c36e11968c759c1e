import { isInterestId, type InterestId } from './interests.js';

/** What a user picked: any number of interests, up to MAX_PRIMARY_INTERESTS of them marked primary. */
export interface InterestSelection {
  readonly interests: readonly InterestId[];
  readonly primary: readonly InterestId[];
}

export const MIN_INTERESTS = 1;
export const MAX_PRIMARY_INTERESTS = 3;

export type InterestProblem =
  | { readonly code: 'interests.none_selected'; readonly min: number }
  | { readonly code: 'interests.unknown_interest'; readonly interest: string }
  | { readonly code: 'interests.duplicate_interest'; readonly interest: InterestId }
  | { readonly code: 'interests.duplicate_primary'; readonly interest: InterestId }
  | { readonly code: 'interests.primary_not_selected'; readonly interest: InterestId }
  | { readonly code: 'interests.too_many_primary'; readonly max: number; readonly count: number };

export type InterestProblemCode = InterestProblem['code'];

export const INTEREST_PROBLEM_CODES = [
  'interests.none_selected',
  'interests.unknown_interest',
  'interests.duplicate_interest',
  'interests.duplicate_primary',
  'interests.primary_not_selected',
  'interests.too_many_primary',
] as const satisfies readonly InterestProblemCode[];

// Fails to compile when a problem is added to the union but not to the list the message catalog is checked against.
const _everyCodeListed: [InterestProblemCode] extends [(typeof INTEREST_PROBLEM_CODES)[number]] ? true : never = true;

const repeated = <T>(items: readonly T[]): readonly T[] => {
  const seen = new Set<T>();
  const twice = new Set<T>();
  for (const item of items) (seen.has(item) ? twice : seen).add(item);
  return [...twice];
};

/** Every problem with an interest selection, in a stable order; empty when it is valid. */
export const validateInterests = (selection: InterestSelection): readonly InterestProblem[] => {
  const problems: InterestProblem[] = [];
  const { interests, primary } = selection;
  if (interests.length < MIN_INTERESTS) problems.push({ code: 'interests.none_selected', min: MIN_INTERESTS });
  for (const interest of new Set<string>([...interests, ...primary])) {
    if (!isInterestId(interest)) problems.push({ code: 'interests.unknown_interest', interest });
  }
  for (const interest of repeated(interests)) problems.push({ code: 'interests.duplicate_interest', interest });
  for (const interest of repeated(primary)) problems.push({ code: 'interests.duplicate_primary', interest });
  const chosen = new Set(interests);
  for (const interest of new Set(primary)) {
    if (!chosen.has(interest)) problems.push({ code: 'interests.primary_not_selected', interest });
  }
  const primaryCount = new Set(primary).size;
  if (primaryCount > MAX_PRIMARY_INTERESTS) {
    problems.push({ code: 'interests.too_many_primary', max: MAX_PRIMARY_INTERESTS, count: primaryCount });
  }
  return problems;
};
