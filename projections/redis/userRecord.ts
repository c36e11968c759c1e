// What the cache keeps per user: the fold of the user's stream (the domain's own evolve, so the cache and the actor
// can never disagree on what a stream means) stamped with the stream version it folds up to, plus what the batch
// script needs to maintain pools and counters without parsing JSON: the user's flags and pool memberships.
import { isProfileComplete, type UserState } from '../../domain/user/index.js';
import { pairCode, type LanguagePair } from './keys.js';

/** Counter names; a user's flags say which counters include them. */
export const COUNTER_FLAGS = ['total', 'active', 'complete', 'onboarding', 'paused', 'banned', 'forgotten'] as const;
export type CounterFlag = (typeof COUNTER_FLAGS)[number];
export type CacheCounters = Readonly<Record<CounterFlag, number>>;

export interface CachedUser {
  /** Stream version of the last event folded in; a write carrying an older or equal version is ignored. */
  readonly version: number;
  readonly state: UserState;
}

/** The fields the batch script writes for one user. */
export interface UserWrite {
  readonly id: string;
  readonly version: number;
  readonly stateJson: string;
  readonly flags: readonly CounterFlag[];
  readonly pools: readonly string[];
  /** Pool score: last activity in epoch ms. */
  readonly score: number;
}

export const flagsOf = (state: UserState): readonly CounterFlag[] => {
  if (state.userId === null) return [];
  if (state.status === 'forgotten') return ['forgotten'];
  const flags: CounterFlag[] = ['total'];
  if (state.status === 'active') flags.push('active');
  if (isProfileComplete(state.profile)) flags.push('complete');
  if (state.status === 'onboarding' || state.status === 'paused' || state.status === 'banned') flags.push(state.status);
  return flags;
};

/**
 * The pools a user belongs to: every (native, learning) pair of their profile, but only while they can be offered
 * at all (active with a complete profile). Paused, banned, forgotten and incomplete users are in none.
 */
export const poolsOf = (state: UserState): readonly LanguagePair[] => {
  if (state.status !== 'active' || !isProfileComplete(state.profile)) return [];
  return state.profile.nativeLanguages.flatMap((native) => state.profile.learningLanguages.map((skill) => ({ native, learning: skill.code })));
};

/** The dedup memory is the actor's business and only grows the cached JSON, so the cache drops it. */
const cacheable = (state: UserState): UserState => (state.recentCommandIds.length === 0 ? state : { ...state, recentCommandIds: [] });

export const userWrite = (id: string, user: CachedUser): UserWrite => {
  const state = cacheable(user.state);
  const lastActive = state.lastActiveAt === null ? 0 : Date.parse(state.lastActiveAt);
  return {
    id,
    version: user.version,
    stateJson: JSON.stringify(state),
    flags: flagsOf(state),
    pools: poolsOf(state).map(pairCode),
    score: Number.isFinite(lastActive) ? lastActive : 0,
  };
};

export const parseCachedState = (json: string): UserState => JSON.parse(json) as UserState;
