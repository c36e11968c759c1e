// The projection: one pure function from (a user's rows, one of their events) to (their new rows, changes to the
// aggregates). The live projector applies it to rows loaded per batch and writes the difference; replay folds the
// whole log in memory and writes the final rows with COPY. One function, two ways of applying it: they cannot drift.
import type { UserEvent } from '../../domain/user/index.js';
import type { TandemEvent } from '../../domain/tandem/index.js';
import type { ProfileEvent } from '../../domain/user/index.js';
import { completionOf, projectProfile } from './projectProfile.js';
import { projectTandem } from './projectTandem.js';
import { MODERATION_EVENT_TYPES, projectModeration } from './projectModeration.js';
import type { ModerationEvent } from '../../domain/user/index.js';
import type { CounterDelta, DailyCounter, MatchRow, UserDoc, UserRow } from './rows.js';

export interface ProjectedEvent {
  readonly userId: string;
  /** The event's version in the user's stream (keys of reports and feedback). */
  readonly streamVersion: number;
  readonly event: UserEvent;
}

export interface Projection {
  readonly doc: UserDoc | null;
  readonly deltas: readonly CounterDelta[];
}

const TANDEM_TYPES = new Set<string>([
  'PartnerRequested', 'PartnerRequestReceived', 'PartnerRequestRefused', 'PartnerRequestRejected', 'PartnerRequestAccepted',
  'PartnerRequestDeclined', 'PartnerRequestCancelled', 'PartnerRequestExpired', 'TandemStarted', 'TandemEnded', 'TandemRated',
  'TandemRatingReceived', 'CrossActorCommandQueued',
] satisfies TandemEvent['type'][]);

const isTandemEvent = (event: UserEvent): event is TandemEvent => TANDEM_TYPES.has(event.type);

const day = (at: string): string => at.slice(0, 10);

/**
 * Ordered language pairs a user counts in: only active users (onboarded, not paused or banned) are matchable.
 * Native N, learning L: one more seeker of L among N speakers (demand of L/N), one more partner for whoever learns N
 * and speaks L (supply of N/L).
 */
const pairDeltas = (doc: UserDoc | null, sign: 1 | -1): CounterDelta[] => {
  if (doc === null || doc.user.status !== 'active') return [];
  const natives = doc.languages.filter((l) => l.kind === 'native');
  const deltas: CounterDelta[] = [];
  for (const learning of doc.languages) {
    if (learning.kind !== 'learning') continue;
    for (const native of natives) {
      if (native.language === learning.language) continue;
      deltas.push({ table: 'language_pair_stats', learning: learning.language, native: native.language, demand: sign, supply: 0 });
      deltas.push({ table: 'language_pair_stats', learning: native.language, native: learning.language, demand: 0, supply: sign });
    }
  }
  return deltas;
};

/** `previous`: this event's match row before the event (read before projecting: the match map changes in place). */
const dailyCounter = (event: UserEvent, before: UserDoc | null, after: UserDoc | null, previous: MatchRow | undefined): DailyCounter | null => {
  switch (event.type) {
    case 'UserStarted':
      return before === null ? 'newUsers' : null;
    case 'OnboardingCompleted':
      return before !== null && before.user.onboardedAt === null ? 'completedProfiles' : null;
    case 'PartnerRequested':
      return after !== null && previous === undefined ? 'requests' : null;
    case 'TandemStarted': {
      const row = after?.matches[event.data.requestId];
      return row?.role === 'requester' && previous?.startedAt === null ? 'matches' : null;
    }
    case 'TandemEnded':
      return after?.matches[event.data.requestId]?.role === 'requester' && previous !== undefined && previous.status !== 'ended' ? 'tandemsEnded' : null;
    case 'UserReported':
      return after !== null ? 'reports' : null;
    case 'FeedbackSent':
      return after !== null ? 'feedback' : null;
    default:
      return null;
  }
};

/** Active users per day are distinct users: counted on a user's first activity (start or recorded) of the day. */
const activeToday = (event: UserEvent, before: UserDoc | null, after: UserDoc | null): boolean => {
  if (after === null) return false;
  if (event.type === 'UserStarted') return before === null;
  if (event.type !== 'ActivityRecorded') return false;
  return before !== null && day(before.user.lastActiveAt) < day(event.data.at);
};

const touchesPairs = (before: UserDoc | null, after: UserDoc | null): boolean =>
  before?.user.status !== after?.user.status || before?.languages !== after?.languages;

/** The actor's own conversation state and alert wishes: no read model holds them (and projectProfile knows them not). */
export const UNPROJECTED_EVENT_TYPES = ['DialogChanged', 'PartnerAlertRequested', 'PartnerAlertDelivered'] as const satisfies readonly UserEvent['type'][];
const UNPROJECTED = new Set<string>(UNPROJECTED_EVENT_TYPES);
export const isUnprojected = (type: string): boolean => UNPROJECTED.has(type);

export const projectEvent = (doc: UserDoc | null, input: ProjectedEvent): Projection => {
  const { event, streamVersion } = input;
  if (UNPROJECTED.has(event.type)) return { doc, deltas: [] };
  const previous = isTandemEvent(event) && 'requestId' in event.data ? doc?.matches[event.data.requestId] : undefined;
  const projected = isTandemEvent(event)
    ? projectTandem(doc, event)
    : MODERATION_EVENT_TYPES.has(event.type)
      ? projectModeration(doc, event as ModerationEvent, streamVersion)
      : projectProfile(doc, event as ProfileEvent, streamVersion);
  let next = projected;
  if (next !== null && next !== doc) {
    const user = next.user;
    const level = completionOf(next);
    const updatedAt = event.data.at > user.updatedAt ? event.data.at : user.updatedAt;
    if (user.profileCompletionLevel !== level || user.streamVersion !== streamVersion || user.updatedAt !== updatedAt) {
      if (doc !== null && user === doc.user) next = { ...next, user: { ...user, profileCompletionLevel: level, streamVersion, updatedAt } };
      else {
        // The row was created by this very event (projectProfile's copy): nobody else holds it yet, finish it in place.
        const fresh = user as { -readonly [K in keyof UserRow]: UserRow[K] };
        fresh.profileCompletionLevel = level;
        fresh.streamVersion = streamVersion;
        fresh.updatedAt = updatedAt;
      }
    }
  }
  const deltas: CounterDelta[] = [];
  const counter = dailyCounter(event, doc, next, previous);
  const today = day(event.data.at);
  if (counter !== null) deltas.push({ table: 'daily_stats', day: today, counter, by: 1 });
  if (activeToday(event, doc, next)) deltas.push({ table: 'daily_stats', day: today, counter: 'activeUsers', by: 1 });
  if (touchesPairs(doc, next)) deltas.push(...pairDeltas(doc, -1), ...pairDeltas(next, 1));
  return { doc: next, deltas };
};
