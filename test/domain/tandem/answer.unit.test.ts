import { describe, expect, it } from 'vitest';
import { fold } from '../../../domain/user/index.js';
import { REQUEST_TTL_MS, tandemIdFor } from '../../../domain/tandem/index.js';
import { activeEvents, command, event, given, HOUR, isError, later, ME, PEER } from '../support/users.js';

const id = tandemIdFor('tg:7');
// ME is the target of PEER's request
const incoming = [...activeEvents(ME), event('PartnerRequestReceived', { requestId: id, peer: PEER }, `${id}:request`)];
// ME is the requester
const outgoing = [...activeEvents(ME), event('PartnerRequested', { requestId: id, peer: PEER }, 'tg:7')];
const queue = (commandId: string, target: string, cmd: object, cause: string, now = later(0)) =>
  event('CrossActorCommandQueued', { commandId, target, command: cmd as never }, cause, now);

describe('AcceptRequest (target)', () => {
  it('accepts and asks the requester to confirm', () => {
    given(incoming)
      .when(command('AcceptRequest', { requestId: id }, 'c1'))
      .then([
        event('PartnerRequestAccepted', { requestId: id }, 'c1'),
        queue(`${id}:accept`, PEER, { type: 'ConfirmAcceptance', data: { from: ME, requestId: id, peerHasUsername: true } }, 'c1'),
      ]);
  });

  it('cannot answer twice, or answer someone else’s request, or an unknown one', () => {
    given(incoming, [event('PartnerRequestAccepted', { requestId: id }, 'a')]).when(command('AcceptRequest', { requestId: id }, 'c1')).thenThrows(isError('request_already_answered'));
    given(incoming, [event('PartnerRequestDeclined', { requestId: id, reason: null }, 'a')]).when(command('AcceptRequest', { requestId: id }, 'c1')).thenThrows(isError('request_already_answered'));
    given(outgoing).when(command('AcceptRequest', { requestId: id }, 'c1')).thenThrows(isError('not_request_target'));
    given(activeEvents(ME)).when(command('AcceptRequest', { requestId: id }, 'c1')).thenThrows(isError('request_not_found'));
  });

  it('cannot accept after the expiry time, even before the timer fired', () => {
    given(incoming).when(command('AcceptRequest', { requestId: id }, 'c1', later(REQUEST_TTL_MS))).thenThrows(isError('request_expired'));
  });
});

describe('DeclineRequest (target)', () => {
  it('declines with an optional reason and tells the requester', () => {
    given(incoming)
      .when(command('DeclineRequest', { requestId: id, reason: 'no_time' }, 'c1'))
      .then([
        event('PartnerRequestDeclined', { requestId: id, reason: 'no_time' }, 'c1'),
        queue(`${id}:decline`, PEER, { type: 'NotifyDeclined', data: { from: ME, requestId: id, reason: 'no_time' } }, 'c1'),
      ]);
  });

  it('refuses an unknown reason', () => {
    given(incoming).when(command('DeclineRequest', { requestId: id, reason: 'ugly' as never }, 'c1')).thenThrows(isError('invalid_decline_reason'));
  });
});

describe('CancelRequest (requester)', () => {
  it('cancels a pending request and tells the target', () => {
    given(outgoing)
      .when(command('CancelRequest', { requestId: id }, 'c1'))
      .then([
        event('PartnerRequestCancelled', { requestId: id, reason: 'by_user' }, 'c1'),
        queue(`${id}:close:requester`, PEER, { type: 'CloseTandem', data: { from: ME, requestId: id, expired: false, reason: 'by_peer' } }, 'c1'),
      ]);
  });

  it('only the requester cancels, and only while pending', () => {
    given(incoming).when(command('CancelRequest', { requestId: id }, 'c1')).thenThrows(isError('not_request_owner'));
    given(outgoing, [event('PartnerRequestRejected', { requestId: id, reason: 'unavailable' }, 'r')]).when(command('CancelRequest', { requestId: id }, 'c1')).thenThrows(isError('request_already_answered'));
  });
});

describe('ExpireRequest (timer, either side)', () => {
  it('expires a pending request at its expiry time and tells the peer', () => {
    const due = later(REQUEST_TTL_MS);
    given(outgoing)
      .when(command('ExpireRequest', { requestId: id }, 'timer-1', due))
      .then([
        event('PartnerRequestExpired', { requestId: id }, 'timer-1', due),
        queue(`${id}:close:requester`, PEER, { type: 'CloseTandem', data: { from: ME, requestId: id, expired: true, reason: 'by_peer' } }, 'timer-1', due),
      ]);
  });

  it('refuses to expire early and does nothing once answered', () => {
    given(outgoing).when(command('ExpireRequest', { requestId: id }, 'timer-1', later(REQUEST_TTL_MS - HOUR))).thenThrows(isError('request_not_expired'));
    given(incoming, [event('PartnerRequestAccepted', { requestId: id }, 'a')]).when(command('ExpireRequest', { requestId: id }, 'timer-1', later(REQUEST_TTL_MS))).thenNothingHappened();
  });
});

