// DomainErrors the domain really throws, caught from the user decider, for the codes whose errors carry details:
// their messages are formatted with exactly these details. Peer commands (cross-actor) are left out: their refusals
// never reach a user as a reply.
import { isDomainError, type DomainError, type UserErrorCode } from '../../../domain/errors.js';
import { MAX_RATING_COMMENT_CHARACTERS, tandemIdFor } from '../../../domain/tandem/index.js';
import {
  MAX_BIO_CHARACTERS,
  MAX_FEEDBACK_CHARACTERS,
  MAX_REPORT_COMMENT_CHARACTERS,
  MIN_FEEDBACK_CHARACTERS,
  userDecider,
  type UserCommand,
  type UserEvent,
} from '../../../domain/user/index.js';
import { activeEvents, command, event, ME, OTHER, PEER } from '../support/users.js';

interface Scenario {
  readonly expected: UserErrorCode;
  readonly given: readonly UserEvent[];
  readonly when: UserCommand;
}

const id = tandemIdFor('tg:7');
const active = activeEvents(ME);
const requested = (peer: string, commandId: string): UserEvent =>
  event('PartnerRequested', { requestId: tandemIdFor(commandId), peer }, commandId);
const ended = [
  ...active,
  event('PartnerRequested', { requestId: id, peer: PEER }, 'tg:7'),
  event('PartnerRequestAccepted', { requestId: id }, 'x'),
  event('TandemStarted', { requestId: id, channel: 'contact' }, 'x'),
  event('TandemEnded', { requestId: id, reason: 'by_peer' }, 'e'),
];

/** One scenario per way a detailed error is thrown (each validator path, each limit). */
export const SCENARIOS: readonly Scenario[] = [
  { expected: 'invalid_languages', given: active, when: command('SetNativeLanguages', { languages: [] }) },
  { expected: 'invalid_languages', given: active, when: command('SetLearningLanguages', { languages: [{ code: 'en', level: 'B1' }] }) },
  { expected: 'invalid_interests', given: active, when: command('SetInterests', { interests: [], primary: [] }) },
  {
    expected: 'invalid_availability',
    given: active,
    when: command('SetAvailability', { availability: { timeZone: 'Nowhere/Place', days: { kind: 'any' }, slots: ['day'] } }),
  },
  { expected: 'bio_too_long', given: active, when: command('SetBio', { bio: 'a'.repeat(MAX_BIO_CHARACTERS + 1) }) },
  { expected: 'feedback_length', given: active, when: command('SendFeedback', { text: 'x'.repeat(MIN_FEEDBACK_CHARACTERS - 1) }) },
  { expected: 'feedback_length', given: active, when: command('SendFeedback', { text: 'y'.repeat(MAX_FEEDBACK_CHARACTERS + 1) }) },
  {
    expected: 'comment_too_long',
    given: active,
    when: command('ReportUser', { target: PEER, reason: 'other', comment: 'z'.repeat(MAX_REPORT_COMMENT_CHARACTERS + 1) }),
  },
  {
    expected: 'comment_too_long',
    given: ended,
    when: command('RateTandem', { requestId: id, rating: 3, comment: 'z'.repeat(MAX_RATING_COMMENT_CHARACTERS + 1) }),
  },
  {
    expected: 'too_many_pending_requests',
    given: [...active, requested('4004', 'r0'), requested('5005', 'r1'), requested('6006', 'r2')],
    when: command('RequestPartner', { target: OTHER }),
  },
  { expected: 'invalid_rating', given: ended, when: command('RateTandem', { requestId: id, rating: 0, comment: null }) },
];

export const thrownBy = (scenario: Scenario): DomainError => {
  const state = scenario.given.reduce(userDecider.evolve, userDecider.initialState());
  try {
    userDecider.decide(scenario.when, state);
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error(`${scenario.when.type} did not throw ${scenario.expected}`);
};
