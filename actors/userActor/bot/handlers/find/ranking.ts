// The viewer's ranked candidates: the read side's pool for their language pairs, then the domain's eligibility and
// score (domain/matching), with the viewer's side taken from their own state (always current).
import { candidateFromState, ineligibility, topN, type CandidateProfile, type RankedCandidate } from '../../../../../domain/matching/index.js';
import type { UserState } from '../../../../../domain/user/index.js';
import type { UserDirectory } from '../../../ports/userDirectory.js';

/** How many users the read side is asked for, and how many of them are ranked for browsing. */
export const POOL_SIZE = 200;
export const RANKED_SIZE = 50;

export interface Ranking {
  readonly viewer: CandidateProfile;
  readonly pool: readonly CandidateProfile[];
  readonly ranked: readonly RankedCandidate[];
}

export const rank = async (directory: UserDirectory, state: UserState, now: Date): Promise<Ranking | null> => {
  const viewer = candidateFromState(state, now);
  if (viewer === null) return null;
  const found = await directory.candidates(viewer.id, POOL_SIZE);
  // The read side keys by user id, but a source answering a user twice must not break ranking.
  const seen = new Set<string>();
  const pool = found.filter((candidate) => candidate.id !== viewer.id && !seen.has(candidate.id) && (seen.add(candidate.id), true));
  return { viewer, pool, ranked: topN(viewer, pool, RANKED_SIZE, now) };
};

export type Advice = 'languages' | 'availability' | 'taken';

/**
 * What to change when nobody fits: nobody with the viewer's language pairs at all → add a language; some have them
 * but are free at other times → widen availability; otherwise everyone who fits is already in touch or declined.
 */
export const adviceFor = (ranking: Ranking, now: Date): Advice => {
  const reasons = ranking.pool.map((candidate) => ineligibility(ranking.viewer, candidate, now));
  const paired = reasons.filter((r) => !r.includes('no_reciprocal_language') && !r.includes('not_active'));
  if (paired.length === 0) return 'languages';
  if (paired.some((r) => r.includes('no_overlap'))) return 'availability';
  return 'taken';
};

/**
 * The candidate to show after `current`: the next one in rank order that was not skipped, wrapping around to the
 * top; null when nobody else is left. With no current one, the best not skipped.
 */
export const nextCandidate = (ranked: readonly RankedCandidate[], current: string | null, skipped: readonly string[]): RankedCandidate | null => {
  const open = ranked.filter((candidate) => !skipped.includes(candidate.id));
  if (current === null) return open[0] ?? null;
  const at = ranked.findIndex((candidate) => candidate.id === current);
  const after = at < 0 ? open : [...ranked.slice(at + 1), ...ranked.slice(0, at)].filter((candidate) => !skipped.includes(candidate.id));
  return after.find((candidate) => candidate.id !== current) ?? null;
};
