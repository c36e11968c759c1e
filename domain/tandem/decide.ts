// Tandem commands a user (or a timer) sends to their own actor. The handshake across the two actors:
//
//   requester actor                                   target actor
//   RequestPartner → PartnerRequested ──ReceivePartnerRequest──▶ PartnerRequestReceived
//                                                              | or PartnerRequestRefused (paused, blocked, …)
//                  PartnerRequestRejected ◀──RejectPartnerRequest┘
//                                         AcceptRequest → PartnerRequestAccepted (waits for confirmation)
//   PartnerRequestAccepted + TandemStarted ◀──ConfirmAcceptance┘
//                  └──ActivateTandem──▶ TandemStarted
//                                         DeclineRequest → PartnerRequestDeclined ──NotifyDeclined──▶ declined
//   cancel / expire / end / block / ban / forget on either side → own close event ──CloseTandem──▶ peer closes
//
// Output: decide returns events only; a message for the other actor is a CrossActorCommandQueued event (the
// outbox, committed in the same append). Each side checks what it knows (the requester: its blocks, declines and
// pending count; the target: its status, blocks and declines) and the other answers. `accepted` exists on the target
// side so a cancel or expiry crossing an acceptance resolves the same way on both sides: the requester's state
// decides, and the target's accepted record closes when the requester's CloseTandem arrives.
import { forbidden, illegalState, notFound, validation } from '../errors.js';
import { eventBase, isUserId, type CommandMeta } from '../user/ids.js';
import type { UserState } from '../user/state.js';
import { findTandem, hasBlocked } from '../user/state.js';
import { countCharacters, hasControlCharacters, normalizeText } from '../user/text.js';
import type { TandemCommand } from './commands.js';
import type { TandemEvent } from './events.js';
import { closeTandem } from './close.js';
import { peerCommandId, queued, tandemIdFor } from './outbox.js';
import { DECLINE_COOLDOWN_MS, MAX_PENDING_OUTGOING_REQUESTS, MAX_RATING_COMMENT_CHARACTERS, RATING_MAX, RATING_MIN, requestExpiresAt } from './rules.js';
import { DECLINE_REASONS, isOpen, type TandemRecord } from './types.js';

/** The caller has checked that the user is started and neither banned nor forgotten. */
export const decideTandem = (command: TandemCommand, state: UserState, self: string): readonly TandemEvent[] => {
  const { meta } = command;
  switch (command.type) {
    case 'RequestPartner':
      return requestPartner(state, self, command.data.target, meta);
    case 'CancelRequest': {
      const record = ownRecord(state, command.data.requestId, 'requester');
      if (record.status !== 'requested') throw illegalState('request_already_answered');
      return closeTandem(self, record, 'by_user', meta);
    }
    case 'AcceptRequest': {
      const record = ownRecord(state, command.data.requestId, 'target');
      if (record.status !== 'requested') throw illegalState('request_already_answered');
      if (meta.now.getTime() >= requestExpiresAt(record.requestedAt)) throw illegalState('request_expired');
      return [
        { type: 'PartnerRequestAccepted', data: { ...eventBase(meta), requestId: record.id } },
        queued(meta, record.peer, peerCommandId(record.id, 'accept'), {
          type: 'ConfirmAcceptance',
          data: { from: self, requestId: record.id, peerHasUsername: state.profile.username !== null },
        }),
      ];
    }
    case 'DeclineRequest': {
      const record = ownRecord(state, command.data.requestId, 'target');
      if (record.status !== 'requested') throw illegalState('request_already_answered');
      const { reason } = command.data;
      if (reason !== null && !DECLINE_REASONS.includes(reason)) throw validation('invalid_decline_reason');
      return [
        { type: 'PartnerRequestDeclined', data: { ...eventBase(meta), requestId: record.id, reason } },
        queued(meta, record.peer, peerCommandId(record.id, 'decline'), {
          type: 'NotifyDeclined',
          data: { from: self, requestId: record.id, reason },
        }),
      ];
    }
    case 'ExpireRequest': {
      const record = findTandem(state, command.data.requestId);
      // A timer firing after the request was answered (or redelivered) has nothing left to do.
      if (record === undefined || record.status !== 'requested') return [];
      if (meta.now.getTime() < requestExpiresAt(record.requestedAt)) throw illegalState('request_not_expired');
      return closeTandem(self, record, 'by_user', meta, true);
    }
    case 'EndTandem': {
      const record = anyRecord(state, command.data.requestId);
      if (record.status !== 'active') throw illegalState('tandem_not_active');
      return closeTandem(self, record, 'by_user', meta);
    }
    case 'RateTandem':
      return rate(state, self, command.data.requestId, command.data.rating, command.data.comment, meta);
    default: {
      const unknown: never = command;
      throw new TypeError(`unknown tandem command ${JSON.stringify(unknown)}`);
    }
  }
};

