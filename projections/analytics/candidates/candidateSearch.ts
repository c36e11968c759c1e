// The candidate search port: the profiles a viewer may be offered, for the viewer's language pairs. The user actor
// consumes it for /find (the actor declares the port it needs; ops wires this implementation to it).
//
// What it returns: users native in a language the viewer learns who learn a language the viewer speaks natively,
// active with a complete profile, not the viewer; most recently active first (ties by id), at most `limit`. The
// domain's eligibility and scoring (domain/matching) then rank them: blocks, declines, open tandems and schedule
// overlap are the matcher's business, so every source answers the same list.
import type { CandidateProfile } from '../../../domain/matching/index.js';
import type { UserId } from '../../../domain/user/index.js';

export interface FindCandidatesOptions {
  readonly limit: number;
}

export interface CandidateSearch {
  findCandidates(viewerId: UserId, options: FindCandidatesOptions): Promise<readonly CandidateProfile[]>;
}

/** A source that cannot answer right now (cold cache, viewer unknown to it); callers fall back to another one. */
export class CandidateSourceUnavailable extends Error {
  constructor(
    readonly reason: 'cold' | 'viewer_unknown' | 'unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'CandidateSourceUnavailable';
  }
}

export const MAX_CANDIDATES = 200;

export const validLimit = (limit: number): number => {
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_CANDIDATES) throw new RangeError(`limit must be 0–${MAX_CANDIDATES} (got ${limit})`);
  return limit;
};
