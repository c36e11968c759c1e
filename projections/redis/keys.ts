// Every Redis key of the cache projection, named in one place.
//
// Cluster safety: the projection spreads users over SHARDS groups. Every key of one group carries the same hash tag
// `{<prefix>:<shard>}` (Redis Cluster hashes only the text inside the first braces), so the group's user records,
// its candidate pools, its counters and its checkpoint all live in one slot. The batch script of one group touches
// only that group's keys, which makes it atomic and legal on a cluster. Reads that need every group (a pool, the
// counters) ask each group separately and merge in Node. The shard of a user never changes (a hash of the id), and
// changing the shard count means a rebuild.
import { createHash } from 'node:crypto';
import type { UserId } from '../../domain/user/index.js';

export const DEFAULT_CACHE_SHARDS = 16;

/** An ordered language pair: users native in `native` who learn `learning`. */
export interface LanguagePair {
  readonly native: string;
  readonly learning: string;
}

/** The pair's code as it appears in key names and in a record's pool list: "en:ru". */
export const pairCode = (pair: LanguagePair): string => `${pair.native}:${pair.learning}`;

export const shardOf = (userId: UserId, shards: number): number => createHash('sha1').update(userId).digest().readUInt32BE(0) % shards;

export interface CacheKeys {
  readonly prefix: string;
  readonly shards: number;
  /** Every key of the projection matches this glob (for SCAN when rebuilding or cleaning up). */
  readonly pattern: string;
  /** The text all keys of one shard start with; the batch script appends `u:<id>` or `pool:<pair>` to it. */
  base(shard: number): string;
  /** Hash: checkpoint (`cp`) and `warm` (caught up with the log once since the keys were created). */
  meta(shard: number): string;
  /** Hash of counters (total, active, complete, onboarding, paused, banned, forgotten). */
  counters(shard: number): string;
  /** Hash of one user: stream version `v`, state JSON `s`, flags `f`, pools `p`. */
  user(userId: UserId): string;
  /** Sorted set of the pair's pool in one shard, scored by last activity (epoch ms). */
  pool(shard: number, pair: LanguagePair): string;
  shardOf(userId: UserId): number;
}

export const cacheKeys = (prefix: string, shards = DEFAULT_CACHE_SHARDS): CacheKeys => {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix)) throw new TypeError(`cache key prefix must be 1–64 of A–Z a–z 0–9 _ . - (got ${JSON.stringify(prefix)})`);
  if (!Number.isInteger(shards) || shards < 1 || shards > 1024) throw new TypeError(`cache shards must be 1–1024 (got ${shards})`);
  const base = (shard: number): string => `${prefix}:{${prefix}:${shard}}:`;
  const shard = (userId: UserId): number => shardOf(userId, shards);
  return {
    prefix,
    shards,
    pattern: `${prefix}:*`,
    base,
    meta: (s) => `${base(s)}meta`,
    counters: (s) => `${base(s)}counters`,
    user: (userId) => `${base(shard(userId))}u:${userId}`,
    pool: (s, pair) => `${base(s)}pool:${pairCode(pair)}`,
    shardOf: shard,
  };
};
