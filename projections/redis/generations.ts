// Zero-downtime rebuilds: the cache lives in generations, each a complete key space under its own prefix (`p` for
// generation 0, `p.g<n>` after), and a pointer key (`p.generation`) says which one is live. rebuildBeside() replays
// the log into the next generation while readers and the live runner keep using the current one, then moves the
// pointer in one SET and deletes the old generation. Readers resolve the pointer per request; the runner's target
// resolves it per batch, so after a swap its next batch meets the new generation's checkpoint, the fence reports a
// moved checkpoint, and the runner resumes from there. A flush removes the pointer too: generation 0, cold, replay.
import type { EventStore } from '../../actors/eventStore/types.js';
import type { ProjectionTarget } from '../runner/types.js';
import { createCacheReader, type CacheReader } from './cacheReader.js';
import { createRedisCacheProjection, REDIS_CACHE_PROJECTION, type RebuildProgress, type RedisCacheProjection } from './cacheProjection.js';
import type { RedisClient } from './client.js';
import { deleteByPattern } from './deleteByPattern.js';
import { redisCacheTarget } from './redisCacheTarget.js';

export interface GenerationalCacheOptions {
  readonly redis: RedisClient;
  readonly prefix: string;
  readonly shards?: number;
  readonly store: Pick<EventStore, 'readStream' | 'readAll' | 'headCheckpoint'>;
}

export interface GenerationalCache {
  /** The live generation (0 when no pointer is stored). */
  generation(): Promise<number>;
  /** The key prefix of a generation. */
  prefixOf(generation: number): string;
  /** The runner target, always writing the live generation. */
  readonly target: ProjectionTarget;
  /** A reader of the live generation (resolve once per request). */
  reader(): Promise<CacheReader>;
  /** Rebuilds into the next generation, swaps the pointer, deletes older generations. Returns the new generation. */
  rebuildBeside(options?: RebuildBesideOptions): Promise<number>;
}

export interface RebuildBesideOptions {
  readonly batchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /**
   * How long the old generation stays after the swap, so reads that resolved it just before finish on it (a read
   * that still meets deleted keys is refused as unavailable and falls back to Postgres). Default 2000 ms.
   */
  readonly graceMs?: number;
}

export const generationKey = (prefix: string): string => `${prefix}.generation`;

export const createGenerationalCache = (options: GenerationalCacheOptions): GenerationalCache => {
  const { redis, prefix, store } = options;
  const shardOptions = options.shards === undefined ? {} : { shards: options.shards };
  const prefixOf = (generation: number): string => (generation === 0 ? prefix : `${prefix}.g${generation}`);
  const patternOf = (generation: number): string => `${prefixOf(generation)}:*`;
  const projections = new Map<number, RedisCacheProjection>();
  const readers = new Map<number, CacheReader>();

  const generation = async (): Promise<number> => {
    const stored = await redis.get(generationKey(prefix));
    const n = stored === null ? 0 : Number(stored);
    return Number.isInteger(n) && n >= 0 ? n : 0;
  };
  const projectionAt = (g: number): RedisCacheProjection => {
    let p = projections.get(g);
    if (p === undefined) projections.set(g, (p = createRedisCacheProjection({ redis, prefix: prefixOf(g), store, ...shardOptions })));
    return p;
  };
  const readerAt = (g: number): CacheReader => {
    let r = readers.get(g);
    if (r === undefined) readers.set(g, (r = createCacheReader({ redis, prefix: prefixOf(g), ...shardOptions })));
    return r;
  };
  const liveTarget = async (): Promise<ProjectionTarget> => redisCacheTarget(projectionAt(await generation()), store);

  return {
    generation,
    prefixOf,
    target: {
      name: REDIS_CACHE_PROJECTION,
      async prepare() {},
      checkpoint: async () => (await liveTarget()).checkpoint(),
      apply: async (events, expected, mode) => (await liveTarget()).apply(events, expected, mode),
    },
    reader: async () => readerAt(await generation()),
    async rebuildBeside(rebuildOptions = {}) {
      const live = await generation();
      const next = live + 1;
      await projectionAt(next).rebuild(rebuildOptions);
      await redis.set(generationKey(prefix), String(next));
      await new Promise((resolve) => setTimeout(resolve, rebuildOptions.graceMs ?? 2000));
      // Every older generation goes, also one a late batch of the old live runner wrote into after an earlier swap.
      for (let g = 0; g < next; g += 1) await deleteByPattern(redis, patternOf(g));
      for (let g = 0; g < next; g += 1) {
        projections.delete(g);
        readers.delete(g);
      }
      return next;
    },
  };
};
