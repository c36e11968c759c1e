// The pure projection, event by event: what each kind of event does to a user's rows and to the aggregates.
import { describe, expect, it } from 'vitest';
import type { UserEvent } from '../../domain/user/index.js';
import { createFoldState, decodeEvent, decodeForReadModels, foldEvent, type FoldState } from '../../projections/readModels/index.js';
import { START, type RecordedEvent } from '../../actors/eventStore/types.js';
import { copyDoc } from '../../projections/readModels/rows.js';
import { activeEvents, event, later, DAY, HOUR } from '../domain/support/users.js';

const fold = (userId: string, events: readonly UserEvent[], state: FoldState = createFoldState(), from = 1): FoldState => {
  events.forEach((e, i) => foldEvent(state, { userId, streamVersion: from + i, event: e }));
  return state;
};

describe('read-model projection', () => {
  it('an onboarded user: profile rows, completion, counted once as new, active and completed', () => {
    const state = fold('1001', activeEvents('1001', { native: 'en', learning: 'ru' }));
    const doc = state.docs.get('1001')!;
    expect(doc.user.status).toBe('active');
    expect(doc.user.profileCompletionLevel).toBe(90);
    expect(doc.languages).toEqual([
      { kind: 'learning', language: 'ru', level: 'B1' },
      { kind: 'native', language: 'en', level: null },
    ]);
    expect(doc.interests).toEqual([
      { interest: 'books', isPrimary: false },
      { interest: 'music', isPrimary: true },
    ]);
    expect(doc.availability?.utcHours.length).toBeGreaterThan(0);
    const [day] = [...state.daily.keys()];
    expect(state.daily.get(day!)).toMatchObject({ newUsers: 1, completedProfiles: 1, activeUsers: 1 });
    expect(Object.fromEntries(state.pairs)).toEqual({ 'ru/en': { demand: 1, supply: 0 }, 'en/ru': { demand: 0, supply: 1 } });
  });

  it('active users per day are distinct users', () => {
    const state = fold('1001', activeEvents('1001'));
    const start = later(-10 * 60 * 1000);
    fold('1001', [event('ActivityRecorded', {}, 'a1', later(2 * HOUR)), event('ActivityRecorded', {}, 'a2', later(DAY + HOUR))], state, 8);
    const counts = [...state.daily].sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, row]) => [d, row.activeUsers]);
    expect(counts).toEqual([
      [start.toISOString().slice(0, 10), 1],
      [later(DAY + HOUR).toISOString().slice(0, 10), 1],
    ]);
  });

  it('pausing takes a user out of the language-pair supply and demand; resuming puts them back', () => {
    const state = fold('1001', activeEvents('1001', { native: 'en', learning: 'es' }));
    fold('1001', [event('ProfilePaused', {}, 'p', later(HOUR))], state, 8);
    expect(state.pairs.get('es/en')).toEqual({ demand: 0, supply: 0 });
    fold('1001', [event('ProfileResumed', {}, 'r', later(2 * HOUR))], state, 9);
    expect(state.pairs.get('es/en')).toEqual({ demand: 1, supply: 0 });
  });

  it('a forgotten user has no rows left and leaves the pair totals; daily history stays', () => {
    const state = fold('1001', activeEvents('1001'));
    fold('1001', [event('FeedbackSent', { text: 'love it, thanks' }, 'f', later(HOUR)), event('UserForgotten', {}, 'x', later(2 * HOUR))], state, 8);
    expect(state.docs.get('1001')).toBeNull();
    expect([...state.pairs.values()].every((p) => p.demand === 0 && p.supply === 0)).toBe(true);
    expect([...state.daily.values()].reduce((n, d) => n + d.newUsers + d.feedback, 0)).toBe(2);
    // Events after the tombstone (a refused request, say) bring nothing back.
    fold('1001', [event('ActivityRecorded', {}, 'late', later(3 * HOUR))], state, 10);
    expect(state.docs.get('1001')).toBeNull();
  });

  it('a tandem: a row per side, counted once as a request and once as a match (on the requester side)', () => {
    const state = createFoldState();
    fold('1001', activeEvents('1001', { native: 'en', learning: 'ru' }), state);
    fold('2002', activeEvents('2002', { native: 'ru', learning: 'en' }), state);
    const at = later(HOUR);
    fold('1001', [event('PartnerRequested', { requestId: 't1', peer: '2002' }, 'q', at)], state, 8);
    fold('2002', [event('PartnerRequestReceived', { requestId: 't1', peer: '1001' }, 'q', at), event('PartnerRequestAccepted', { requestId: 't1' }, 'acc', at), event('TandemStarted', { requestId: 't1', channel: 'contact' }, 'act', at)], state, 8);
    fold('1001', [event('TandemStarted', { requestId: 't1', channel: 'contact' }, 'conf', at), event('TandemEnded', { requestId: 't1', reason: 'by_user' }, 'end', later(DAY)), event('TandemRated', { requestId: 't1', rating: 5, comment: null }, 'rate', later(DAY))], state, 9);
    expect(state.docs.get('1001')!.matches.get('t1')).toMatchObject({ role: 'requester', status: 'ended', ratingGiven: 5, startedAt: at.toISOString() });
    expect(state.docs.get('2002')!.matches.get('t1')).toMatchObject({ role: 'target', status: 'active', acceptedAt: at.toISOString() });
    const total = (key: 'requests' | 'matches' | 'tandemsEnded'): number => [...state.daily.values()].reduce((n, d) => n + d[key], 0);
    expect([total('requests'), total('matches'), total('tandemsEnded')]).toEqual([1, 1, 1]);
  });

  it('folds in place, so a doc folded as a copy (copyDoc, as a live batch does) leaves the original as it was', () => {
    const state = fold('1001', activeEvents('1001', { native: 'en', learning: 'ru' }));
    fold('1001', [event('PartnerRequested', { requestId: 't1', peer: '2002' }, 'q', later(HOUR))], state, 8);
    const original = state.docs.get('1001')!;
    const snapshot = structuredClone(original);
    const copy = createFoldState();
    copy.docs.set('1001', copyDoc(original));
    fold('1001', [
      event('ActivityRecorded', {}, 'a', later(DAY)),
      event('PartnerRequestCancelled', { requestId: 't1', reason: 'by_user' }, 'c', later(DAY)),
      event('PartnerRequested', { requestId: 't2', peer: '3003' }, 'q2', later(DAY)),
      event('ProfilePaused', {}, 'p', later(DAY)),
      event('BioSet', { bio: 'new' }, 'b', later(DAY)),
    ], copy, 9);
    expect(original).toEqual(snapshot);
    const folded = copy.docs.get('1001')!;
    expect([folded.user.status, folded.user.bio, folded.user.streamVersion, folded.matches.get('t1')?.status, folded.matches.size]).toEqual(['paused', 'new', 13, 'cancelled', 2]);
  });

  it('passes over events no read model depends on before decoding them, so their data may be omitted or malformed', () => {
    const recorded = (type: string, data: unknown): RecordedEvent => ({
      id: '33333333-3333-4333-8333-333333333333', type, schemaVersion: 1, data, metadata: {}, streamName: 'user-1001', streamVersion: 7,
      globalPosition: 1n, checkpoint: START, recordedAt: new Date(0),
    });
    for (const type of ['DialogChanged', 'PartnerAlertRequested', 'PartnerAlertDelivered']) {
      expect(decodeForReadModels(recorded(type, null))).toBeNull();
      expect(() => decodeEvent(recorded(type, null))).toThrow(/invalid_shape/);
    }
    expect(() => decodeForReadModels(recorded('BioSet', null))).toThrow(/invalid_shape/);
  });
});
