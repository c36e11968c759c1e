// The in-memory twin of the candidate search port, over a set of profiles: the same list rules as the Redis and
// Postgres sources (see candidateSearch.ts), for the user actor's tests and a process without Redis or Postgres.
import { compareUserIds, type CandidateProfile } from '../../../domain/matching/index.js';
import { canonicalCandidate } from './canonicalCandidate.js';
import { validLimit, type CandidateSearch } from './candidateSearch.js';

const lastActive = (profile: CandidateProfile): number => (profile.lastActiveAt === null ? 0 : Date.parse(profile.lastActiveAt));

export const createMemoryCandidateSearch = (profiles: () => Iterable<CandidateProfile>, now: () => Date = () => new Date()): CandidateSearch => ({
  async findCandidates(viewerId, options) {
    const limit = validLimit(options.limit);
    const all = [...profiles()];
    const viewer = all.find((p) => p.id === viewerId);
    if (viewer === undefined || limit === 0) return [];
    const learns = new Set(viewer.learning.map((skill) => skill.code));
    const speaks = new Set<string>(viewer.native);
    const at = now();
    return all
      .filter((p) => p.id !== viewerId && p.status === 'active' && p.profileComplete)
      .filter((p) => p.native.some((code) => learns.has(code)) && p.learning.some((skill) => speaks.has(skill.code)))
      .sort((a, b) => lastActive(b) - lastActive(a) || compareUserIds(a.id, b.id))
      .slice(0, limit)
      .map((p) => canonicalCandidate(p, at));
  },
});
