// Each test gets its own key prefix on the shared Redis and deletes exactly its keys afterwards (never FLUSHDB: other
// runs use the same server).
import { randomUUID } from 'node:crypto';
import { createRedisClient, type RedisClient } from '../../../../projections/redis/client.js';
import { deleteByPattern } from '../../../../projections/redis/deleteByPattern.js';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRedis {
  readonly redis: RedisClient;
  readonly prefix: string;
  /** Deletes the prefix's keys: what flushing the cache means for one deployment. */
  flush(): Promise<number>;
  close(): Promise<void>;
}

export const createTestRedis = (url = TEST_REDIS_URL): TestRedis => {
  const prefix = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const redis = createRedisClient({ kind: 'url', url });
  // `${prefix}*` also takes later cache generations (`${prefix}.g1:…`) and their pointer (`${prefix}.generation`).
  const flush = (): Promise<number> => deleteByPattern(redis, `${prefix}*`);
  return {
    redis,
    prefix,
    flush,
    async close() {
      await flush();
      redis.disconnect();
    },
  };
};
