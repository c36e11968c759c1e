// Profile events → the user's rows. Deterministic: the same doc and event always give the same result, never a clock;
// the doc's records are updated in place, its lists replaced (see UserDoc).
import { toUtcWeekHours, utcWeekStart, type Availability } from '../../domain/availability/index.js';
import type { ProfileEvent } from '../../domain/user/index.js';
import type { AvailabilityRow, Draft, LanguageRow, UserDoc, UserRow } from './rows.js';

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Numeric order of decimal ids (shorter is smaller), the order bigint[] readers expect. */
const byId = (a: string, b: string): number => a.length - b.length || byKey(a, b);

/** Same weights as the domain's profileCompletion (domain/user/completion.ts), computed on the rows. */
export const completionOf = (doc: Omit<UserDoc, 'user'> & { readonly user: Pick<UserRow, 'communicationStyles' | 'frequency' | 'bio'> }): number =>
  (doc.languages.some((l) => l.kind === 'native') ? 20 : 0) +
  (doc.languages.some((l) => l.kind === 'learning') ? 20 : 0) +
  (doc.availability !== null ? 20 : 0) +
  (doc.interests.length > 0 ? 15 : 0) +
  (doc.user.communicationStyles.length > 0 && doc.user.frequency !== null ? 15 : 0) +
  (doc.user.bio !== null ? 10 : 0);

const withLanguages = (doc: UserDoc, kind: LanguageRow['kind'], rows: readonly LanguageRow[]): readonly LanguageRow[] =>
  [...doc.languages.filter((l) => l.kind !== kind), ...rows].sort((a, b) => byKey(a.kind, b.kind) || byKey(a.language, b.language));

export const started = (event: Extract<ProfileEvent, { type: 'UserStarted' }>, version: number): UserDoc => ({
  user: {
    userId: event.data.telegramId,
    username: event.data.username,
    firstName: event.data.firstName,
    telegramLanguageCode: event.data.telegramLanguageCode,
    status: 'onboarding',
    statusBeforeBan: null,
    interfaceLanguage: null,
    profileCompletionLevel: 0,
    bio: null,
    communicationStyles: [],
    frequency: null,
    streamVersion: version,
    createdAt: event.data.at,
    onboardedAt: null,
    lastActiveAt: event.data.at,
    updatedAt: event.data.at,
    blockedIds: [],
  },
  languages: [],
  interests: [],
  availability: null,
  matches: new Map(),
  reports: [],
  feedback: [],
  moderation: [],
});

// toUtcWeekHours asks Intl for offsets hour by hour (≈ 0.1 ms); most users share a few zones and slot choices, so
// a replay meets the same (availability, week) again and again. Memoised, so still a pure function of its inputs.
const weekHoursCache = new Map<string, readonly number[]>();
const WEEK_HOURS_CACHE_LIMIT = 10_000;

const utcHoursOf = (availability: Availability, at: string): readonly number[] => {
  const when = Date.parse(at);
  const key = `${utcWeekStart(when)}|${availability.timeZone}|${JSON.stringify(availability.days)}|${availability.slots.join(',')}`;
  let hours = weekHoursCache.get(key);
  if (hours === undefined) {
    if (weekHoursCache.size >= WEEK_HOURS_CACHE_LIMIT) weekHoursCache.clear();
    hours = toUtcWeekHours(availability, when);
    weekHoursCache.set(key, hours);
  }
  return hours;
};

const availabilityRow = (event: Extract<ProfileEvent, { type: 'AvailabilitySet' }>): AvailabilityRow => ({
  timeZone: event.data.availability.timeZone,
  days: JSON.stringify(event.data.availability.days),
  slots: [...event.data.availability.slots].sort(byKey),
  // The UTC hours of the week the event was decided in (DST as of then), like the actor's own matching view.
  utcHours: utcHoursOf(event.data.availability, event.data.at),
});

/**
 * Applies a profile event to a started user's doc in place (UserStarted and UserForgotten on it included); false
 * when the event changes nothing. Anything that can throw runs before the first change, so a rejected event leaves
 * the doc as it was.
 */
