// evolve(state, event): the user's state after one more event. Total over stored events (never throws on a
// well-formed event); every event remembers its causation id for deduplication (Guarantee 2).
import { evolveTandem } from '../tandem/evolve.js';
import type { ModerationEvent, ProfileEvent, UserEvent } from './events.js';
import { RECENT_COMMAND_IDS_LIMIT } from './limits.js';
import { evolvePartnerAlert, isPartnerAlertEvent } from './partnerAlert.js';
import { emptyCounters, emptyProfile, initialState, type UserState } from './state.js';

const remember = (ids: readonly string[], id: string): readonly string[] => {
  if (ids[ids.length - 1] === id || ids.includes(id)) return ids;
  const next = [...ids, id];
  return next.length > RECENT_COMMAND_IDS_LIMIT ? next.slice(next.length - RECENT_COMMAND_IDS_LIMIT) : next;
};

const sortedWith = (ids: readonly string[], id: string): readonly string[] =>
  ids.includes(id) ? ids : [...ids, id].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const evolveProfile = (state: UserState, event: ProfileEvent): UserState => {
  const profile = state.profile;
  switch (event.type) {
    case 'UserStarted':
      return {
        ...state,
        status: 'onboarding',
        userId: event.data.telegramId,
        startedAt: event.data.at,
        lastActiveAt: event.data.at,
        profile: {
          ...profile,
          firstName: event.data.firstName,
          username: event.data.username,
          telegramLanguageCode: event.data.telegramLanguageCode,
        },
      };
    case 'TelegramProfileUpdated':
      return { ...state, profile: { ...profile, firstName: event.data.firstName, username: event.data.username } };
    case 'NativeLanguagesSet':
      return { ...state, profile: { ...profile, nativeLanguages: event.data.languages } };
    case 'LearningLanguagesSet':
      return { ...state, profile: { ...profile, learningLanguages: event.data.languages } };
    case 'InterestsSet':
      return { ...state, profile: { ...profile, interests: event.data.interests, primaryInterests: event.data.primary } };
    case 'AvailabilitySet':
      return { ...state, profile: { ...profile, availability: event.data.availability } };
    case 'CommunicationSet':
      return { ...state, profile: { ...profile, communicationStyles: event.data.styles, frequency: event.data.frequency } };
    case 'BioSet':
      return { ...state, profile: { ...profile, bio: event.data.bio } };
    case 'InterfaceLanguageSet':
      return { ...state, profile: { ...profile, interfaceLanguage: event.data.language } };
    case 'OnboardingCompleted':
    case 'ProfileResumed':
      return { ...state, status: 'active' };
    case 'ProfilePaused':
      return { ...state, status: 'paused' };
    case 'ProfileReset':
      return {
        ...state,
        status: 'onboarding',
        profile: {
          ...emptyProfile,
          firstName: profile.firstName,
          username: profile.username,
          telegramLanguageCode: profile.telegramLanguageCode,
          interfaceLanguage: profile.interfaceLanguage,
        },
      };
    case 'ActivityRecorded':
      return { ...state, lastActiveAt: event.data.at };
    case 'UserBlocked':
      return { ...state, blocked: sortedWith(state.blocked, event.data.target) };
    case 'UserUnblocked':
      return { ...state, blocked: state.blocked.filter((id) => id !== event.data.target) };
    case 'UserReported':
      return { ...state, counters: { ...state.counters, reportsMade: state.counters.reportsMade + 1 } };
    case 'FeedbackSent':
      return { ...state, counters: { ...state.counters, feedbackSent: state.counters.feedbackSent + 1 } };
    case 'ReminderSent':
      return { ...state, lastReminderAt: { ...state.lastReminderAt, [event.data.kind]: event.data.at } };
    case 'UserBanned': {
      if (state.status !== 'onboarding' && state.status !== 'active' && state.status !== 'paused') return state;
      return { ...state, status: 'banned', statusBeforeBan: state.status };
    }
    case 'UserUnbanned':
      return { ...state, status: state.statusBeforeBan ?? 'onboarding', statusBeforeBan: null };
    case 'UserForgotten':
      // The tombstone: who (the stream name holds the id anyway), when, and the dedup memory. Nothing personal.
      return {
        ...initialState(),
        status: 'forgotten',
        userId: state.userId,
        // Non-null only for a user forgotten while banned: the ban still holds if they start again.
        statusBeforeBan: state.status === 'banned' ? state.statusBeforeBan : null,
        forgottenAt: event.data.at,
        profile: emptyProfile,
        counters: emptyCounters,
        recentCommandIds: state.recentCommandIds,
      };
    default: {
      const unknown: never = event;
      throw new TypeError(`unknown user event ${JSON.stringify(unknown)}`);
    }
  }
};

const PROFILE_EVENT_TYPES = new Set<string>([
  'UserStarted', 'TelegramProfileUpdated', 'NativeLanguagesSet', 'LearningLanguagesSet', 'InterestsSet', 'AvailabilitySet',
  'CommunicationSet', 'BioSet', 'InterfaceLanguageSet', 'OnboardingCompleted', 'ProfilePaused', 'ProfileResumed',
  'ProfileReset',
  'ActivityRecorded', 'UserBlocked', 'UserUnblocked', 'UserReported', 'FeedbackSent', 'ReminderSent', 'UserBanned',
  'UserUnbanned', 'UserForgotten',
] satisfies ProfileEvent['type'][]);

const isModerationEvent = (event: UserEvent): event is ModerationEvent =>
  event.type === 'FeedbackReviewed' || event.type === 'ReportReviewed' || event.type === 'BroadcastStarted';

const isProfileEvent = (event: UserEvent): event is ProfileEvent => PROFILE_EVENT_TYPES.has(event.type);

export const evolve = (state: UserState, event: UserEvent): UserState => {
  const next =
    event.type === 'DialogChanged'
      ? { ...state, dialog: event.data.dialog }
      : isPartnerAlertEvent(event)
        ? evolvePartnerAlert(state, event)
      : isModerationEvent(event)
        ? state // an admin's audit trail (domain/user/decideModeration.ts): read models only
        : isProfileEvent(event)
          ? evolveProfile(state, event)
          : evolveTandem(state, event);
  return { ...next, recentCommandIds: remember(next.recentCommandIds, event.data.causationId) };
};

export const fold = (events: readonly UserEvent[], from: UserState = initialState()): UserState => events.reduce(evolve, from);
