// The Redis cache projection: folds each user's stream into a version-stamped record and keeps the candidate pools
// and counters in step, one atomic script per shard per batch with the shard's checkpoint (Guarantee 5: Redis is
// derived and rebuildable). It cannot share the Postgres read models' transaction, so its checkpoint lives in Redis
// beside the data it covers; a batch delivered twice is ignored by the version stamps.
import { START, compareCheckpoints, type Checkpoint, type EventStore, type RecordedEvent } from '../../actors/eventStore/types.js';
import { evolve, initialState, userStreamName, type UserId } from '../../domain/user/index.js';
import { APPLY_BATCH_LUA, checkpointText } from './applyBatchScript.js';
import type { RedisClient } from './client.js';
import { decodeRecorded, decodeUserEvent, groupByUser, type DecodedEvent, type VersionedEvent } from './decodeUserEvents.js';
import { deleteByPattern } from './deleteByPattern.js';
import { cacheKeys, DEFAULT_CACHE_SHARDS, type CacheKeys } from './keys.js';
import { parseCachedState, userWrite, type UserWrite } from './userRecord.js';
import { CheckpointMovedError } from '../runner/types.js';

export const REDIS_CACHE_PROJECTION = 'redis-cache';

export interface RedisCacheProjectionOptions {
  readonly redis: RedisClient;
  /** Namespace of every key (two deployments or test runs can share one Redis). */
  readonly prefix: string;
  readonly shards?: number;
  /** Streams are read directly only to fill a gap: a user record lost (evicted) while the log moved on. */
  readonly store: Pick<EventStore, 'readStream' | 'readAll'>;
}

export interface RebuildProgress {
  readonly events: number;
  readonly checkpoint: Checkpoint;
}

export interface RedisCacheProjection {
  readonly name: string;
  readonly keys: CacheKeys;
  /** Where to resume: the oldest shard checkpoint, or null when the cache is cold (never built, flushed, evicted). */
  checkpoint(): Promise<Checkpoint | null>;
  /**
   * Applies one batch of the global log (in commit order) and moves every shard's checkpoint to its last event.
   * Throws when a user event does not decode (the runner target decides per event instead: see redisCacheTarget).
   */
  handle(events: readonly RecordedEvent[]): Promise<void>;
  /**
   * The same with the events already decoded, and the checkpoint the batch reaches. With `from` (the checkpoint the
   * caller read), nothing is written and CheckpointMovedError thrown when a shard's checkpoint is gone or behind it.
   */
  applyDecoded(events: readonly DecodedEvent[], through: Checkpoint, from?: Checkpoint): Promise<void>;
  /** Caught up with the log at `through`: readers may trust the cache from now on. */
  markWarm(through: Checkpoint): Promise<void>;
  isWarm(): Promise<boolean>;
  /** Deletes every key of the prefix. */
  clear(): Promise<number>;
  /** clear(), then the whole log from the start, then warm. */
  rebuild(options?: { readonly batchSize?: number; readonly onProgress?: (progress: RebuildProgress) => void }): Promise<RebuildProgress>;
}

type ApplyBatch = (meta: string, counters: string, ...args: (string | number)[]) => Promise<number>;
type MarkWarm = (meta: string, checkpoint: string, atStart: string) => Promise<number>;

// Warm only a shard whose checkpoint reached `through`. One without a checkpoint was flushed or evicted after the
// caller read it (then it stays cold, and the next batch's fence sends the runner back to a replay) — unless
// `through` is the log's start (ARGV[2] = '1'): an empty log leaves nothing to have lost.
const MARK_WARM_LUA = `
local current = redis.call('HGET', KEYS[1], 'cp')
if not current then
  if ARGV[2] ~= '1' then return 0 end
  redis.call('HSET', KEYS[1], 'cp', ARGV[1])
elseif current < ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'warm', '1')
return 1
`;

const parseCheckpointText = (text: string): Checkpoint => {
  const [commit, position] = text.split('/');
  return { commit: BigInt(commit ?? '0'), position: BigInt(position ?? '0') };
};

const shardIndexes = (shards: number): readonly number[] => Array.from({ length: shards }, (_, i) => i);

