// What must hold in every state the decider can reach. Property tests check it after random command sequences;
// the runtime may check it after loading a snapshot. Returns the broken rules (empty when the state is valid).
import { MAX_CLOSED_TANDEMS_KEPT, MAX_PENDING_OUTGOING_REQUESTS, RATING_MAX, RATING_MIN } from '../tandem/rules.js';
import { isOpen } from '../tandem/types.js';
import { isProfileComplete } from './completion.js';
import { MAX_BIO_CHARACTERS, RECENT_COMMAND_IDS_LIMIT } from './limits.js';
import { emptyCounters, emptyProfile, type UserState } from './state.js';
import { countCharacters } from './text.js';

const sortedUnique = (values: readonly string[]): boolean => values.every((v, i) => i === 0 || (values[i - 1] as string) < v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export const invariantViolations = (state: UserState): readonly string[] => {
  const broken: string[] = [];
  const rule = (holds: boolean, name: string): void => {
    if (!holds) broken.push(name);
  };
  const { status, tandems } = state;
  const open = tandems.filter((t) => isOpen(t.status));
  // A tombstone keeps it too when the user was forgotten while banned (the ban outlives the forget).
  rule(status === 'forgotten' || (status === 'banned') === (state.statusBeforeBan !== null), 'statusBeforeBan is set exactly while banned');
  rule((status === 'new') === (state.userId === null), 'a user id is known exactly once started');
  if (status === 'new') rule(same(state.profile, emptyProfile) && tandems.length === 0, 'a new user has no data');
  if (status === 'forgotten')
    rule(
      same(state.profile, emptyProfile) && tandems.length === 0 && state.blocked.length === 0 && same(state.counters, emptyCounters) &&
        Object.keys(state.declinedBy).length + Object.keys(state.declinedByMe).length === 0 && state.forgottenAt !== null,
      'a forgotten user is a tombstone',
    );
  if (status === 'active' || status === 'paused') rule(isProfileComplete(state.profile), 'active and paused profiles are complete');
  if (status !== 'active' && status !== 'paused') rule(open.length === 0, 'only active or paused users have open tandems');
  rule(sortedUnique(state.blocked), 'blocked users are sorted and unique');
  rule(state.userId === null || !state.blocked.includes(state.userId), 'nobody blocks themself');
  rule(new Set(tandems.map((t) => t.id)).size === tandems.length, 'tandem ids are unique');
  rule(tandems.every((t) => t.peer !== state.userId), 'no tandem with oneself');
  rule(new Set(open.map((t) => t.peer)).size === open.length, 'at most one open tandem per peer');
  rule(open.every((t) => !state.blocked.includes(t.peer)), 'no open tandem with a blocked user');
  rule(
    tandems.filter((t) => t.role === 'requester' && t.status === 'requested').length <= MAX_PENDING_OUTGOING_REQUESTS,
    'at most MAX_PENDING_OUTGOING_REQUESTS pending outgoing requests',
  );
  rule(tandems.filter((t) => !isOpen(t.status)).length <= MAX_CLOSED_TANDEMS_KEPT, 'closed tandems are pruned');
  rule(tandems.every((t) => t.role === 'target' || t.status !== 'accepted'), 'only the target waits in accepted');
  rule(tandems.every((t) => (t.status === 'active' || t.status === 'ended') === (t.channel !== null)), 'a channel exactly once started');
  rule(tandems.every((t) => t.ratingGiven === null || t.status === 'ended'), 'ratings are given on ended tandems only');
  const inRange = (r: number | null): boolean => r === null || (Number.isInteger(r) && r >= RATING_MIN && r <= RATING_MAX);
  rule(tandems.every((t) => inRange(t.ratingGiven) && inRange(t.ratingReceived)), 'ratings are 1–5');
  const c = state.counters;
  rule(
    c.ratingsReceivedSum >= RATING_MIN * c.ratingsReceived && c.ratingsReceivedSum <= RATING_MAX * c.ratingsReceived,
    'received ratings sum is consistent with their count',
  );
  rule(Object.values(c).every((n) => Number.isInteger(n) && n >= 0), 'counters are natural numbers');
  rule(countCharacters(state.profile.bio) <= MAX_BIO_CHARACTERS, 'the bio fits');
  rule(
    state.recentCommandIds.length <= RECENT_COMMAND_IDS_LIMIT && new Set(state.recentCommandIds).size === state.recentCommandIds.length,
    'recent command ids are bounded and unique',
  );
  return broken;
};

export const assertInvariants = (state: UserState): void => {
  const broken = invariantViolations(state);
  if (broken.length > 0) throw new Error(`invalid user state: ${broken.join('; ')}`);
};
