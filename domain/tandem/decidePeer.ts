// Commands from the other user's actor. They are answers to facts the sender already committed, so they never
// fail for business reasons: a command that no longer fits this side's record (closed meanwhile, redelivered,
// pruned) decides nothing. Only a request can be refused, and the refusal is itself an answer to the requester.
import { validation } from '../errors.js';
import { eventBase } from '../user/ids.js';
import type { UserState } from '../user/state.js';
import { findTandem, hasBlocked } from '../user/state.js';
import type { CloseTandem, PeerCommand, ReceivePartnerRequest } from './commands.js';
import type { TandemEvent } from './events.js';
import { peerCommandId, queued } from './outbox.js';
import { DECLINE_COOLDOWN_MS, RATING_MAX, RATING_MIN } from './rules.js';
import { isOpen, rejectReasonFor, type RefusalCause, type TandemRecord } from './types.js';

export const decidePeer = (command: PeerCommand, state: UserState): readonly TandemEvent[] => {
  const { meta } = command;
  if (command.type === 'ReceivePartnerRequest') return receiveRequest(command, state);
  const record = findTandem(state, command.data.requestId);
  if (record === undefined && command.type === 'CloseTandem') return closeBeforeReceived(command, state);
  // Only the peer of the record may move it.
  if (record === undefined || record.peer !== command.data.from) return [];
  const base = { ...eventBase(meta), requestId: record.id };
  switch (command.type) {
    case 'RejectPartnerRequest':
      return asRequester(record, 'requested') ? [{ type: 'PartnerRequestRejected', data: { ...base, reason: command.data.reason } }] : [];
    case 'NotifyDeclined':
      return asRequester(record, 'requested') ? [{ type: 'PartnerRequestDeclined', data: { ...base, reason: command.data.reason } }] : [];
    case 'ConfirmAcceptance': {
      if (!asRequester(record, 'requested') || state.userId === null) return [];
      const channel = command.data.peerHasUsername && state.profile.username !== null ? 'contact' : 'relay';
      return [
        { type: 'PartnerRequestAccepted', data: base },
        { type: 'TandemStarted', data: { ...base, channel } },
        queued(meta, record.peer, peerCommandId(record.id, 'activate'), {
          type: 'ActivateTandem',
          data: { from: state.userId, requestId: record.id, channel },
        }),
      ];
    }
    case 'ActivateTandem':
      return record.role === 'target' && record.status === 'accepted'
        ? [{ type: 'TandemStarted', data: { ...base, channel: command.data.channel } }]
        : [];
    case 'CloseTandem': {
      const { reason, expired } = command.data;
      if (record.status === 'active') return [{ type: 'TandemEnded', data: { ...base, reason } }];
      if (!isOpen(record.status)) return [];
      return expired ? [{ type: 'PartnerRequestExpired', data: base }] : [{ type: 'PartnerRequestCancelled', data: { ...base, reason } }];
    }
    case 'ReceiveRating': {
      const { rating } = command.data;
      if (!Number.isInteger(rating) || rating < RATING_MIN || rating > RATING_MAX) throw validation('invalid_rating', { min: RATING_MIN, max: RATING_MAX });
      // A rating may overtake the CloseTandem that ends the record here, so an active record accepts it too.
      if (record.ratingReceived !== null || (record.status !== 'ended' && record.status !== 'active')) return [];
      return [{ type: 'TandemRatingReceived', data: { ...base, rating } }];
    }
    default: {
      const unknown: never = command;
      throw new TypeError(`unknown peer command ${JSON.stringify(unknown)}`);
    }
  }
};

/**
 * Delivery order between two actors is not guaranteed (retries, redeliveries): a requester's CloseTandem may
 * overtake its ReceivePartnerRequest. The requester always holds its record first, so an unknown record here means
 * this side is the target and the request is still on its way: record it as received and closed at once, so the late
 * request finds a closed record and changes nothing. (A user who never started or was forgotten keeps no data and
 * refuses the request when it comes.)
 */
const closeBeforeReceived = (command: CloseTandem, state: UserState): readonly TandemEvent[] => {
  if (state.status === 'new' || state.status === 'forgotten') return [];
  const base = { ...eventBase(command.meta), requestId: command.data.requestId };
  const closed: TandemEvent = command.data.expired
    ? { type: 'PartnerRequestExpired', data: base }
    : { type: 'PartnerRequestCancelled', data: { ...base, reason: command.data.reason } };
  return [{ type: 'PartnerRequestReceived', data: { ...base, peer: command.data.from } }, closed];
};

const asRequester = (record: TandemRecord, status: TandemRecord['status']): boolean =>
  record.role === 'requester' && record.status === status;

const refusalCause = (command: ReceivePartnerRequest, state: UserState): RefusalCause | null => {
  const { from } = command.data;
  switch (state.status) {
    case 'new':
      return 'not_started';
    case 'forgotten':
      return 'forgotten';
    case 'banned':
      return 'banned';
    case 'onboarding':
    case 'paused':
      return 'not_active';
    case 'active':
      break;
    default: {
      const unknown: never = state.status;
      throw new TypeError(`unknown status ${String(unknown)}`);
    }
  }
  if (hasBlocked(state, from)) return 'blocked';
  const declinedAt = state.declinedByMe[from];
  if (declinedAt !== undefined && command.meta.now.getTime() < Date.parse(declinedAt) + DECLINE_COOLDOWN_MS) return 'declined_recently';
  // Also refuses crossing requests (each side asked the other at once): both get "unavailable" and may ask again.
  if (state.tandems.some((t) => t.peer === from && isOpen(t.status))) return 'tandem_exists';
  return null;
};

const receiveRequest = (command: ReceivePartnerRequest, state: UserState): readonly TandemEvent[] => {
  const { from, to, requestId } = command.data;
  // Misrouted (not for this user), addressed to oneself, or already known: nothing to decide.
  if (from === to || (state.userId !== null && state.userId !== to) || findTandem(state, requestId) !== undefined) return [];
  const base = { ...eventBase(command.meta), requestId };
  const cause = refusalCause(command, state);
  if (cause === null) return [{ type: 'PartnerRequestReceived', data: { ...base, peer: from } }];
  return [
    { type: 'PartnerRequestRefused', data: { ...base, peer: from, cause } },
    queued(command.meta, from, peerCommandId(requestId, 'reject'), {
      type: 'RejectPartnerRequest',
      data: { from: to, requestId, reason: rejectReasonFor(cause) },
    }),
  ];
};