export const applyProfile = (doc: Draft<UserDoc>, event: ProfileEvent, version: number): boolean => {
  const user = doc.user as Draft<UserRow>;
  switch (event.type) {
    case 'UserStarted':
      // A repeated Start (new name) on an existing doc only refreshes the names.
      user.firstName = event.data.firstName;
      user.username = event.data.username;
      return true;
    case 'TelegramProfileUpdated':
      user.firstName = event.data.firstName;
      user.username = event.data.username;
      return true;
    case 'NativeLanguagesSet':
      doc.languages = withLanguages(doc, 'native', event.data.languages.map((language) => ({ kind: 'native', language, level: null })));
      return true;
    case 'LearningLanguagesSet':
      doc.languages = withLanguages(doc, 'learning', event.data.languages.map((s) => ({ kind: 'learning', language: s.code, level: s.level })));
      return true;
    case 'InterestsSet': {
      const primary = new Set<string>(event.data.primary);
      doc.interests = [...new Set<string>(event.data.interests)].sort(byKey).map((interest) => ({ interest, isPrimary: primary.has(interest) }));
      return true;
    }
    case 'AvailabilitySet':
      doc.availability = availabilityRow(event);
      return true;
    case 'CommunicationSet':
      user.communicationStyles = [...event.data.styles].sort(byKey);
      user.frequency = event.data.frequency;
      return true;
    case 'BioSet':
      user.bio = event.data.bio === '' ? null : event.data.bio;
      return true;
    case 'InterfaceLanguageSet':
      user.interfaceLanguage = event.data.language;
      return true;
    case 'OnboardingCompleted':
      user.status = 'active';
      user.onboardedAt = user.onboardedAt ?? event.data.at;
      return true;
    case 'ProfileResumed':
      user.status = 'active';
      return true;
    case 'ProfilePaused':
      user.status = 'paused';
      return true;
    case 'ProfileReset':
      // onboardedAt stays: it records when the user first finished onboarding. Blocks stay too, as in the domain.
      user.status = 'onboarding';
      user.bio = null;
      user.communicationStyles = [];
      user.frequency = null;
      doc.languages = [];
      doc.interests = [];
      doc.availability = null;
      return true;
    case 'UserBanned':
      if (user.status !== 'onboarding' && user.status !== 'active' && user.status !== 'paused') return false;
      user.statusBeforeBan = user.status;
      user.status = 'banned';
      return true;
    case 'UserUnbanned':
      // Back to the status the ban interrupted, as the domain does.
      if (user.status !== 'banned') return false;
      user.status = user.statusBeforeBan ?? 'onboarding';
      user.statusBeforeBan = null;
      return true;
    case 'ActivityRecorded':
      if (event.data.at > user.lastActiveAt) user.lastActiveAt = event.data.at;
      return true;
    case 'UserReported':
      doc.reports = [...doc.reports, { streamVersion: version, targetId: event.data.target, reason: event.data.reason, comment: event.data.comment, reportedAt: event.data.at }];
      return true;
    case 'FeedbackSent':
      doc.feedback = [...doc.feedback, { streamVersion: version, text: event.data.text, sentAt: event.data.at }];
      return true;
    case 'UserBlocked':
      if (user.blockedIds.includes(event.data.target)) return false;
      user.blockedIds = [...user.blockedIds, event.data.target].sort(byId);
      return true;
    case 'UserUnblocked':
      if (!user.blockedIds.includes(event.data.target)) return false;
      user.blockedIds = user.blockedIds.filter((id) => id !== event.data.target);
      return true;
    case 'ReminderSent':
      return false;
    case 'UserForgotten':
      throw new TypeError('UserForgotten removes the doc: projectProfile handles it');
    default: {
      const unknown: never = event;
      throw new TypeError(`unknown profile event ${JSON.stringify(unknown)}`);
    }
  }
};

/**
 * The doc after a profile event: a new one (the first Start), null when the user is gone (forgotten: every row
 * purged) or never started, else `doc` itself, updated in place.
 */
export const projectProfile = (doc: UserDoc | null, event: ProfileEvent, version: number): UserDoc | null => {
  if (doc === null) return event.type === 'UserStarted' ? started(event, version) : null; // not started (or forgotten): nothing of this user is kept
  if (event.type === 'UserForgotten') return null;
  applyProfile(doc, event, version);
  return doc;
};
