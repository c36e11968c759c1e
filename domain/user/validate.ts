// Validation of profile sections and free text. Parse at the edge still applies (the bot builds commands from
// buttons); these checks make the aggregate safe on its own, whoever sends the command. Section rules come from the
// reference modules' validators; their first problem code travels in the error details so the edge can render
// the precise message (`problem-<code>` in the catalog).
import { validation, type UserErrorCode } from '../errors.js';
import { toUtcWeekHours, validateAvailability, type Availability } from '../availability/index.js';
import { isCommunicationStyle, isFrequency, type CommunicationStyle, type Frequency } from '../communication/index.js';
import { validateInterests, type InterestId } from '../interests/index.js';
import { validateLanguages, type LanguageCode, type LanguageSkill } from '../languages/index.js';
import type { CommandMeta } from './ids.js';
import { MAX_FIRST_NAME_LENGTH } from './limits.js';
import { countCharacters, hasControlCharacters, normalizeText } from './text.js';

const fail = (code: UserErrorCode, problems: readonly { readonly code: string }[]): void => {
  const [first] = problems;
  if (first !== undefined) throw validation(code, { problem: first.code });
};

/** Native languages are set before learning ones during onboarding, so the other side's count is not checked. */
export const checkNativeLanguages = (languages: readonly LanguageCode[], learning: readonly LanguageSkill[]): void =>
  fail('invalid_languages', validateLanguages(languages, learning).filter((p) => p.code !== 'languages.learning_count'));

export const checkLearningLanguages = (languages: readonly LanguageSkill[], native: readonly LanguageCode[]): void =>
  fail('invalid_languages', validateLanguages(native, languages).filter((p) => p.code !== 'languages.native_count'));

export const checkInterests = (interests: readonly InterestId[], primary: readonly InterestId[]): void =>
  fail('invalid_interests', validateInterests({ interests, primary }));

/** Valid when the reference validator accepts it and it yields at least one hour of the week. */
export const checkAvailability = (availability: Availability, meta: CommandMeta): void => {
  fail('invalid_availability', validateAvailability(availability));
  if (toUtcWeekHours(availability, meta.now).length === 0) throw validation('invalid_availability', { hours: 0 });
};

export const checkCommunication = (styles: readonly CommunicationStyle[], frequency: Frequency): void => {
  const valid = styles.length >= 1 && new Set(styles).size === styles.length && styles.every(isCommunicationStyle) && isFrequency(frequency);
  if (!valid) throw validation('invalid_communication');
};

/** Normalizes free text and checks its length in user-perceived characters. */
export const checkText = (text: string, min: number, max: number, code: UserErrorCode): string => {
  const normalized = normalizeText(text);
  if (hasControlCharacters(normalized, true)) throw validation('text_has_control_characters');
  const length = countCharacters(normalized);
  if (length < min || length > max) throw validation(code, { min, max, length });
  return normalized;
};

const USERNAME = /^[A-Za-z0-9_]{3,32}$/;

export const checkTelegramProfile = (firstName: string, username: string | null): void => {
  if (firstName.trim().length === 0 || firstName.length > MAX_FIRST_NAME_LENGTH) throw validation('invalid_first_name');
  if (username !== null && !USERNAME.test(username)) throw validation('invalid_username');
};
