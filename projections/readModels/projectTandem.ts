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

/**
 * The one in-place write of the projection: a user collects many match rows, and copying them all on every tandem
 * event made the fold quadratic. The row itself is new; the map is the doc's own (docs are never shared: a live batch
 * folds on a copy of what it loaded), and this is the last step, so a throwing event leaves the doc untouched.
 */
const withMatch = (doc: UserDoc, row: MatchRow): UserDoc => {
  (doc.matches as Record<string, MatchRow>)[row.tandemId] = row;
  return { ...doc };
};

export const projectTandem = (doc: UserDoc | null, event: TandemEvent): UserDoc | null => {
  if (doc === null || event.type === 'CrossActorCommandQueued' || event.type === 'PartnerRequestRefused') return doc;
  const { requestId, at } = event.data;
  if (event.type === 'PartnerRequested' || event.type === 'PartnerRequestReceived') {
    if (doc.matches[requestId] !== undefined) return doc;
    const row = created(requestId, event.data.peer, event.type === 'PartnerRequested' ? 'requester' : 'target', at);
    return withMatch(doc, row);
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
  return withMatch(doc, { ...current, ...patch, updatedAt: at });
};
