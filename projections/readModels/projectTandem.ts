// Tandem events → this side's match row (each side's stream keeps its own record, so a match has a row per side;
// `role = 'requester'` counts each tandem once). Mirrors domain/tandem/evolve.ts, except that closed records are
// never pruned here: analytics want the whole history.
import type { TandemEvent } from '../../domain/tandem/index.js';
import type { Draft, MatchRow, UserDoc } from './rows.js';

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
 * Applies a tandem event to this side's match rows in place (a new row, or the fields of an existing one); false when
 * it changes nothing (a repeated request, a record this side does not know, or an event the rows do not show).
 */
export const applyTandem = (doc: UserDoc, event: TandemEvent): boolean => {
  if (event.type === 'CrossActorCommandQueued' || event.type === 'PartnerRequestRefused') return false;
  const matches = doc.matches as Map<string, MatchRow>;
  const { requestId, at } = event.data;
  if (event.type === 'PartnerRequested' || event.type === 'PartnerRequestReceived') {
    if (matches.has(requestId)) return false;
    matches.set(requestId, created(requestId, event.data.peer, event.type === 'PartnerRequested' ? 'requester' : 'target', at));
    return true;
  }
  const row = matches.get(requestId) as Draft<MatchRow> | undefined;
  if (row === undefined) return false; // the domain ignores events about unknown records too
  switch (event.type) {
    case 'PartnerRequestRejected':
      row.status = 'rejected';
      row.rejectReason = event.data.reason;
      row.closedAt = at;
      break;
    case 'PartnerRequestAccepted':
      row.status = 'accepted';
      row.acceptedAt = at;
      break;
    case 'PartnerRequestDeclined':
      row.status = 'declined';
      row.declineReason = event.data.reason;
      row.closedAt = at;
      break;
    case 'PartnerRequestCancelled':
      row.status = 'cancelled';
      row.closeReason = event.data.reason;
      row.closedAt = at;
      break;
    case 'PartnerRequestExpired':
      row.status = 'expired';
      row.closedAt = at;
      break;
    case 'TandemStarted':
      row.status = 'active';
      row.channel = event.data.channel;
      row.startedAt = at;
      row.acceptedAt = row.acceptedAt ?? at;
      break;
    case 'TandemEnded':
      row.status = 'ended';
      row.closeReason = event.data.reason;
      row.closedAt = at;
      break;
    case 'TandemRated':
      row.ratingGiven = event.data.rating;
      row.ratingComment = event.data.comment;
      break;
    case 'TandemRatingReceived':
      row.ratingReceived = event.data.rating;
      break;
    default: {
      const unknown: never = event;
      throw new TypeError(`unknown tandem event ${JSON.stringify(unknown)}`);
    }
  }
  row.updatedAt = at;
  return true;
};
