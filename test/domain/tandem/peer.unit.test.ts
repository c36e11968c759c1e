import { describe, it } from 'vitest';
import { tandemIdFor } from '../../../domain/tandem/index.js';
import { activeEvents, command, event, given, isError, ME, OTHER, PEER } from '../support/users.js';

const id = tandemIdFor('tg:7');
const outgoing = [...activeEvents(ME), event('PartnerRequested', { requestId: id, peer: PEER }, 'tg:7')];
const incoming = [...activeEvents(ME), event('PartnerRequestReceived', { requestId: id, peer: PEER }, `${id}:request`)];
const accepted = [...incoming, event('PartnerRequestAccepted', { requestId: id }, 'a')];

describe('answers on the requester side', () => {
  it('RejectPartnerRequest marks the request rejected', () => {
    given(outgoing)
      .when(command('RejectPartnerRequest', { from: PEER, requestId: id, reason: 'unavailable' }, `${id}:reject`))
      .then([event('PartnerRequestRejected', { requestId: id, reason: 'unavailable' }, `${id}:reject`)]);
  });

  it('NotifyDeclined marks the request declined', () => {
    given(outgoing)
      .when(command('NotifyDeclined', { from: PEER, requestId: id, reason: null }, `${id}:decline`))
      .then([event('PartnerRequestDeclined', { requestId: id, reason: null }, `${id}:decline`)]);
  });

  it('ConfirmAcceptance starts the tandem: contact exchange when both have a username', () => {
    const cause = `${id}:accept`;
    given(outgoing)
      .when(command('ConfirmAcceptance', { from: PEER, requestId: id, peerHasUsername: true }, cause))
      .then([
        event('PartnerRequestAccepted', { requestId: id }, cause),
        event('TandemStarted', { requestId: id, channel: 'contact' }, cause),
        event('CrossActorCommandQueued', {
          commandId: `${id}:activate`,
          target: PEER,
          command: { type: 'ActivateTandem', data: { from: ME, requestId: id, channel: 'contact' } },
        }, cause),
      ]);
  });

  it('ConfirmAcceptance chooses the relay when a side has no public username', () => {
    const cause = `${id}:accept`;
    given(outgoing)
      .when(command('ConfirmAcceptance', { from: PEER, requestId: id, peerHasUsername: false }, cause))
      .thenState((s) => {
        if (s.tandems[0]?.channel !== 'relay') throw new Error('expected relay');
      });
    const noUsername = [...activeEvents(ME, { username: null }), event('PartnerRequested', { requestId: id, peer: PEER }, 'tg:7')];
    given(noUsername)
      .when(command('ConfirmAcceptance', { from: PEER, requestId: id, peerHasUsername: true }, cause))
      .thenState((s) => {
        if (s.tandems[0]?.channel !== 'relay') throw new Error('expected relay');
      });
  });

  it('an acceptance crossing a cancel is ignored (the cancel reaches the target and closes its side)', () => {
    given(outgoing, [event('PartnerRequestCancelled', { requestId: id, reason: 'by_user' }, 'c')])
      .when(command('ConfirmAcceptance', { from: PEER, requestId: id, peerHasUsername: true }, `${id}:accept`))
      .thenNothingHappened();
  });
});

describe('answers on the target side', () => {
  it('ActivateTandem starts the accepted tandem', () => {
    given(accepted)
      .when(command('ActivateTandem', { from: PEER, requestId: id, channel: 'relay' }, `${id}:activate`))
      .then([event('TandemStarted', { requestId: id, channel: 'relay' }, `${id}:activate`)]);
    given(incoming).when(command('ActivateTandem', { from: PEER, requestId: id, channel: 'relay' }, `${id}:activate`)).thenNothingHappened();
  });

  it('CloseTandem cancels, expires or ends, depending on the record', () => {
    const close = (expired: boolean) => command('CloseTandem', { from: PEER, requestId: id, expired, reason: 'by_peer' }, `${id}:close:requester`);
    given(incoming).when(close(false)).then([event('PartnerRequestCancelled', { requestId: id, reason: 'by_peer' }, `${id}:close:requester`)]);
    given(accepted).when(close(true)).then([event('PartnerRequestExpired', { requestId: id }, `${id}:close:requester`)]);
    given(accepted, [event('TandemStarted', { requestId: id, channel: 'relay' }, 's')])
      .when(close(false))
      .then([event('TandemEnded', { requestId: id, reason: 'by_peer' }, `${id}:close:requester`)]);
    given(incoming, [event('PartnerRequestDeclined', { requestId: id, reason: null }, 'd')]).when(close(false)).thenNothingHappened();
  });

  it('ReceiveRating records a rating once, on a tandem that ran', () => {
    const ended = [...accepted, event('TandemStarted', { requestId: id, channel: 'relay' }, 's'), event('TandemEnded', { requestId: id, reason: 'by_user' }, 'e')];
    const rating = command('ReceiveRating', { from: PEER, requestId: id, rating: 4 }, `${id}:rating:requester`);
    given(ended).when(rating).then([event('TandemRatingReceived', { requestId: id, rating: 4 }, `${id}:rating:requester`)]);
    given(ended, [event('TandemRatingReceived', { requestId: id, rating: 4 }, 'r')]).when({ ...rating, meta: { ...rating.meta, commandId: 'other' } }).thenNothingHappened();
    given(incoming).when(rating).thenNothingHappened();
    given(ended).when(command('ReceiveRating', { from: PEER, requestId: id, rating: 9 }, 'x')).thenThrows(isError('invalid_rating'));
  });
});

describe('peer commands are only accepted from the record’s peer', () => {
  it('ignores a command naming another sender', () => {
    given(outgoing).when(command('RejectPartnerRequest', { from: OTHER, requestId: id, reason: 'unavailable' }, 'x')).thenNothingHappened();
    given(accepted).when(command('ActivateTandem', { from: OTHER, requestId: id, channel: 'relay' }, 'x')).thenNothingHappened();
  });

  it('a redelivered peer command (same id) decides nothing', () => {
    given(outgoing, [event('PartnerRequestRejected', { requestId: id, reason: 'unavailable' }, `${id}:reject`)])
      .when(command('RejectPartnerRequest', { from: PEER, requestId: id, reason: 'unavailable' }, `${id}:reject`))
      .thenNothingHappened();
  });
});
