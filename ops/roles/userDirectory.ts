// The user actors' view of other users (the UserDirectory port): the read models in DATABASE_URL (the embedded
// PostgreSQL on a single node), with the Redis candidate cache in front when Redis is configured. Without a
// read-model database (an actors-only process on KurrentDB) the in-memory twin answers: /find then finds nobody.
import { createMemoryUserDirectory, type UserDirectory } from '../../actors/userActor/ports/index.js';
import { createPostgresCandidateSearch, withFallback } from '../../projections/analytics/index.js';
import { createReadModelDirectory } from '../../projections/directory/index.js';
import { createCacheMetrics, createGenerationalCache, createRedisCandidateSearch, createRedisClient } from '../../projections/redis/index.js';
import type { Infrastructure } from './infrastructure.js';

export const openUserDirectory = async (infra: Infrastructure): Promise<UserDirectory> => {
  const { config, logger } = infra;
  if (config.databaseUrl === undefined) {
    logger.warn('no DATABASE_URL: /find has no read models to search');
    return createMemoryUserDirectory();
  }
  const pool = await infra.database();
  const postgres = createPostgresCandidateSearch({ pool });
  if (config.redis === undefined) return createReadModelDirectory({ pool, search: postgres });
  const redis = createRedisClient(config.redis);
  infra.onClose(async () => {
    redis.disconnect();
  });
  const cache = createGenerationalCache({ redis, prefix: config.natsPrefix, store: await infra.eventStore() });
  const search = withFallback({
    primary: createRedisCandidateSearch({ reader: () => cache.reader() }),
    fallback: postgres,
    metrics: createCacheMetrics(infra.metrics.registry),
    onMiss: (reason, error) => logger.debug({ reason, err: error }, 'candidate cache missed; asking Postgres'),
  });
  return createReadModelDirectory({ pool, search });
};
