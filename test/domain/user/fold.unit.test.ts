// fold(events, from) builds the state on one local draft (a cold load folds every event since the snapshot): it
// must equal events.reduce(evolve, from) exactly, from any starting state, and never mutate `from` or anything in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolve, fold, initialState, RECENT_COMMAND_IDS_LIMIT, type UserEvent, type UserState } from '../../../domain/user/index.js';
import { berlinEvenings, ME, PEER } from '../support/users.js';

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

const at = (i: number): string => new Date(Date.UTC(2026, 2, 2, 10) + i * 60_000).toISOString();

// Event shapes the user's fold handles, each a function of its causation id and time; ids come from a pool a
// little larger than the remembered window, so some repeat inside it (not remembered again) and some after they
// left it (remembered again).
// Typed loosely (unknown) so that each literal need not repeat its event type; each one is a well-formed UserEvent.
const kinds: readonly ((causationId: string, time: string) => unknown)[] = [
  (causationId, t) => ({ type: 'UserStarted', data: { telegramId: ME, firstName: 'Ann', username: null, telegramLanguageCode: 'en', causationId, at: t } }),
  (causationId, t) => ({ type: 'NativeLanguagesSet', data: { languages: ['fr'], causationId, at: t } }),
  (causationId, t) => ({ type: 'LearningLanguagesSet', data: { languages: [{ code: 'it', level: 'B2' }], causationId, at: t } }),
  (causationId, t) => ({ type: 'InterestsSet', data: { interests: ['music'], primary: [], causationId, at: t } }),
  (causationId, t) => ({ type: 'AvailabilitySet', data: { availability: berlinEvenings, causationId, at: t } }),
  (causationId, t) => ({ type: 'CommunicationSet', data: { styles: ['text'], frequency: 'daily', causationId, at: t } }),
  (causationId, t) => ({ type: 'BioSet', data: { bio: `bio ${causationId}`, causationId, at: t } }),
  (causationId, t) => ({ type: 'OnboardingCompleted', data: { causationId, at: t } }),
  (causationId, t) => ({ type: 'ProfilePaused', data: { causationId, at: t } }),
  (causationId, t) => ({ type: 'ProfileResumed', data: { causationId, at: t } }),
  (causationId, t) => ({ type: 'ProfileReset', data: { causationId, at: t } }),
  (causationId, t) => ({ type: 'ActivityRecorded', data: { causationId, at: t } }),
  (causationId, t) => ({ type: 'UserBlocked', data: { target: PEER, causationId, at: t } }),
  (causationId, t) => ({ type: 'UserUnblocked', data: { target: PEER, causationId, at: t } }),
  (causationId, t) => ({ type: 'UserReported', data: { target: PEER, reason: 'spam', comment: null, causationId, at: t } }),
  (causationId, t) => ({ type: 'FeedbackSent', data: { text: 'thanks a lot', causationId, at: t } }),
  (causationId, t) => ({ type: 'ReminderSent', data: { kind: 'inactive', causationId, at: t } }),
  (causationId, t) => ({ type: 'UserBanned', data: { reason: 'spam', causationId, at: t } }),
  (causationId, t) => ({ type: 'UserUnbanned', data: { causationId, at: t } }),
  (causationId, t) => ({ type: 'UserForgotten', data: { causationId, at: t } }),
  (causationId, t) => ({ type: 'PartnerAlertRequested', data: { causationId, at: t } }),
  (causationId, t) => ({ type: 'PartnerAlertDelivered', data: { partner: PEER, causationId, at: t } }),
  (causationId, t) => ({ type: 'DialogChanged', data: { dialog: null, causationId, at: t } }),
  (causationId, t) => ({ type: 'PartnerRequested', data: { requestId: `r-${causationId}`, peer: PEER, causationId, at: t } }),
  (causationId, t) => ({ type: 'PartnerRequestReceived', data: { requestId: `q-${causationId}`, peer: PEER, causationId, at: t } }),
];

const logArb = (maxLength: number): fc.Arbitrary<UserEvent[]> =>
  fc
    .array(fc.record({ kind: fc.nat(kinds.length - 1), id: fc.nat(RECENT_COMMAND_IDS_LIMIT + 40) }), { maxLength })
    .map((steps) => steps.map(({ kind, id }, i) => kinds[kind]!(`c${id}`, at(i)) as UserEvent));

describe('fold over a batch', () => {
  it('equals the reduce of evolve, whatever the starting state, and leaves that state as it was', () => {
    fc.assert(
      fc.property(logArb(120), logArb(400), (before, batch) => {
        const from: UserState = deepFreeze(before.reduce(evolve, initialState()));
        const expected = batch.reduce(evolve, from);
        expect(fold(batch, from)).toEqual(expected);
        expect(fold(batch, from).recentCommandIds.length).toBeLessThanOrEqual(RECENT_COMMAND_IDS_LIMIT);
      }),
      { numRuns: 300 },
    );
  });

  it('remembers an id again once it has left the window, and not while it is in it', () => {
    const event = (id: string, i: number): UserEvent => ({ type: 'ActivityRecorded', data: { causationId: id, at: at(i) } });
    const ids = Array.from({ length: RECENT_COMMAND_IDS_LIMIT }, (_, i) => `c${i}`);
    const full = ids.map(event);
    // c0 is in the window: not remembered again. Then c-new pushes c0 out; c0 once more is remembered at the end.
    const batch = [...full, event('c0', 200), event('c-new', 201), event('c0', 202)];
    const state = fold(batch);
    expect(state).toEqual(batch.reduce(evolve, initialState()));
    expect(state.recentCommandIds.slice(-2)).toEqual(['c-new', 'c0']);
    expect(state.recentCommandIds).toHaveLength(RECENT_COMMAND_IDS_LIMIT);
  });

  it('returns the starting state itself for no events', () => {
    const from = initialState();
    expect(fold([], from)).toBe(from);
  });
});