const requestPartner = (state: UserState, self: string, target: string, meta: CommandMeta): readonly TandemEvent[] => {
  if (!isUserId(target)) throw validation('invalid_user_id');
  if (target === self) throw validation('self_target');
  if (state.status === 'onboarding') throw illegalState('profile_incomplete');
  if (state.status !== 'active') throw illegalState('not_active');
  if (hasBlocked(state, target)) throw forbidden('blocked_pair');
  const declinedAt = state.declinedBy[target];
  if (declinedAt !== undefined && meta.now.getTime() < Date.parse(declinedAt) + DECLINE_COOLDOWN_MS) throw forbidden('declined_recently');
  if (state.tandems.some((t) => t.peer === target && isOpen(t.status))) throw illegalState('tandem_exists');
  const pending = state.tandems.filter((t) => t.role === 'requester' && t.status === 'requested').length;
  if (pending >= MAX_PENDING_OUTGOING_REQUESTS) throw illegalState('too_many_pending_requests', { max: MAX_PENDING_OUTGOING_REQUESTS });
  const requestId = tandemIdFor(meta.commandId);
  return [
    { type: 'PartnerRequested', data: { ...eventBase(meta), requestId, peer: target } },
    queued(meta, target, peerCommandId(requestId, 'request'), {
      type: 'ReceivePartnerRequest',
      data: { from: self, to: target, requestId },
    }),
  ];
};

const rate = (
  state: UserState,
  self: string,
  requestId: string,
  rating: number,
  comment: string | null,
  meta: CommandMeta,
): readonly TandemEvent[] => {
  const record = anyRecord(state, requestId);
  if (record.status !== 'ended') throw illegalState('tandem_not_ended');
  if (record.ratingGiven !== null) throw illegalState('already_rated');
  if (!Number.isInteger(rating) || rating < RATING_MIN || rating > RATING_MAX) throw validation('invalid_rating', { min: RATING_MIN, max: RATING_MAX });
  const text = comment === null ? '' : normalizeText(comment);
  if (hasControlCharacters(text, true)) throw validation('text_has_control_characters');
  if (countCharacters(text) > MAX_RATING_COMMENT_CHARACTERS) throw validation('comment_too_long', { max: MAX_RATING_COMMENT_CHARACTERS });
  return [
    // The comment stays in the rater's stream (personal data, for admins); the peer learns the number only.
    { type: 'TandemRated', data: { ...eventBase(meta), requestId, rating, comment: text === '' ? null : text } },
    queued(meta, record.peer, peerCommandId(requestId, 'rating', record.role), {
      type: 'ReceiveRating',
      data: { from: self, requestId, rating },
    }),
  ];
};

const anyRecord = (state: UserState, requestId: string): TandemRecord => {
  const record = findTandem(state, requestId);
  if (record === undefined) throw notFound('request_not_found');
  return record;
};

const ownRecord = (state: UserState, requestId: string, role: TandemRecord['role']): TandemRecord => {
  const record = anyRecord(state, requestId);
  if (record.role !== role) throw forbidden(role === 'target' ? 'not_request_target' : 'not_request_owner');
  return record;
};
