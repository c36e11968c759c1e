// Reads of the cache. Every read that spans users asks each shard on its own (one command per shard, sent together
// by auto-pipelining) and merges in Node, because on a cluster the shards live in different slots.
import { compareUserIds } from '../../domain/matching/index.js';
import type { UserId } from '../../domain/user/index.js';
import type { RedisClient } from './client.js';
import { cacheKeys, DEFAULT_CACHE_SHARDS, type CacheKeys, type LanguagePair } from './keys.js';
import { COUNTER_FLAGS, parseCachedState, type CacheCounters, type CachedUser } from './userRecord.js';

export interface PoolEntry {
  readonly id: UserId;
  /** Last activity, epoch ms. */
  readonly lastActiveMs: number;
}

export interface CacheReader {
  readonly keys: CacheKeys;
  /** Every shard has caught up with the log at least once since its keys were created. */
  isWarm(): Promise<boolean>;
  user(id: UserId): Promise<CachedUser | null>;
  users(ids: readonly UserId[]): Promise<readonly (CachedUser | null)[]>;
  /** The pair's most recently active members, newest first (ties by id), at most `limit`. */
  pool(pair: LanguagePair, limit: number): Promise<readonly PoolEntry[]>;
  counters(): Promise<CacheCounters>;
}

export const comparePoolEntries = (a: PoolEntry, b: PoolEntry): number => b.lastActiveMs - a.lastActiveMs || compareUserIds(a.id, b.id);

const entriesOf = (reply: readonly string[]): PoolEntry[] => {
  const entries: PoolEntry[] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) entries.push({ id: reply[i] ?? '', lastActiveMs: Number(reply[i + 1]) });
  return entries;
};

export const createCacheReader = (options: { readonly redis: RedisClient; readonly prefix: string; readonly shards?: number }): CacheReader => {
  const { redis } = options;
  const keys = cacheKeys(options.prefix, options.shards ?? DEFAULT_CACHE_SHARDS);
  const shards = Array.from({ length: keys.shards }, (_, i) => i);

  const user = async (id: UserId): Promise<CachedUser | null> => {
    const [version, json] = await redis.hmget(keys.user(id), 'v', 's');
    return typeof version !== 'string' || typeof json !== 'string' ? null : { version: Number(version), state: parseCachedState(json) };
  };

  /**
   * One shard's top `limit` in our order. ZREVRANGE breaks score ties by member text, descending, which is not our
   * numeric id order; so when the shard has more, every member tied with the last score joins, and the merge decides.
   */
  const shardTop = async (key: string, limit: number): Promise<readonly PoolEntry[]> => {
    const top = entriesOf(await redis.zrevrange(key, 0, limit - 1, 'WITHSCORES'));
    const edge = top[top.length - 1];
    if (top.length < limit || edge === undefined) return top;
    const tied = entriesOf(await redis.zrangebyscore(key, edge.lastActiveMs, edge.lastActiveMs, 'WITHSCORES'));
    const seen = new Set(top.map((entry) => entry.id));
    return [...top, ...tied.filter((entry) => !seen.has(entry.id))];
  };

  return {
    keys,
    async isWarm() {
      const flags = await Promise.all(shards.map((shard) => redis.hget(keys.meta(shard), 'warm')));
      return flags.every((flag) => flag === '1');
    },
    user,
    users: (ids) => Promise.all(ids.map(user)),
    async pool(pair, limit) {
      if (limit <= 0) return [];
      const perShard = await Promise.all(shards.map((shard) => shardTop(keys.pool(shard, pair), limit)));
      return perShard.flat().sort(comparePoolEntries).slice(0, limit);
    },
    async counters() {
      const hashes = await Promise.all(shards.map((shard) => redis.hgetall(keys.counters(shard))));
      const sum = (flag: string): number => hashes.reduce((total, hash) => total + Number(hash[flag] ?? 0), 0);
      return Object.fromEntries(COUNTER_FLAGS.map((flag) => [flag, sum(flag)])) as CacheCounters;
    },
  };
};
