// Builds the Redis client from the configured shape: one server (`REDIS_URL`, whose path selects the database,
// `redis://host:6379/3`) or a Redis Cluster (`REDIS_CLUSTER_NODES`). ioredis parses the database index from the
// URL itself; we pass it through unchanged.
import { Cluster, Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;

export type RedisTarget =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'cluster'; readonly nodes: readonly string[] };

export interface RedisClientOptions {
  /**
   * Fail commands at once while disconnected instead of queueing them. Readers want this (they fall back to
   * Postgres); the projection writer does not (it waits for Redis to come back).
   */
  readonly failFast?: boolean;
  /** Bound on one command's wait, so a hung server turns into an error the caller can handle. */
  readonly commandTimeoutMs?: number;
}

const node = (text: string): { host: string; port: number } => {
  const at = text.lastIndexOf(':');
  return { host: text.slice(0, at), port: Number(text.slice(at + 1)) };
};

export const createRedisClient = (target: RedisTarget, options: RedisClientOptions = {}): RedisClient => {
  const failFast = options.failFast ?? false;
  const common = {
    // Pipelines commands issued in the same tick per node: the fan-out reads (one command per shard) and the
    // batch scripts go out in one round trip without the caller building pipelines, also on a cluster.
    enableAutoPipelining: true,
    enableOfflineQueue: !failFast,
    maxRetriesPerRequest: failFast ? 0 : null,
    ...(options.commandTimeoutMs === undefined ? {} : { commandTimeout: options.commandTimeoutMs }),
  };
  if (target.kind === 'url') return new Redis(target.url, common);
  return new Cluster(target.nodes.map(node), {
    enableAutoPipelining: true,
    enableOfflineQueue: !failFast,
    redisOptions: { maxRetriesPerRequest: common.maxRetriesPerRequest, ...(options.commandTimeoutMs === undefined ? {} : { commandTimeout: options.commandTimeoutMs }) },
  });
};

/** The nodes holding data: the server itself, or every master of a cluster (SCAN sees one node's keys only). */
export const dataNodes = (client: RedisClient): readonly Redis[] => (client instanceof Cluster ? client.nodes('master') : [client]);

/** For /ready: resolves when Redis answers (every master of a cluster), throws otherwise. */
export const probeRedis = async (client: RedisClient): Promise<string> => {
  await Promise.all(dataNodes(client).map((node) => node.ping()));
  return client instanceof Cluster ? `cluster, ${dataNodes(client).length} masters` : 'ok';
};
