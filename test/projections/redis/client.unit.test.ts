import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisClient } from '../../../projections/redis/index.js';

describe('redis client', () => {
  it('builds a cluster client from REDIS_CLUSTER_NODES and a single client from REDIS_URL with its database', () => {
    const cluster = createRedisClient({ kind: 'cluster', nodes: ['127.0.0.1:7000', '127.0.0.1:7001'] });
    cluster.on('error', () => undefined);
    expect(cluster).toBeInstanceOf(Cluster);
    expect((cluster as unknown as { startupNodes: unknown }).startupNodes).toEqual([{ host: '127.0.0.1', port: 7000 }, { host: '127.0.0.1', port: 7001 }]);
    cluster.disconnect();
    const single = createRedisClient({ kind: 'url', url: 'redis://127.0.0.1:6379/3' });
    expect(single).toBeInstanceOf(Redis);
    expect((single as Redis).options.db).toBe(3);
    single.disconnect();
  });
});