describe('started tandems: EndTandem and RateTandem', () => {
  const active = [...outgoing, event('PartnerRequestAccepted', { requestId: id }, 'x'), event('TandemStarted', { requestId: id, channel: 'contact' }, 'x')];
  const ended = [...active, event('TandemEnded', { requestId: id, reason: 'by_peer' }, 'e')];

  it('either side ends an active tandem', () => {
    given(active)
      .when(command('EndTandem', { requestId: id }, 'c1'))
      .then([
        event('TandemEnded', { requestId: id, reason: 'by_user' }, 'c1'),
        queue(`${id}:close:requester`, PEER, { type: 'CloseTandem', data: { from: ME, requestId: id, expired: false, reason: 'by_peer' } }, 'c1'),
      ]);
    given(outgoing).when(command('EndTandem', { requestId: id }, 'c1')).thenThrows(isError('tandem_not_active'));
  });

  it('rates an ended tandem once; the comment stays on this side', () => {
    given(ended)
      .when(command('RateTandem', { requestId: id, rating: 5, comment: 'great' }, 'c1'))
      .then([
        event('TandemRated', { requestId: id, rating: 5, comment: 'great' }, 'c1'),
        queue(`${id}:rating:requester`, PEER, { type: 'ReceiveRating', data: { from: ME, requestId: id, rating: 5 } }, 'c1'),
      ]);
    given(ended, [event('TandemRated', { requestId: id, rating: 4, comment: null }, 'r')]).when(command('RateTandem', { requestId: id, rating: 5, comment: null }, 'c1')).thenThrows(isError('already_rated'));
    given(active).when(command('RateTandem', { requestId: id, rating: 5, comment: null }, 'c1')).thenThrows(isError('tandem_not_ended'));
  });

  it('refuses ratings outside 1–5 and long comments', () => {
    for (const rating of [0, 6, 2.5]) given(ended).when(command('RateTandem', { requestId: id, rating, comment: null }, 'c1')).thenThrows(isError('invalid_rating'));
    given(ended).when(command('RateTandem', { requestId: id, rating: 3, comment: 'z'.repeat(1001) }, 'c1')).thenThrows(isError('comment_too_long'));
  });

  it('counts ratings given and received', () => {
    const state = fold([
      ...ended,
      event('TandemRated', { requestId: id, rating: 4, comment: null }, 'r1'),
      event('TandemRatingReceived', { requestId: id, rating: 2 }, 'r2'),
    ]);
    expect(state.counters).toMatchObject({ ratingsGiven: 1, ratingsReceived: 1, ratingsReceivedSum: 2, tandemsStarted: 1 });
  });
});

describe('blocking, banning and forgetting close tandems on both sides', () => {
  const closeFor = (reason: 'by_peer' | 'peer_unavailable', cause: string) =>
    queue(`${id}:close:requester`, PEER, { type: 'CloseTandem', data: { from: ME, requestId: id, expired: false, reason } }, cause);

  it('BlockUser cancels a pending request with the blocked user', () => {
    given(outgoing)
      .when(command('BlockUser', { target: PEER }, 'c1'))
      .then([event('UserBlocked', { target: PEER }, 'c1'), event('PartnerRequestCancelled', { requestId: id, reason: 'blocked' }, 'c1'), closeFor('by_peer', 'c1')]);
  });

  it('BlockUser ends an active tandem with the blocked user', () => {
    const active = [...outgoing, event('PartnerRequestAccepted', { requestId: id }, 'x'), event('TandemStarted', { requestId: id, channel: 'relay' }, 'x')];
    given(active)
      .when(command('BlockUser', { target: PEER }, 'c1'))
      .then([event('UserBlocked', { target: PEER }, 'c1'), event('TandemEnded', { requestId: id, reason: 'blocked' }, 'c1'), closeFor('by_peer', 'c1')]);
  });

  it('BanUser and ForgetUser close everything, telling peers only that this side is unavailable', () => {
    given(outgoing)
      .when(command('BanUser', { reason: 'spam' }, 'c1'))
      .then([event('UserBanned', { reason: 'spam' }, 'c1'), event('PartnerRequestCancelled', { requestId: id, reason: 'banned' }, 'c1'), closeFor('peer_unavailable', 'c1')]);
    given(outgoing)
      .when(command('ForgetUser', {}, 'c1'))
      .then([event('PartnerRequestCancelled', { requestId: id, reason: 'forgotten' }, 'c1'), closeFor('peer_unavailable', 'c1'), event('UserForgotten', {}, 'c1')]);
  });
});
