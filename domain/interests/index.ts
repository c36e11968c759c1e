export {
  INTEREST_CATEGORIES,
  INTEREST_IDS,
  INTERESTS,
  interestInfo,
  interestsByCategory,
  isInterestId,
  type Interest,
  type InterestCategory,
  type InterestId,
} from './interests.js';
export {
  INTEREST_PROBLEM_CODES,
  MAX_PRIMARY_INTERESTS,
  MIN_INTERESTS,
  validateInterests,
  type InterestProblem,
  type InterestProblemCode,
  type InterestSelection,
} from './interestSelection.js';
