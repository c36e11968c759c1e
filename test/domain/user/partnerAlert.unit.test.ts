// "Notify me": the wish is recorded once, delivered once to an active watcher who is eligible with the newcomer,
// and silenced by a pause; the same rules /find uses decide eligibility.
import { describe, expect, it } from 'vitest';
import { decide, evolve, partnerAlertSince, type UserCommand, type UserEvent, type UserState } from '../../../domain/user/index.js';
import { isDomainError } from '../../../domain/errors.js';
import { candidateOf, stateOf } from '../../actors/userActor/bot/find/profiles.js';

const NOW = new Date('2026-03-04T12:00:00Z');
let seq = 0;
const run = (state: UserState, command: Omit<UserCommand, 'meta'>, commandId = `c-${++seq}`): { state: UserState; events: readonly UserEvent[] } => {
  const events = decide({ ...command, meta: { now: NOW, commandId } } as UserCommand, state);
  return { state: events.reduce(evolve, state), events };
};

const watcher = () => stateOf({ id: '11', native: ['en'], learning: [{ code: 'ru', level: 'B1' }] }, NOW);
const newcomer = () => candidateOf(stateOf({ id: '22', native: ['ru'], learning: [{ code: 'en', level: 'A2' }] }, NOW), NOW);
const stranger = () => candidateOf(stateOf({ id: '33', native: ['de'], learning: [{ code: 'fr', level: 'A2' }] }, NOW), NOW);

describe('partner alert', () => {
  it('records the wish once and delivers it once to an eligible newcomer, then forgets it', () => {
    const first = run(watcher(), { type: 'WatchForPartner', data: {} });
    expect(first.events.map((e) => e.type)).toContain('PartnerAlertRequested');
    expect(partnerAlertSince(first.state)).toBe(NOW.toISOString());
    expect(run(first.state, { type: 'WatchForPartner', data: {} }).events.filter((e) => e.type === 'PartnerAlertRequested')).toEqual([]);

    const unsuitable = run(first.state, { type: 'NotifyPartnerAvailable', data: { candidate: stranger() } });
    expect(unsuitable.events).toEqual([]);
    const delivered = run(first.state, { type: 'NotifyPartnerAvailable', data: { candidate: newcomer() } }, 'alert-1');
    expect(delivered.events).toEqual([{ type: 'PartnerAlertDelivered', data: { at: NOW.toISOString(), causationId: 'alert-1', partner: '22' } }]);
    expect(partnerAlertSince(delivered.state)).toBeNull();
    // A second newcomer, or the same offer redelivered, finds no wish left.
    expect(run(delivered.state, { type: 'NotifyPartnerAvailable', data: { candidate: newcomer() } }).events).toEqual([]);
    expect(run(delivered.state, { type: 'NotifyPartnerAvailable', data: { candidate: newcomer() } }, 'alert-1').events).toEqual([]);
  });

  it('stays quiet while the watcher is paused, and delivers after they resume', () => {
    const wished = run(watcher(), { type: 'WatchForPartner', data: {} }).state;
    const paused = run(wished, { type: 'PauseProfile', data: {} }).state;
    expect(run(paused, { type: 'NotifyPartnerAvailable', data: { candidate: newcomer() } }).events).toEqual([]);
    const resumed = run(paused, { type: 'ResumeProfile', data: {} }).state;
    expect(run(resumed, { type: 'NotifyPartnerAvailable', data: { candidate: newcomer() } }).events.map((e) => e.type)).toEqual(['PartnerAlertDelivered']);
  });

  it('refuses a wish before the profile is complete or while paused', () => {
    const incomplete = stateOf({ id: '44', stopBefore: 'availability' }, NOW);
    const refusal = (state: UserState): string => {
      try {
        run(state, { type: 'WatchForPartner', data: {} });
      } catch (error) {
        if (isDomainError(error)) return error.code;
        throw error;
      }
      return 'accepted';
    };
    expect(refusal(incomplete)).toBe('profile_incomplete');
    expect(refusal(stateOf({ id: '45', paused: true }, NOW))).toBe('not_active');
  });

  it('ignores an offer for a user who never started', () => {
    expect(run(stateOf({ id: '46' }, NOW), { type: 'NotifyPartnerAvailable', data: { candidate: newcomer() } }).events).toEqual([]);
  });
});
