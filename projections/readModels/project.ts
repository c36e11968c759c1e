// The projection: one deterministic function from (a user's rows, one of their events) to (their new rows, changes to
// the aggregates), the rows updated in place (see UserDoc). The live projector applies it to copies of rows loaded per
// batch and writes the difference; replay folds the whole log in memory and writes the final rows with COPY. One
// function, two ways of applying it: they cannot drift.
import type { UserEvent } from '../../domain/user/index.js';
import type { TandemEvent } from '../../domain/tandem/index.js';
import type { ProfileEvent } from '../../domain/user/index.js';
import { applyProfile, completionOf, started } from './projectProfile.js';
import { applyTandem } from './projectTandem.js';
import { MODERATION_EVENT_TYPES, applyModeration } from './projectModeration.js';
import type { ModerationEvent } from '../../domain/user/index.js';
import type { CounterDelta, DailyCounter, Draft, LanguageRow, UserDoc, UserRow } from './rows.js';

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
 * and speaks L (supply of N/L). `status` undefined: no doc.
 */
const pairDeltas = (status: string | undefined, languages: readonly LanguageRow[] | undefined, sign: 1 | -1, deltas: CounterDelta[]): void => {
  if (status !== 'active' || languages === undefined) return;
  const natives = languages.filter((l) => l.kind === 'native');
  for (const learning of languages) {
    if (learning.kind !== 'learning') continue;
    for (const native of natives) {
      if (native.language === learning.language) continue;
      deltas.push({ table: 'language_pair_stats', learning: learning.language, native: native.language, demand: sign, supply: 0 });
      deltas.push({ table: 'language_pair_stats', learning: native.language, native: learning.language, demand: 0, supply: sign });
    }
  }
};

/** What the counters compare against: the doc's fields before the event (the event changes the doc in place). */
interface Before {
  readonly exists: boolean;
  readonly status: string | undefined;
  readonly languages: readonly LanguageRow[] | undefined;
  readonly onboardedAt: string | null | undefined;
  readonly lastActiveAt: string | undefined;
  /** This event's match row before it (tandem events with a request id): whether it existed, its status and start. */
  readonly match: { readonly status: string; readonly startedAt: string | null } | undefined;
}

const dailyCounter = (event: UserEvent, before: Before, after: UserDoc | null): DailyCounter | null => {
  switch (event.type) {
    case 'UserStarted':
      return !before.exists ? 'newUsers' : null;
    case 'OnboardingCompleted':
      return before.exists && before.onboardedAt === null ? 'completedProfiles' : null;
    case 'PartnerRequested':
      return after !== null && before.match === undefined ? 'requests' : null;
    case 'TandemStarted': {
      const row = after?.matches.get(event.data.requestId);
      return row?.role === 'requester' && before.match?.startedAt === null ? 'matches' : null;
    }
    case 'TandemEnded':
      return after?.matches.get(event.data.requestId)?.role === 'requester' && before.match !== undefined && before.match.status !== 'ended' ? 'tandemsEnded' : null;
    case 'UserReported':
      return after !== null ? 'reports' : null;
    case 'FeedbackSent':
      return after !== null ? 'feedback' : null;
    default:
      return null;
  }
};

/** Active users per day are distinct users: counted on a user's first activity (start or recorded) of the day. */
const activeToday = (event: UserEvent, before: Before, after: UserDoc | null): boolean => {
  if (after === null) return false;
  if (event.type === 'UserStarted') return !before.exists;
  if (event.type !== 'ActivityRecorded') return false;
  return before.lastActiveAt !== undefined && day(before.lastActiveAt) < day(event.data.at);
};

/** The actor's own conversation state and alert wishes: no read model holds them (and projectProfile knows them not). */
export const UNPROJECTED_EVENT_TYPES = ['DialogChanged', 'PartnerAlertRequested', 'PartnerAlertDelivered'] as const satisfies readonly UserEvent['type'][];
const UNPROJECTED = new Set<string>(UNPROJECTED_EVENT_TYPES);
export const isUnprojected = (type: string): boolean => UNPROJECTED.has(type);

/** Projects one event onto `doc`, which it updates in place (or replaces: a first Start, a forgotten user). */
export const projectEvent = (doc: UserDoc | null, input: ProjectedEvent): Projection => {
  const { event, streamVersion } = input;
  if (UNPROJECTED.has(event.type)) return { doc, deltas: [] };
  const tandem = isTandemEvent(event);
  const match = tandem && doc !== null && 'requestId' in event.data ? doc.matches.get(event.data.requestId) : undefined;
  const before: Before = {
    exists: doc !== null,
    status: doc?.user.status,
    languages: doc?.languages,
    onboardedAt: doc?.user.onboardedAt,
    lastActiveAt: doc?.user.lastActiveAt,
    match: match === undefined ? undefined : { status: match.status, startedAt: match.startedAt },
  };
  let next: UserDoc | null = doc;
  let changed = false;
  if (doc === null) {
    // Nothing of a user is kept before their first Start (or after they are forgotten).
    if (event.type === 'UserStarted') {
      next = started(event, streamVersion);
      changed = true;
    }
  } else if (event.type === 'UserForgotten') next = null;
  else if (tandem) changed = applyTandem(doc, event);
  else if (MODERATION_EVENT_TYPES.has(event.type)) {
    applyModeration(doc, event as ModerationEvent, streamVersion);
    changed = true;
  } else changed = applyProfile(doc, event as ProfileEvent, streamVersion);
  if (next !== null && changed) {
    const user = next.user as Draft<UserRow>;
    user.profileCompletionLevel = completionOf(next);
    user.streamVersion = streamVersion;
    if (event.data.at > user.updatedAt) user.updatedAt = event.data.at;
  }
  const deltas: CounterDelta[] = [];
  const counter = dailyCounter(event, before, next);
  const today = day(event.data.at);
  if (counter !== null) deltas.push({ table: 'daily_stats', day: today, counter, by: 1 });
  if (activeToday(event, before, next)) deltas.push({ table: 'daily_stats', day: today, counter: 'activeUsers', by: 1 });
  if (before.status !== next?.user.status || before.languages !== next?.languages) {
    pairDeltas(before.status, before.languages, -1, deltas);
    pairDeltas(next?.user.status, next?.languages, 1, deltas);
  }
  return { doc: next, deltas };
};
