// The Redis side of `lexbot ops replay`: the caches are rebuilt into their next generation beside the live one
// (projections/redis/generations.ts), then the pointer moves. A poison event is handled as in the Postgres rebuild:
// `halt` stops the replay before the pointer moves (the live generation keeps serving), `skip` dead-letters it
// and goes on. Poison is found by the cache's own decoder, on the way from the log into the rebuild.
import type { Checkpoint, EventStore, ReadAllResult } from '../../actors/eventStore/types.js';
import type pg from 'pg';
import { createGenerationalCache } from '../redis/generations.js';
import { decodeUserEvent } from '../redis/decodeUserEvents.js';
import { REDIS_CACHE_PROJECTION } from '../redis/cacheProjection.js';
import type { RedisClient } from '../redis/client.js';
import type { DeadLetterStore } from '../runner/deadLetters.js';
import type { EventFailure, FailureMode } from '../runner/types.js';
import { ReplayHaltedError } from './rebuild.js';
import { REPLAY_READ_OPTIONS } from './readOptions.js';

export interface RedisReplayOptions {
  readonly redis: RedisClient;
  readonly prefix: string;
  readonly shards?: number;
  /** How long the old generation stays after the swap (reads that resolved it finish on it); default 2000 ms. */
  readonly graceMs?: number;
}

export interface RedisReplayResult {
  readonly generation: number;
  readonly events: number;
  readonly skipped: number;
  readonly ms: number;
}

const message = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export const replayRedisGeneration = async (options: {
  readonly store: EventStore;
  readonly pool: pg.Pool;
  readonly cache: RedisReplayOptions;
  readonly failureMode: FailureMode;
  readonly deadLetters: DeadLetterStore | null;
  readonly pageSize?: number;
  readonly onProgress?: (progress: { readonly events: number; readonly checkpoint: Checkpoint }) => void;
}): Promise<RedisReplayResult> => {
  const started = performance.now();
  const { store } = options;
  const failures: EventFailure[] = [];
  // Only the rebuild reads through this filter; the live runner target keeps its own store and failure mode.
  const screened = {
    readStream: store.readStream.bind(store),
    headCheckpoint: store.headCheckpoint.bind(store),
    // A page whose every event is poison must not come back empty: the rebuild would take that for the end.
    async readAll(after: Checkpoint, limit: number): Promise<ReadAllResult> {
      for (let from = after; ; ) {
        const page = await store.readAll(from, limit, REPLAY_READ_OPTIONS);
        const events = page.events.filter((event) => {
          try {
            decodeUserEvent(event);
            return true;
          } catch (error) {
            const failure = { event, error: message(error) };
            if (options.failureMode === 'halt') throw new ReplayHaltedError(failure);
            failures.push(failure);
            return false;
          }
        });
        if (events.length > 0 || page.events.length === 0) return { events, checkpoint: page.checkpoint };
        from = page.checkpoint;
      }
    },
  };
  const cache = createGenerationalCache({
    redis: options.cache.redis,
    prefix: options.cache.prefix,
    store: screened,
    ...(options.cache.shards === undefined ? {} : { shards: options.cache.shards }),
  });
  let events = 0;
  try {
    const generation = await cache.rebuildBeside({
      ...(options.pageSize === undefined ? {} : { batchSize: options.pageSize }),
      ...(options.cache.graceMs === undefined ? {} : { graceMs: options.cache.graceMs }),
      onProgress: (progress) => {
        events = progress.events;
        options.onProgress?.(progress);
      },
    });
    if (failures.length > 0) await options.deadLetters?.record(options.pool, REDIS_CACHE_PROJECTION, failures, 'skip');
    return { generation, events: events + failures.length, skipped: failures.length, ms: Math.round(performance.now() - started) };
  } catch (error) {
    if (error instanceof ReplayHaltedError) await options.deadLetters?.record(options.pool, REDIS_CACHE_PROJECTION, [error.failure], 'halt');
    throw error;
  }
};
