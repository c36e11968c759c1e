// "Notify me when a suitable partner appears" (issue #6, point 3). A user whom /find could not match asks for one
// message later; when someone completes onboarding or resumes, a log follower offers that user's matching profile to
// each watcher's actor (NotifyPartnerAvailable), and the watcher's own state decides: still wishing, active (a pause
// silences alerts), and eligible with the newcomer by the same rules /find uses. One delivery clears the wish.
import { illegalState } from '../errors.js';
import { candidateFromState, type CandidateProfile } from '../matching/candidate.js';
import { isEligible } from '../matching/eligibility.js';
import { eventBase, type CommandMeta, type EventBase, type UserId } from './ids.js';
import type { UserState } from './state.js';

type Command<Type extends string, Data> = { readonly type: Type; readonly data: Data; readonly meta: CommandMeta };
type Event<Type extends string, Data> = { readonly type: Type; readonly data: Data & EventBase };

/** The user pressed "Notify me". */
export type WatchForPartner = Command<'WatchForPartner', object>;
/** From the alert follower: `candidate` just became matchable (completed onboarding or resumed). */
export type NotifyPartnerAvailable = Command<'NotifyPartnerAvailable', { readonly candidate: CandidateProfile }>;
export type PartnerAlertCommand = WatchForPartner | NotifyPartnerAvailable;

export type PartnerAlertRequested = Event<'PartnerAlertRequested', object>;
/** The wish is fulfilled (and cleared): `partner` fits this user. */
export type PartnerAlertDelivered = Event<'PartnerAlertDelivered', { readonly partner: UserId }>;
export type PartnerAlertEvent = PartnerAlertRequested | PartnerAlertDelivered;

export const PARTNER_ALERT_EVENT_TYPES = ['PartnerAlertRequested', 'PartnerAlertDelivered'] as const satisfies readonly PartnerAlertEvent['type'][];
const ALERT_TYPES: ReadonlySet<string> = new Set(PARTNER_ALERT_EVENT_TYPES);
export const isPartnerAlertEvent = (event: { readonly type: string }): event is PartnerAlertEvent => ALERT_TYPES.has(event.type);

/** Since when the user waits for an alert, or null. Absent in states saved before alerts existed. */
export const partnerAlertSince = (state: UserState): string | null => state.partnerAlertSince ?? null;

/** `self`: the caller checked the user is started, not banned, not forgotten (WatchForPartner only). */
export const decidePartnerAlert = (command: PartnerAlertCommand, state: UserState): readonly PartnerAlertEvent[] => {
  const base = eventBase(command.meta);
  switch (command.type) {
    case 'WatchForPartner':
      if (state.status === 'onboarding') throw illegalState('profile_incomplete');
      if (state.status !== 'active') throw illegalState('not_active');
      return partnerAlertSince(state) === null ? [{ type: 'PartnerAlertRequested', data: base }] : [];
    case 'NotifyPartnerAvailable': {
      // Not a refusal: the follower offers and this state decides, so anything that no longer fits is simply quiet.
      if (partnerAlertSince(state) === null || state.status !== 'active') return [];
      const viewer = candidateFromState(state, command.meta.now);
      const { candidate } = command.data;
      if (viewer === null || !isEligible(viewer, candidate, command.meta.now)) return [];
      return [{ type: 'PartnerAlertDelivered', data: { ...base, partner: candidate.id } }];
    }
    default: {
      const unknown: never = command;
      throw new TypeError(`unknown partner alert command ${JSON.stringify(unknown)}`);
    }
  }
};

export const evolvePartnerAlert = (state: UserState, event: PartnerAlertEvent): UserState => {
  switch (event.type) {
    case 'PartnerAlertRequested':
      return { ...state, partnerAlertSince: event.data.at };
    case 'PartnerAlertDelivered':
      return { ...state, partnerAlertSince: null };
    default: {
      const unknown: never = event;
      throw new TypeError(`unknown partner alert event ${JSON.stringify(unknown)}`);
    }
  }
};
