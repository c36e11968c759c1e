export { DEFAULT_LOCALE, LOCALES, isLocale, pickLocale, type Locale } from './locales.js';
export { BOT_COMMANDS, isBotCommand, type BotCommand } from './commands.js';
export { NOTICE_KEYS, NOTICE_VARIABLES, type NoticeArgs, type NoticeKey } from './notices.js';
export { REMINDER_VARIABLES } from './reminders.js';
export { SCORE_PART_VARIABLES, scorePartArgs, type ScorePartArgs } from './scoreParts.js';
export { errorArgs, errorMessage, type MessageArgs } from './errorArgs.js';
export {
  PROBLEM_CODES,
  channelKey,
  closeReasonKey,
  commandKey,
  communicationStyleKey,
  daySelectionKey,
  declineReasonKey,
  errorKey,
  frequencyKey,
  ineligibilityKey,
  interestCategoryKey,
  interestKey,
  levelDescriptionKey,
  levelKey,
  problemKey,
  rejectReasonKey,
  reminderKey,
  reportReasonKey,
  scorePartKey,
  timeSlotKey,
  weekdayShortKey,
  type ProblemCode,
} from './keys.js';
