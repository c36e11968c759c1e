// Profile events → the user's rows. Pure: the same doc and event always give the same result, never a clock.
import { toUtcWeekHours, utcWeekStart, type Availability } from '../../domain/availability/index.js';
import type { ProfileEvent } from '../../domain/user/index.js';
import type { AvailabilityRow, InterestRow, LanguageRow, UserDoc, UserRow } from './rows.js';

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

const started = (event: Extract<ProfileEvent, { type: 'UserStarted' }>, version: number): UserDoc => ({
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
  matches: {},
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

// The user row with literal spreads (`{ ...user, field }`), which V8 clones fast, rather than through a patch object.
const withUser = (doc: UserDoc, user: UserRow): UserDoc => ({ ...doc, user });

/** The doc after a profile event, or null when the user is gone (forgotten: every row purged). */
export const projectProfile = (doc: UserDoc | null, event: ProfileEvent, version: number): UserDoc | null => {
  if (event.type === 'UserStarted') {
    // A repeated Start (new name) on an existing doc only refreshes the names.
    if (doc === null) return started(event, version);
    return { ...doc, user: { ...doc.user, firstName: event.data.firstName, username: event.data.username } };
  }
  if (doc === null) return null; // not started (or forgotten): nothing of this user is kept
  const user = doc.user;
  switch (event.type) {
    case 'TelegramProfileUpdated':
      return withUser(doc, { ...user, firstName: event.data.firstName, username: event.data.username });
    case 'NativeLanguagesSet':
      return { ...doc, languages: withLanguages(doc, 'native', event.data.languages.map((language) => ({ kind: 'native', language, level: null }))) };
    case 'LearningLanguagesSet':
      return { ...doc, languages: withLanguages(doc, 'learning', event.data.languages.map((s) => ({ kind: 'learning', language: s.code, level: s.level }))) };
    case 'InterestsSet': {
      const primary = new Set<string>(event.data.primary);
      const interests: InterestRow[] = [...new Set<string>(event.data.interests)].sort(byKey).map((interest) => ({ interest, isPrimary: primary.has(interest) }));
      return { ...doc, interests };
    }
    case 'AvailabilitySet':
      return { ...doc, availability: availabilityRow(event) };
    case 'CommunicationSet':
      return withUser(doc, { ...user, communicationStyles: [...event.data.styles].sort(byKey), frequency: event.data.frequency });
    case 'BioSet':
      return withUser(doc, { ...user, bio: event.data.bio === '' ? null : event.data.bio });
    case 'InterfaceLanguageSet':
      return withUser(doc, { ...user, interfaceLanguage: event.data.language });
    case 'OnboardingCompleted':
      return withUser(doc, { ...user, status: 'active', onboardedAt: user.onboardedAt ?? event.data.at });
    case 'ProfileResumed':
      return withUser(doc, { ...user, status: 'active' });
    case 'ProfilePaused':
      return withUser(doc, { ...user, status: 'paused' });
    case 'ProfileReset':
      // onboardedAt stays: it records when the user first finished onboarding. Blocks stay too, as in the domain.
      return {
        ...doc,
        user: { ...user, status: 'onboarding', bio: null, communicationStyles: [], frequency: null },
        languages: [],
        interests: [],
        availability: null,
      };
    case 'UserBanned':
      return user.status === 'onboarding' || user.status === 'active' || user.status === 'paused' ? withUser(doc, { ...user, status: 'banned', statusBeforeBan: user.status }) : doc;
    case 'UserUnbanned':
      // Back to the status the ban interrupted, as the domain does.
      return user.status === 'banned' ? withUser(doc, { ...user, status: user.statusBeforeBan ?? 'onboarding', statusBeforeBan: null }) : doc;
    case 'ActivityRecorded':
      return withUser(doc, { ...user, lastActiveAt: event.data.at > user.lastActiveAt ? event.data.at : user.lastActiveAt });
    case 'UserReported':
      return { ...doc, reports: [...doc.reports, { streamVersion: version, targetId: event.data.target, reason: event.data.reason, comment: event.data.comment, reportedAt: event.data.at }] };
    case 'FeedbackSent':
      return { ...doc, feedback: [...doc.feedback, { streamVersion: version, text: event.data.text, sentAt: event.data.at }] };
    case 'UserBlocked':
      return user.blockedIds.includes(event.data.target) ? doc : withUser(doc, { ...user, blockedIds: [...user.blockedIds, event.data.target].sort(byId) });
    case 'UserUnblocked':
      return user.blockedIds.includes(event.data.target) ? withUser(doc, { ...user, blockedIds: user.blockedIds.filter((id) => id !== event.data.target) }) : doc;
    case 'ReminderSent':
      return doc;
    case 'UserForgotten':
      return null;
    default: {
      const unknown: never = event;
      throw new TypeError(`unknown profile event ${JSON.stringify(unknown)}`);
    }
  }
};
