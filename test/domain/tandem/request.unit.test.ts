import { describe, expect, it } from 'vitest';
import { DECLINE_COOLDOWN_MS, MAX_PENDING_OUTGOING_REQUESTS, tandemIdFor } from '../../../domain/tandem/index.js';
import { activeEvents, command, DAY, event, given, isError, later, ME, OTHER, PEER, startedEvents } from '../support/users.js';

const requested = (peer: string, commandId: string) => event('PartnerRequested', { requestId: tandemIdFor(commandId), peer }, commandId);

describe('RequestPartner (requester side)', () => {
  it('records the request and queues it for the target, with ids derived from the command id', () => {
    const id = tandemIdFor('tg:7');
    given(activeEvents(ME))
      .when(command('RequestPartner', { target: PEER }, 'tg:7'))
      .then([
        event('PartnerRequested', { requestId: id, peer: PEER }, 'tg:7'),
        event('CrossActorCommandQueued', {
          commandId: `${id}:request`,
          target: PEER,
          command: { type: 'ReceivePartnerRequest', data: { from: ME, to: PEER, requestId: id } },
        }, 'tg:7'),
      ]);
  });

  it('refuses oneself, an incomplete or paused profile', () => {
    given(activeEvents(ME)).when(command('RequestPartner', { target: ME }, 'c')).thenThrows(isError('self_target'));
    given(startedEvents(ME)).when(command('RequestPartner', { target: PEER }, 'c')).thenThrows(isError('profile_incomplete'));
    given(activeEvents(ME), [event('ProfilePaused', {}, 'p')]).when(command('RequestPartner', { target: PEER }, 'c')).thenThrows(isError('not_active'));
  });

  it('refuses a user this side blocked', () => {
    given(activeEvents(ME), [event('UserBlocked', { target: PEER }, 'b')]).when(command('RequestPartner', { target: PEER }, 'c')).thenThrows(isError('blocked_pair'));
  });

  it('refuses someone who declined within 30 days, allows it after', () => {
    const declined = [...activeEvents(ME), requested(PEER, 'r1'), event('PartnerRequestDeclined', { requestId: tandemIdFor('r1'), reason: null }, 'd1')];
    given(declined).when(command('RequestPartner', { target: PEER }, 'c', later(29 * DAY))).thenThrows(isError('declined_recently'));
    given(declined)
      .when(command('RequestPartner', { target: PEER }, 'c', later(DECLINE_COOLDOWN_MS + 1)))
      .thenState((s) => expect(s.tandems.filter((t) => t.peer === PEER && t.status === 'requested')).toHaveLength(1));
  });

  it('refuses a second open tandem with the same peer', () => {
    given(activeEvents(ME), [requested(PEER, 'r1')]).when(command('RequestPartner', { target: PEER }, 'c')).thenThrows(isError('tandem_exists'));
  });

  it(`refuses more than ${MAX_PENDING_OUTGOING_REQUESTS} pending outgoing requests`, () => {
    const pending = ['4004', '5005', '6006'].map((peer, i) => requested(peer, `r${i}`));
    given(activeEvents(ME), pending).when(command('RequestPartner', { target: OTHER }, 'c')).thenThrows(isError('too_many_pending_requests'));
    // one answered: room again
    given(activeEvents(ME), pending, [event('PartnerRequestRejected', { requestId: tandemIdFor('r0'), reason: 'unavailable' }, 'x')])
      .when(command('RequestPartner', { target: OTHER }, 'c'))
      .thenState((s) => expect(s.tandems.filter((t) => t.status === 'requested')).toHaveLength(MAX_PENDING_OUTGOING_REQUESTS));
  });
});

describe('ReceivePartnerRequest (target side)', () => {
  const id = tandemIdFor('tg:7');
  const receive = (commandId = `${id}:request`, now = later(0)) =>
    command('ReceivePartnerRequest', { from: PEER, to: ME, requestId: id }, commandId, now);
  const refusedWith = (cause: string, reason: 'unavailable' | 'declined_recently', now = later(0), commandId = `${id}:request`) => [
    event('PartnerRequestRefused', { requestId: id, peer: PEER, cause: cause as never }, commandId, now),
    event('CrossActorCommandQueued', {
      commandId: `${id}:reject`,
      target: PEER,
      command: { type: 'RejectPartnerRequest', data: { from: ME, requestId: id, reason } },
    }, commandId, now),
  ];

  it('records an incoming request', () => {
    given(activeEvents(ME)).when(receive()).then([event('PartnerRequestReceived', { requestId: id, peer: PEER }, `${id}:request`)]);
  });

  it('ignores a request addressed to someone else', () => {
    given(activeEvents(ME)).when(command('ReceivePartnerRequest', { from: PEER, to: OTHER, requestId: id }, 'x')).thenNothingHappened();
  });

  it('is idempotent on the record', () => {
    given(activeEvents(ME), [event('PartnerRequestReceived', { requestId: id, peer: PEER }, 'other-id')]).when(receive()).thenNothingHappened();
  });

  it('refuses when the target never started, is onboarding, paused, banned or forgotten — all as "unavailable"', () => {
    given().when(receive()).then(refusedWith('not_started', 'unavailable'));
    given(startedEvents(ME)).when(receive()).then(refusedWith('not_active', 'unavailable'));
    given(activeEvents(ME), [event('ProfilePaused', {}, 'p')]).when(receive()).then(refusedWith('not_active', 'unavailable'));
    given(activeEvents(ME), [event('UserBanned', { reason: 'spam' }, 'b')]).when(receive()).then(refusedWith('banned', 'unavailable'));
    given(activeEvents(ME), [event('UserForgotten', {}, 'f')]).when(receive()).then(refusedWith('forgotten', 'unavailable'));
  });

  it('keeps a refused request as a closed record, except for a user who keeps no data', () => {
    given(activeEvents(ME), [event('UserBlocked', { target: PEER }, 'b')])
      .when(receive())
      .thenState((s) => expect(s.tandems).toMatchObject([{ id, peer: PEER, role: 'target', status: 'rejected', rejectReason: 'unavailable' }]));
    given().when(receive()).thenState((s) => expect(s.tandems).toEqual([]));
  });

  it('refuses a requester the target blocked, without telling them', () => {
    given(activeEvents(ME), [event('UserBlocked', { target: PEER }, 'b')]).when(receive()).then(refusedWith('blocked', 'unavailable'));
  });

  it('refuses a requester the target declined within 30 days', () => {
    const earlier = tandemIdFor('old');
    const history = [
      ...activeEvents(ME),
      event('PartnerRequestReceived', { requestId: earlier, peer: PEER }, 'o1'),
      event('PartnerRequestDeclined', { requestId: earlier, reason: 'no_time' }, 'o2'),
    ];
    given(history).when(receive(undefined, later(10 * DAY))).then(refusedWith('declined_recently', 'declined_recently', later(10 * DAY)));
    given(history).when(receive(undefined, later(31 * DAY))).then([event('PartnerRequestReceived', { requestId: id, peer: PEER }, `${id}:request`, later(31 * DAY))]);
  });

  it('refuses a crossing request while a tandem with the requester is open', () => {
    given(activeEvents(ME), [requested(PEER, 'mine')]).when(receive()).then(refusedWith('tandem_exists', 'unavailable'));
  });
});
