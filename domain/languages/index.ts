export {
  LANGUAGE_CODES,
  LANGUAGES,
  POPULAR_LANGUAGES,
  isLanguageCode,
  languageInfo,
  languageName,
  type LanguageCode,
  type LanguageInfo,
} from './languages.js';
export { RUSSIAN_NAMES } from './russianNames.js';
export { searchLanguages, normalizeSearchText, DEFAULT_SEARCH_LIMIT } from './searchLanguages.js';
export { CEFR_LEVELS, isCefrLevel, levelIndex, type CefrLevel } from './levels.js';
export {
  LANGUAGE_PROBLEM_CODES,
  MAX_LEARNING_LANGUAGES,
  MAX_NATIVE_LANGUAGES,
  MIN_LEARNING_LANGUAGES,
  MIN_NATIVE_LANGUAGES,
  validateLanguages,
  type LanguageProblem,
  type LanguageProblemCode,
  type LanguageSkill,
} from './languageSkills.js';
