// Public surface of the Redis caches: the projection (and its runner target), the reader, candidate search from
// the cache, the client factory and the cache metrics.
export { createRedisClient, probeRedis, type RedisClient, type RedisClientOptions, type RedisTarget } from './client.js';
export { createRedisCacheProjection, REDIS_CACHE_PROJECTION, type RedisCacheProjection, type RedisCacheProjectionOptions, type RebuildProgress } from './cacheProjection.js';
export { redisCacheTarget } from './redisCacheTarget.js';
export { createGenerationalCache, generationKey, type GenerationalCache, type GenerationalCacheOptions } from './generations.js';
export { createCacheReader, type CacheReader, type PoolEntry } from './cacheReader.js';
export { createRedisCandidateSearch, type RedisCandidateSearchOptions } from './redisCandidateSearch.js';
export { createCacheMetrics, type CacheMetrics } from './cacheMetrics.js';
export { cacheKeys, DEFAULT_CACHE_SHARDS, pairCode, type CacheKeys, type LanguagePair } from './keys.js';
export { COUNTER_FLAGS, type CacheCounters, type CounterFlag } from './userRecord.js';
export { deleteByPattern } from './deleteByPattern.js';
