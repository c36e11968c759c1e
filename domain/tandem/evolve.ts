// Folds tandem events into the user's state. Pure and total: an event about an unknown record changes nothing
// (a record pruned long ago), because evolve must never throw on a stored event.
import type { UserState } from '../user/state.js';
import type { TandemEvent } from './events.js';
import { DECLINE_COOLDOWN_MS, MAX_CLOSED_TANDEMS_KEPT } from './rules.js';
import { isOpen, rejectReasonFor, type TandemRecord } from './types.js';

type Patch = Partial<Omit<TandemRecord, 'id' | 'peer' | 'role' | 'requestedAt'>>;

const update = (state: UserState, requestId: string, at: string, patch: Patch): UserState => {
  const index = state.tandems.findIndex((t) => t.id === requestId);
  const current = state.tandems[index];
  if (current === undefined) return state;
  const next: TandemRecord = { ...current, ...patch, updatedAt: at };
  const tandems = state.tandems.map((t, i) => (i === index ? next : t));
  return { ...state, tandems: pruneClosed(tandems) };
};

/** Keeps every open record and the newest MAX_CLOSED_TANDEMS_KEPT closed ones (by last change). */
const pruneClosed = (tandems: readonly TandemRecord[]): readonly TandemRecord[] => {
  const closed = tandems.filter((t) => !isOpen(t.status));
  if (closed.length <= MAX_CLOSED_TANDEMS_KEPT) return tandems;
  const keep = new Set(
    [...closed]
      .sort((a, b) => (a.updatedAt === b.updatedAt ? (a.id < b.id ? -1 : 1) : a.updatedAt < b.updatedAt ? 1 : -1))
      .slice(0, MAX_CLOSED_TANDEMS_KEPT)
      .map((t) => t.id),
  );
  return tandems.filter((t) => isOpen(t.status) || keep.has(t.id));
};

/** Records a decline time and forgets the ones whose cooldown is over, so the map stays small. */
const withDecline = (map: Readonly<Record<string, string>>, peer: string, at: string): Readonly<Record<string, string>> => {
  const horizon = Date.parse(at) - DECLINE_COOLDOWN_MS;
  const kept = Object.entries(map).filter(([id, when]) => id !== peer && Date.parse(when) > horizon);
  return Object.fromEntries([...kept, [peer, at] as const].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)));
};

const newRecord = (requestId: string, peer: string, role: TandemRecord['role'], at: string): TandemRecord => ({
  id: requestId,
  peer,
  role,
  status: 'requested',
  requestedAt: at,
  updatedAt: at,
  channel: null,
  closeReason: null,
  declineReason: null,
  rejectReason: null,
  ratingGiven: null,
  ratingReceived: null,
});

export const evolveTandem = (state: UserState, event: TandemEvent): UserState => {
  const { at } = event.data;
  switch (event.type) {
    case 'PartnerRequested':
    case 'PartnerRequestReceived': {
      if (state.tandems.some((t) => t.id === event.data.requestId)) return state;
      const role = event.type === 'PartnerRequested' ? 'requester' : 'target';
      return { ...state, tandems: [...state.tandems, newRecord(event.data.requestId, event.data.peer, role, at)] };
    }
    case 'PartnerRequestRefused': {
      // Keep the refused request as a closed record, so a late redelivery of it (or of its close) finds it and
      // changes nothing. A user who never started or was forgotten keeps no data at all.
      if (state.status === 'new' || state.status === 'forgotten' || state.tandems.some((t) => t.id === event.data.requestId)) return state;
      const record: TandemRecord = { ...newRecord(event.data.requestId, event.data.peer, 'target', at), status: 'rejected', rejectReason: rejectReasonFor(event.data.cause) };
      return { ...state, tandems: pruneClosed([...state.tandems, record]) };
    }
    case 'CrossActorCommandQueued':
      return state;
    case 'PartnerRequestRejected':
      return update(state, event.data.requestId, at, { status: 'rejected', rejectReason: event.data.reason });
    case 'PartnerRequestAccepted':
      return update(state, event.data.requestId, at, { status: 'accepted' });
    case 'PartnerRequestDeclined': {
      const record = state.tandems.find((t) => t.id === event.data.requestId);
      if (record === undefined) return state;
      const next = update(state, record.id, at, { status: 'declined', declineReason: event.data.reason });
      return record.role === 'requester'
        ? { ...next, declinedBy: withDecline(next.declinedBy, record.peer, at) }
        : { ...next, declinedByMe: withDecline(next.declinedByMe, record.peer, at) };
    }
    case 'PartnerRequestCancelled':
      return update(state, event.data.requestId, at, { status: 'cancelled', closeReason: event.data.reason });
    case 'PartnerRequestExpired':
      return update(state, event.data.requestId, at, { status: 'expired' });
    case 'TandemStarted': {
      const next = update(state, event.data.requestId, at, { status: 'active', channel: event.data.channel });
      return next === state ? state : { ...next, counters: { ...next.counters, tandemsStarted: next.counters.tandemsStarted + 1 } };
    }
    case 'TandemEnded':
      return update(state, event.data.requestId, at, { status: 'ended', closeReason: event.data.reason });
    case 'TandemRated': {
      const next = update(state, event.data.requestId, at, { ratingGiven: event.data.rating });
      return next === state ? state : { ...next, counters: { ...next.counters, ratingsGiven: next.counters.ratingsGiven + 1 } };
    }
    case 'TandemRatingReceived': {
      const next = update(state, event.data.requestId, at, { ratingReceived: event.data.rating });
      if (next === state) return state;
      const { ratingsReceived, ratingsReceivedSum } = next.counters;
      return {
        ...next,
        counters: { ...next.counters, ratingsReceived: ratingsReceived + 1, ratingsReceivedSum: ratingsReceivedSum + event.data.rating },
      };
    }
    default: {
      const unknown: never = event;
      throw new TypeError(`unknown tandem event ${JSON.stringify(unknown)}`);
    }
  }
};
