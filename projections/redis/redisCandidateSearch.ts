// Candidate search from the cache: the viewer's record gives the pairs to look in, the pools give the most recently
// active members, their records give the profiles. A cold cache or a viewer it does not know yet is not an answer
// ("nobody matches") but a refusal, so the caller can ask Postgres instead. Profiles come in canonical form
// (canonicalCandidate), the form the Postgres source gives too.
import { candidateFromState, type CandidateProfile } from '../../domain/matching/index.js';
import { canonicalCandidate } from '../analytics/candidates/canonicalCandidate.js';
import { CandidateSourceUnavailable, validLimit, type CandidateSearch } from '../analytics/candidates/candidateSearch.js';
import { comparePoolEntries, type CacheReader, type PoolEntry } from './cacheReader.js';
import type { LanguagePair } from './keys.js';

export interface RedisCandidateSearchOptions {
  /** A reader, or a way to get the live generation's reader per request (GenerationalCache.reader). */
  readonly reader: CacheReader | (() => Promise<CacheReader>);
  /** Availability is stored in local time and turned into this week's UTC hours at read time. */
  readonly now?: () => Date;
}

export const createRedisCandidateSearch = ({ reader: readerOption, now = () => new Date() }: RedisCandidateSearchOptions): CandidateSearch => ({
  async findCandidates(viewerId, options) {
    const limit = validLimit(options.limit);
    const reader = typeof readerOption === 'function' ? await readerOption() : readerOption;
    if (!(await reader.isWarm())) throw new CandidateSourceUnavailable('cold', 'the candidate cache is being built');
    const viewer = await reader.user(viewerId);
    if (viewer === null) throw new CandidateSourceUnavailable('viewer_unknown', `user ${viewerId} is not in the cache yet`);
    if (limit === 0) return [];
    const { nativeLanguages, learningLanguages } = viewer.state.profile;
    // Partners speak natively what the viewer learns, and learn what the viewer speaks.
    const pairs: LanguagePair[] = learningLanguages.flatMap((skill) => nativeLanguages.map((native) => ({ native: skill.code, learning: native })));
    const best = new Map<string, PoolEntry>();
    for (const entries of await Promise.all(pairs.map((pair) => reader.pool(pair, limit + 1)))) {
      for (const entry of entries) if (entry.id !== viewerId && !best.has(entry.id)) best.set(entry.id, entry);
    }
    const chosen = [...best.values()].sort(comparePoolEntries).slice(0, limit);
    const records = await reader.users(chosen.map((entry) => entry.id));
    const at = now();
    return records.flatMap((record): CandidateProfile[] => {
      const profile = record === null ? null : candidateFromState(record.state, at);
      return profile === null ? [] : [canonicalCandidate(profile, at)];
    });
  },
});
