// The cache first, Postgres when the cache cannot answer (down, cold, rebuilding, or behind on this viewer). Every
// call counts as a hit or a miss of the cache, which is the cache hit ratio operators watch (target > 80 %).
import { CandidateSourceUnavailable, type CandidateSearch } from './candidateSearch.js';

export type CacheMissReason = CandidateSourceUnavailable['reason'];

/** The narrow metric shapes this needs; prom-client counters fit (projections/redis/cacheMetrics.ts builds them). */
export interface CacheHitMetrics {
  readonly cacheHits: { inc(labels: { cache: string }): void };
  readonly cacheMisses: { inc(labels: { cache: string; reason: CacheMissReason }): void };
}

export interface FallbackOptions {
  readonly primary: CandidateSearch;
  readonly fallback: CandidateSearch;
  readonly metrics: CacheHitMetrics;
  /** Told why the cache did not answer (log at debug: a cold cache during a rebuild is expected). */
  readonly onMiss?: (reason: CacheMissReason, error: unknown) => void;
}

const CACHE = 'candidates';

export const withFallback = ({ primary, fallback, metrics, onMiss }: FallbackOptions): CandidateSearch => ({
  async findCandidates(viewerId, options) {
    try {
      const found = await primary.findCandidates(viewerId, options);
      metrics.cacheHits.inc({ cache: CACHE });
      return found;
    } catch (error) {
      if (error instanceof RangeError) throw error;
      const reason: CacheMissReason = error instanceof CandidateSourceUnavailable ? error.reason : 'unreachable';
      metrics.cacheMisses.inc({ cache: CACHE, reason });
      onMiss?.(reason, error);
      return fallback.findCandidates(viewerId, options);
    }
  },
});
