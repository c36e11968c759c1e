// Public surface of analytics: the queries behind /api/v1 and the candidate search port with its Postgres source.
export * from './queries/index.js';
export { CandidateSourceUnavailable, MAX_CANDIDATES, type CandidateSearch, type FindCandidatesOptions } from './candidates/candidateSearch.js';
export { createPostgresCandidateSearch, type PostgresCandidateSearchOptions } from './candidates/postgresCandidateSearch.js';
export { withFallback, type CacheHitMetrics, type CacheMissReason, type FallbackOptions } from './candidates/withFallback.js';
export { canonicalCandidate } from './candidates/canonicalCandidate.js';
export { createMemoryCandidateSearch } from './candidates/memoryCandidateSearch.js';
