// Tandem events → this side's match row (each side's stream keeps its own record, so a match has a row per side;
// `role = 'requester'` counts each tandem once). Mirrors domain/tandem/evolve.ts, except that closed records are
// never pruned here: analytics want the whole history.
import type { TandemEvent } from '../../domain/tandem/index.js';
import type { MatchRow, UserDoc } from './rows.js';

const created = (tandemId: string, peerId: string, role: string, at: string): MatchRow => ({
  tandemId,
  peerId,
  role,
  status: 'requested',
  channel: null,
  closeReason: null,
  declineReason: null,
  rejectReason: null,
  ratingGiven: null,
  ratingComment: null,
  ratingReceived: null,
  requestedAt: at,
  acceptedAt: null,
  startedAt: null,
  closedAt: null,
  updatedAt: at,
});

export const projectTandem = (doc: UserDoc | null, event: TandemEvent): UserDoc | null => {
  if (doc === null || event.type === 'CrossActorCommandQueued' || event.type === 'PartnerRequestRefused') return doc;
  const { requestId, at } = event.data;
  if (event.type === 'PartnerRequested' || event.type === 'PartnerRequestReceived') {
    if (doc.matches[requestId] !== undefined) return doc;
    const row = created(requestId, event.data.peer, event.type === 'PartnerRequested' ? 'requester' : 'target', at);
    return { ...doc, matches: { ...doc.matches, [requestId]: row } };
  }
  const current = doc.matches[requestId];
  if (current === undefined) return doc; // the domain ignores events about unknown records too
  const patch = ((): Partial<MatchRow> => {
    switch (event.type) {
      case 'PartnerRequestRejected':
        return { status: 'rejected', rejectReason: event.data.reason, closedAt: at };
      case 'PartnerRequestAccepted':
        return { status: 'accepted', acceptedAt: at };
      case 'PartnerRequestDeclined':
        return { status: 'declined', declineReason: event.data.reason, closedAt: at };
      case 'PartnerRequestCancelled':
        return { status: 'cancelled', closeReason: event.data.reason, closedAt: at };
      case 'PartnerRequestExpired':
        return { status: 'expired', closedAt: at };
      case 'TandemStarted':
        return { status: 'active', channel: event.data.channel, startedAt: at, acceptedAt: current.acceptedAt ?? at };
      case 'TandemEnded':
        return { status: 'ended', closeReason: event.data.reason, closedAt: at };
      case 'TandemRated':
        return { ratingGiven: event.data.rating, ratingComment: event.data.comment };
      case 'TandemRatingReceived':
        return { ratingReceived: event.data.rating };
      default: {
        const unknown: never = event;
        throw new TypeError(`unknown tandem event ${JSON.stringify(unknown)}`);
      }
    }
  })();
  return { ...doc, matches: { ...doc.matches, [requestId]: { ...current, ...patch, updatedAt: at } } };
};
