export { DEFAULT_LOCALE, LOCALES, isLocale, pickLocale, type Locale } from './locales.js';
export { BOT_COMMANDS, isBotCommand, type BotCommand } from './commands.js';
export { NOTICE_KEYS, NOTICE_VARIABLES, type NoticeArgs, type NoticeKey } from './notices.js';
export {
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
  weekdayKey,
  weekdayShortKey,
  type ProblemCode,
} from './keys.js';
