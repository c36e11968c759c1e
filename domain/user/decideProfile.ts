// Decisions of the profile, safety and admin commands. The caller (decide.ts) has deduplicated the command and
// checked the lifecycle guard; here each command checks its own rules.
import { closeOpenTandems } from '../tandem/close.js';
import { illegalState, validation } from '../errors.js';
import type { ProfileCommand } from './commands.js';
import { isProfileComplete } from './completion.js';
import type { ProfileEvent, UserEvent } from './events.js';
import { fold } from './evolve.js';
import { eventBase, isUserId, type CommandMeta } from './ids.js';
import {
  INTERFACE_LANGUAGES,
  MAX_BIO_CHARACTERS,
  MAX_FEEDBACK_CHARACTERS,
  MAX_REPORT_COMMENT_CHARACTERS,
  MIN_FEEDBACK_CHARACTERS,
  REMINDER_KINDS,
  REPORT_REASONS,
} from './limits.js';
import type { UserState } from './state.js';
import {
  checkAvailability,
  checkCommunication,
  checkInterests,
  checkLearningLanguages,
  checkNativeLanguages,
  checkTelegramProfile,
  checkText,
} from './validate.js';

/** A section event, followed by OnboardingCompleted when it completes the last required section. */
const section = (state: UserState, event: ProfileEvent): readonly ProfileEvent[] => {
  if (state.status !== 'onboarding') return [event];
  const after = fold([event], state);
  return isProfileComplete(after.profile) ? [event, { type: 'OnboardingCompleted', data: { at: event.data.at, causationId: event.data.causationId } }] : [event];
};

const checkTarget = (state: UserState, target: string): void => {
  if (!isUserId(target)) throw validation('invalid_user_id');
  if (target === state.userId) throw validation('self_target');
};

export const decideProfile = (command: ProfileCommand, state: UserState, self: string): readonly UserEvent[] => {
  const { meta } = command;
  const base = eventBase(meta);
  switch (command.type) {
    case 'Start': {
      // First contact is handled by decide.ts; here the user exists: track a changed name or username.
      const { telegramId, firstName, username } = command.data;
      if (telegramId !== self) throw validation('invalid_user_id');
      checkTelegramProfile(firstName, username);
      const unchanged = firstName === state.profile.firstName && username === state.profile.username;
      return unchanged ? [] : [{ type: 'TelegramProfileUpdated', data: { ...base, firstName, username } }];
    }
    case 'SetNativeLanguages':
      checkNativeLanguages(command.data.languages, state.profile.learningLanguages);
      return section(state, { type: 'NativeLanguagesSet', data: { ...base, languages: [...command.data.languages] } });
    case 'SetLearningLanguages':
      checkLearningLanguages(command.data.languages, state.profile.nativeLanguages);
      return section(state, {
        type: 'LearningLanguagesSet',
        data: { ...base, languages: command.data.languages.map(({ code, level }) => ({ code, level })) },
      });
    case 'SetInterests':
      checkInterests(command.data.interests, command.data.primary);
      return section(state, { type: 'InterestsSet', data: { ...base, interests: [...command.data.interests], primary: [...command.data.primary] } });
    case 'SetAvailability':
      checkAvailability(command.data.availability, meta);
      return section(state, { type: 'AvailabilitySet', data: { ...base, availability: command.data.availability } });
    case 'SetCommunication':
      checkCommunication(command.data.styles, command.data.frequency);
      return section(state, { type: 'CommunicationSet', data: { ...base, styles: [...command.data.styles], frequency: command.data.frequency } });
    case 'SetBio': {
      const bio = checkText(command.data.bio, 0, MAX_BIO_CHARACTERS, 'bio_too_long');
      return section(state, { type: 'BioSet', data: { ...base, bio } });
    }
    case 'SetInterfaceLanguage':
      if (!INTERFACE_LANGUAGES.includes(command.data.language)) throw validation('invalid_interface_language');
      return [{ type: 'InterfaceLanguageSet', data: { ...base, language: command.data.language } }];
    case 'PauseProfile':
      if (state.status === 'onboarding') throw illegalState('profile_incomplete');
      if (state.status !== 'active') throw illegalState('not_active');
      return [{ type: 'ProfilePaused', data: base }];
    case 'ResumeProfile':
      if (state.status !== 'paused') throw illegalState('not_paused');
      return [{ type: 'ProfileResumed', data: base }];
    case 'ResetProfile':
      // Open requests and tandems close first: only active or paused users may hold them.
      return [...closeOpenTandems(state, self, 'by_user', meta), { type: 'ProfileReset', data: base }];
    case 'RecordActivity':
      return []; // decide.ts adds ActivityRecorded when it is due
    case 'BlockUser': {
      const { target } = command.data;
      checkTarget(state, target);
      if (state.blocked.includes(target)) throw illegalState('already_blocked');
      return [{ type: 'UserBlocked', data: { ...base, target } }, ...closeOpenTandems(state, self, 'blocked', meta, target)];
    }
    case 'UnblockUser':
      if (!state.blocked.includes(command.data.target)) throw illegalState('not_blocked');
      return [{ type: 'UserUnblocked', data: { ...base, target: command.data.target } }];
    case 'ReportUser': {
      const { target, reason, comment } = command.data;
      checkTarget(state, target);
      if (!REPORT_REASONS.includes(reason)) throw validation('invalid_report_reason');
      const text = comment === null ? '' : checkText(comment, 0, MAX_REPORT_COMMENT_CHARACTERS, 'comment_too_long');
      return [{ type: 'UserReported', data: { ...base, target, reason, comment: text === '' ? null : text } }];
    }
    case 'SendFeedback': {
      const text = checkText(command.data.text, MIN_FEEDBACK_CHARACTERS, MAX_FEEDBACK_CHARACTERS, 'feedback_length');
      return [{ type: 'FeedbackSent', data: { ...base, text } }];
    }
    case 'RecordReminderSent':
      if (!REMINDER_KINDS.includes(command.data.kind)) throw validation('invalid_reminder_kind');
      return [{ type: 'ReminderSent', data: { ...base, kind: command.data.kind } }];
    case 'BanUser':
      if (!REPORT_REASONS.includes(command.data.reason)) throw validation('invalid_report_reason');
      return [{ type: 'UserBanned', data: { ...base, reason: command.data.reason } }, ...closeOpenTandems(state, self, 'banned', meta)];
    case 'UnbanUser':
      throw illegalState('not_banned'); // decide.ts lets UnbanUser through only for banned users
    case 'ForgetUser':
      // Close everything first so peers are told while this side still knows who they are.
      return [...closeOpenTandems(state, self, 'forgotten', meta), { type: 'UserForgotten', data: base }];
    default: {
      const unknown: never = command;
      throw new TypeError(`unknown profile command ${JSON.stringify(unknown)}`);
    }
  }
};

export const decideFirstContact = (command: ProfileCommand, meta: CommandMeta): readonly UserEvent[] => {
  if (command.type !== 'Start') throw illegalState('not_started');
  const { telegramId, firstName, username, languageCode } = command.data;
  if (!isUserId(telegramId)) throw validation('invalid_user_id');
  checkTelegramProfile(firstName, username);
  const telegramLanguageCode = languageCode !== null && /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/.test(languageCode) ? languageCode : null;
  return [{ type: 'UserStarted', data: { ...eventBase(meta), telegramId, firstName, username, telegramLanguageCode } }];
};