export const createRedisCacheProjection = (options: RedisCacheProjectionOptions): RedisCacheProjection => {
  const { redis, store } = options;
  const keys = cacheKeys(options.prefix, options.shards ?? DEFAULT_CACHE_SHARDS);
  const shards = shardIndexes(keys.shards);
  // Distinct names per prefix are not needed: the scripts are the same text, ioredis caches them by SHA.
  redis.defineCommand('lexbotCacheApplyBatch', { numberOfKeys: 2, lua: APPLY_BATCH_LUA });
  redis.defineCommand('lexbotCacheMarkWarm', { numberOfKeys: 1, lua: MARK_WARM_LUA });
  const scripts = redis as unknown as { lexbotCacheApplyBatch: ApplyBatch; lexbotCacheMarkWarm: MarkWarm };

  /** The stored record, or the empty state at version 0. */
  const load = async (id: UserId): Promise<{ version: number; state: ReturnType<typeof initialState> }> => {
    const [version, json] = await redis.hmget(keys.user(id), 'v', 's');
    if (typeof version !== 'string' || typeof json !== 'string') return { version: 0, state: initialState() };
    return { version: Number(version), state: parseCachedState(json) };
  };

  /** The events between the stored version and the batch's first one, when the record missed some. */
  const fillGap = async (id: UserId, from: number, until: number): Promise<readonly VersionedEvent[]> => {
    const missing = await store.readStream(userStreamName(id), { fromVersion: from, maxCount: until - from });
    return missing.map(decodeRecorded);
  };

  const writeFor = async (id: UserId, events: readonly VersionedEvent[]): Promise<UserWrite | null> => {
    const stored = await load(id);
    let pending = events.filter((e) => e.version > stored.version);
    const first = pending[0];
    if (first === undefined) return null;
    if (first.version > stored.version + 1) pending = [...(await fillGap(id, stored.version + 1, first.version)), ...pending];
    const state = pending.reduce((s, e) => (e.event === null ? s : evolve(s, e.event)), stored.state);
    return userWrite(id, { version: pending[pending.length - 1]?.version ?? stored.version, state });
  };

  const applyShard = (shard: number, writes: readonly UserWrite[], checkpoint: string, from: string): Promise<number> =>
    scripts.lexbotCacheApplyBatch(
      keys.meta(shard),
      keys.counters(shard),
      checkpoint,
      keys.base(shard),
      from,
      writes.length,
      ...writes.flatMap((w) => [w.id, w.version, w.stateJson, w.flags.join(','), w.score, w.pools.join(',')]),
    );

  const projection: RedisCacheProjection = {
    name: REDIS_CACHE_PROJECTION,
    keys,
    async checkpoint() {
      const stored = await Promise.all(shards.map((shard) => redis.hget(keys.meta(shard), 'cp')));
      if (stored.some((text) => text === null)) return null;
      return stored.map((text) => parseCheckpointText(text ?? '')).reduce((min, c) => (compareCheckpoints(c, min) < 0 ? c : min));
    },
    async handle(events) {
      const last = events[events.length - 1];
      if (last === undefined) return;
      const decoded = events.map(decodeUserEvent).filter((e): e is DecodedEvent => e !== null);
      await projection.applyDecoded(decoded, last.checkpoint);
    },
    async applyDecoded(events, through, from) {
      const groups = groupByUser(events);
      const writes = (await Promise.all([...groups].map(([id, group]) => writeFor(id, group)))).filter((w): w is UserWrite => w !== null);
      const byShard = new Map<number, UserWrite[]>(shards.map((shard) => [shard, []]));
      for (const write of writes) byShard.get(keys.shardOf(write.id))?.push(write);
      // Every shard's checkpoint moves, with or without users in this batch, so the oldest one keeps up.
      const checkpoint = checkpointText(through);
      // From the log's start there is nothing a flush could have taken: no fence.
      const fence = from === undefined || compareCheckpoints(from, START) === 0 ? '' : checkpointText(from);
      const applied = await Promise.all([...byShard].map(([shard, group]) => applyShard(shard, group, checkpoint, fence)));
      if (from !== undefined && applied.some((count) => count < 0)) throw new CheckpointMovedError(from, (await projection.checkpoint()) ?? START);
    },
    async markWarm(through) {
      const text = checkpointText(through);
      const atStart = compareCheckpoints(through, START) === 0 ? '1' : '0';
      await Promise.all(shards.map((shard) => scripts.lexbotCacheMarkWarm(keys.meta(shard), text, atStart)));
    },
    async isWarm() {
      const flags = await Promise.all(shards.map((shard) => redis.hget(keys.meta(shard), 'warm')));
      return flags.every((flag) => flag === '1');
    },
    clear: () => deleteByPattern(redis, keys.pattern),
    async rebuild(rebuildOptions = {}) {
      const batchSize = rebuildOptions.batchSize ?? 1000;
      await projection.clear();
      let checkpoint = START;
      let events = 0;
      for (;;) {
        const page = await store.readAll(checkpoint, batchSize);
        if (page.events.length === 0) break;
        await projection.handle(page.events);
        checkpoint = page.checkpoint;
        events += page.events.length;
        rebuildOptions.onProgress?.({ events, checkpoint });
      }
      await projection.markWarm(checkpoint);
      return { events, checkpoint };
    },
  };
  return projection;
};
