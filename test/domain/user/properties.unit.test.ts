// Random command sequences against one user's actor, with valid and invalid inputs mixed: every reached state
// satisfies the invariants, refusals are DomainErrors only, and the state always equals the fold of the log.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMUNICATION_STYLES, FREQUENCIES } from '../../../domain/communication/index.js';
import { isDomainError } from '../../../domain/errors.js';
import { INTEREST_IDS } from '../../../domain/interests/index.js';
import { CEFR_LEVELS } from '../../../domain/languages/index.js';
import {
  assertInvariants,
  decide,
  evolve,
  fold,
  initialState,
  isProfileComplete,
  profileCompletion,
  type UserCommand,
  type UserEvent,
} from '../../../domain/user/index.js';
import { berlinEvenings, HOUR, ME, T0 } from '../support/users.js';

const LANGS = ['en', 'ru', 'es', 'de', 'xx'] as const;
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 600 }), fc.constant('\u0007'), fc.string({ unit: 'binary', maxLength: 20 }));
const peer = fc.constantFrom('2002', '3003', ME, 'x');

type Draft = { readonly type: UserCommand['type']; readonly data: unknown };
/** The valid onboarding, as one step (so random runs also reach active, paused and banned-from-active states). */
const VALID_PROFILE: readonly Draft[] = [
  { type: 'SetNativeLanguages', data: { languages: ['fr'] } },
  { type: 'SetLearningLanguages', data: { languages: [{ code: 'it', level: 'B2' }] } },
  { type: 'SetInterests', data: { interests: ['music'], primary: [] } },
  { type: 'SetAvailability', data: { availability: berlinEvenings } },
  { type: 'SetCommunication', data: { styles: ['text'], frequency: 'daily' } },
];
const draftArb: fc.Arbitrary<Draft | readonly Draft[]> = fc.oneof(
  { arbitrary: fc.constant(VALID_PROFILE), weight: 4 },
  fc.record({ type: fc.constant('Start' as const), data: fc.record({ telegramId: fc.constantFrom(ME, '9'), firstName: fc.oneof(fc.constant('Ann'), text), username: fc.constantFrom(null, 'ann_x', 'bad name'), languageCode: fc.constantFrom(null, 'ru', '!!') }) }),
  fc.record({ type: fc.constant('SetNativeLanguages' as const), data: fc.record({ languages: fc.subarray([...LANGS]) }) }),
  fc.record({
    type: fc.constant('SetLearningLanguages' as const),
    data: fc.record({ languages: fc.array(fc.record({ code: fc.constantFrom(...LANGS), level: fc.constantFrom(...CEFR_LEVELS, 'Z9') }), { maxLength: 4 }) }),
  }),
  fc.record({ type: fc.constant('SetInterests' as const), data: fc.record({ interests: fc.subarray([...INTEREST_IDS].slice(0, 6)), primary: fc.subarray([...INTEREST_IDS].slice(0, 6)) }) }),
  fc.record({ type: fc.constant('SetAvailability' as const), data: fc.constantFrom({ availability: berlinEvenings }, { availability: { ...berlinEvenings, timeZone: 'Nowhere/Land' } }) }),
  fc.record({ type: fc.constant('SetCommunication' as const), data: fc.record({ styles: fc.subarray([...COMMUNICATION_STYLES]), frequency: fc.constantFrom(...FREQUENCIES) }) }),
  fc.record({ type: fc.constant('SetBio' as const), data: fc.record({ bio: text }) }),
  fc.record({ type: fc.constant('SetInterfaceLanguage' as const), data: fc.record({ language: fc.constantFrom('en', 'ru', 'de') }) }),
  fc.record({ type: fc.constantFrom('PauseProfile' as const, 'ResumeProfile' as const, 'RecordActivity' as const, 'BanUser' as const, 'UnbanUser' as const, 'ForgetUser' as const), data: fc.constant({ reason: 'spam' }) }),
  fc.record({ type: fc.constantFrom('BlockUser' as const, 'UnblockUser' as const), data: fc.record({ target: peer }) }),
  fc.record({ type: fc.constant('ReportUser' as const), data: fc.record({ target: peer, reason: fc.constantFrom('spam', 'other', 'nope'), comment: fc.option(text, { nil: null }) }) }),
  fc.record({ type: fc.constant('SendFeedback' as const), data: fc.record({ text }) }),
  fc.record({ type: fc.constant('RecordReminderSent' as const), data: fc.record({ kind: fc.constantFrom('inactive', 'rate_partner', 'weird') }) }),
  fc.record({ type: fc.constant('RequestPartner' as const), data: fc.record({ target: peer }) }),
);
const stepArb = fc.record({ draft: draftArb, gap: fc.integer({ min: 0, max: 3 * HOUR }), replayOf: fc.option(fc.nat(), { freq: 8 }) });

describe('user aggregate under random commands', { timeout: 120_000 }, () => {
  it('never reaches an invalid state, refuses only with DomainErrors, and equals the fold of its log', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60, size: 'medium' }), (steps) => {
        let state = initialState();
        const log: UserEvent[] = [];
        let now = T0.getTime();
        const start: Draft = { type: 'Start', data: { telegramId: ME, firstName: 'Ann', username: null, languageCode: null } };
        const drafts = [start, ...steps.flatMap(({ draft, gap, replayOf }) => (Array.isArray(draft) ? draft : [draft]).map((d: Draft) => ({ draft: d, gap, replayOf })))];
        drafts.forEach((step, i) => {
          const { draft, gap, replayOf } = 'draft' in step ? step : { draft: step, gap: 0, replayOf: null };
          now += gap;
          // Sometimes redeliver an earlier command id: it must decide nothing new if it was applied.
          const commandId = replayOf !== null && i > 0 ? `c${replayOf % i}` : `c${i}`;
          const command = { ...draft, meta: { now: new Date(now), commandId } } as UserCommand;
          let events: readonly UserEvent[] = [];
          try {
            events = decide(command, state);
          } catch (error) {
            if (!isDomainError(error)) throw error;
          }
          if (state.recentCommandIds.includes(commandId)) expect(events).toEqual([]);
          state = events.reduce(evolve, state);
          log.push(...events);
          assertInvariants(state);
          const completion = profileCompletion(state.profile);
          expect(completion >= 0 && completion <= 100).toBe(true);
          if (state.status === 'active' || state.status === 'paused') expect(isProfileComplete(state.profile)).toBe(true);
        });
        expect(fold(log)).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });
});
