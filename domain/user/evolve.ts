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

/** A state under construction: only its own top-level fields are ever assigned; nested values are never mutated (they may be shared with stored states). */
type Draft = { -readonly [K in keyof UserState]: UserState[K] };

/**
 * Applies a profile event to `draft` (a copy the caller owns) and returns the draft to continue with: `draft`
 * itself, or a fresh state when the event replaces everything (UserForgotten). Never touches recentCommandIds.
 */
const applyProfile = (draft: Draft, event: ProfileEvent): Draft => {
  const profile = draft.profile;
  switch (event.type) {
    case 'UserStarted':
      draft.status = 'onboarding';
      draft.userId = event.data.telegramId;
      draft.startedAt = event.data.at;
      draft.lastActiveAt = event.data.at;
      draft.profile = {
        ...profile,
        firstName: event.data.firstName,
        username: event.data.username,
        telegramLanguageCode: event.data.telegramLanguageCode,
      };
      return draft;
    case 'TelegramProfileUpdated':
      draft.profile = { ...profile, firstName: event.data.firstName, username: event.data.username };
      return draft;
    case 'NativeLanguagesSet':
      draft.profile = { ...profile, nativeLanguages: event.data.languages };
      return draft;
    case 'LearningLanguagesSet':
      draft.profile = { ...profile, learningLanguages: event.data.languages };
      return draft;
    case 'InterestsSet':
      draft.profile = { ...profile, interests: event.data.interests, primaryInterests: event.data.primary };
      return draft;
    case 'AvailabilitySet':
      draft.profile = { ...profile, availability: event.data.availability };
      return draft;
    case 'CommunicationSet':
      draft.profile = { ...profile, communicationStyles: event.data.styles, frequency: event.data.frequency };
      return draft;
    case 'BioSet':
      draft.profile = { ...profile, bio: event.data.bio };
      return draft;
    case 'InterfaceLanguageSet':
      draft.profile = { ...profile, interfaceLanguage: event.data.language };
      return draft;
    case 'OnboardingCompleted':
    case 'ProfileResumed':
      draft.status = 'active';
      return draft;
    case 'ProfilePaused':
      draft.status = 'paused';
      return draft;
    case 'ProfileReset':
      draft.status = 'onboarding';
      draft.profile = {
        ...emptyProfile,
        firstName: profile.firstName,
        username: profile.username,
        telegramLanguageCode: profile.telegramLanguageCode,
        interfaceLanguage: profile.interfaceLanguage,
      };
      return draft;
    case 'ActivityRecorded':
      draft.lastActiveAt = event.data.at;
      return draft;
    case 'UserBlocked':
      draft.blocked = sortedWith(draft.blocked, event.data.target);
      return draft;
    case 'UserUnblocked':
      draft.blocked = draft.blocked.filter((id) => id !== event.data.target);
      return draft;
    case 'UserReported':
      draft.counters = { ...draft.counters, reportsMade: draft.counters.reportsMade + 1 };
      return draft;
    case 'FeedbackSent':
      draft.counters = { ...draft.counters, feedbackSent: draft.counters.feedbackSent + 1 };
      return draft;
    case 'ReminderSent':
      draft.lastReminderAt = { ...draft.lastReminderAt, [event.data.kind]: event.data.at };
      return draft;
    case 'UserBanned':
      if (draft.status !== 'onboarding' && draft.status !== 'active' && draft.status !== 'paused') return draft;
      draft.statusBeforeBan = draft.status;
      draft.status = 'banned';
      return draft;
    case 'UserUnbanned':
      draft.status = draft.statusBeforeBan ?? 'onboarding';
      draft.statusBeforeBan = null;
      return draft;
    case 'UserForgotten':
      // The tombstone: who (the stream name holds the id anyway), when, and the dedup memory. Nothing personal.
      return {
        ...initialState(),
        status: 'forgotten',
        userId: draft.userId,
        // Non-null only for a user forgotten while banned: the ban still holds if they start again.
        statusBeforeBan: draft.status === 'banned' ? draft.statusBeforeBan : null,
        forgottenAt: event.data.at,
        profile: emptyProfile,
        counters: emptyCounters,
        recentCommandIds: draft.recentCommandIds,
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

/**
 * One event's change to `draft`, a copy the caller owns; returns the draft to continue with (`draft`, or a fresh
 * state the sub-evolver made). Never touches recentCommandIds: evolve and fold remember the causation ids.
 */
const apply = (draft: Draft, event: UserEvent): Draft => {
  if (event.type === 'DialogChanged') {
    draft.dialog = event.data.dialog;
    return draft;
  }
  // The tandem and alert evolvers are pure: they return their argument or a fresh copy, either one ours.
  if (isPartnerAlertEvent(event)) return evolvePartnerAlert(draft, event);
  if (isModerationEvent(event)) return draft; // an admin's audit trail (domain/user/decideModeration.ts): read models only
  if (isProfileEvent(event)) return applyProfile(draft, event);
  return evolveTandem(draft, event);
};

export const evolve = (state: UserState, event: UserEvent): UserState => {
  const next = apply({ ...state }, event);
  next.recentCommandIds = remember(state.recentCommandIds, event.data.causationId);
  return next;
};

/**
 * events.reduce(evolve, from), with one copy of the state for the whole batch instead of one per event (a cold
 * load folds every event since the snapshot): a local draft and a local list of command ids, neither of which is
 * seen by anyone before the fold returns. `from` is never mutated.
 */
export const fold = (events: readonly UserEvent[], from: UserState = initialState()): UserState => {
  if (events.length === 0) return from;
  let draft: Draft = { ...from };
  // Append-only here; its last RECENT_COMMAND_IDS_LIMIT entries are exactly what evolve's trimmed list would hold.
  const ids = from.recentCommandIds.slice();
  for (const event of events) {
    draft = apply(draft, event);
    const id = event.data.causationId;
    const at = ids.lastIndexOf(id);
    if (at < 0 || at < ids.length - RECENT_COMMAND_IDS_LIMIT) ids.push(id);
  }
  draft.recentCommandIds = ids.length > RECENT_COMMAND_IDS_LIMIT ? ids.slice(ids.length - RECENT_COMMAND_IDS_LIMIT) : ids;
  return draft;
};
