// The best N eligible candidates for a viewer, in a deterministic order: score descending, then user id ascending
// in numeric order, so the input order of the candidates never matters.
import type { UserId } from '../user/ids.js';
import type { CandidateProfile } from './candidate.js';
import { isEligible } from './eligibility.js';
import { scoreCandidate, type MatchScore } from './score.js';

export interface RankedCandidate {
  readonly id: UserId;
  readonly score: MatchScore;
}

/** Numeric order of decimal ids without converting them (they can exceed 2^53 in principle). */
export const compareUserIds = (a: UserId, b: UserId): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

export const compareRanked = (a: RankedCandidate, b: RankedCandidate): number => b.score.total - a.score.total || compareUserIds(a.id, b.id);

/** Candidates must have distinct ids (a read model keyed by user id); duplicates are a caller bug. */
export const topN = (viewer: CandidateProfile, candidates: readonly CandidateProfile[], n: number, now: Date): readonly RankedCandidate[] => {
  const ids = new Set<UserId>();
  for (const c of candidates) {
    if (ids.has(c.id)) throw new TypeError(`topN: duplicate candidate ${c.id}`);
    ids.add(c.id);
  }
  if (n <= 0) return [];
  return candidates
    .filter((candidate) => isEligible(viewer, candidate, now))
    .map((candidate) => ({ id: candidate.id, score: scoreCandidate(viewer, candidate, now) }))
    .sort(compareRanked)
    .slice(0, n);
};
