// Zero-downtime rebuild: the next generation is built while reads keep hitting the live one, the pointer swaps, the
// old keys go, and the live runner target follows the swap through its checkpoint fence.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import { START, type EventStore } from '../../../actors/eventStore/types.js';
import { createGenerationalCache, createRedisCandidateSearch, type GenerationalCache } from '../../../projections/redis/index.js';
import { CheckpointMovedError } from '../../../projections/runner/index.js';
import { CandidateSourceUnavailable, type CandidateSearch } from '../../../projections/analytics/candidates/candidateSearch.js';
import { append, event, later, MINUTE, T0 } from './support/history.js';
import { ANN, appendPopulation, BOB, IDA } from './support/population.js';
import { createTestRedis, type TestRedis } from './support/redis.js';

const NOW = later(30 * MINUTE, T0);

describe('cache generations', () => {
  let t: TestRedis;
  let store: EventStore;
  let cache: GenerationalCache;
  let search: CandidateSearch;

  const keysOf = async (pattern: string): Promise<number> => {
    let count = 0;
    let cursor = '0';
    do {
      const [next, keys] = await t.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
    return count;
  };

  beforeEach(async () => {
    t = createTestRedis();
    store = createMemoryEventStore();
    await appendPopulation(store);
    cache = createGenerationalCache({ redis: t.redis, prefix: t.prefix, store, shards: 4 });
    search = createRedisCandidateSearch({ reader: cache.reader, now: () => NOW });
    const from = await cache.target.checkpoint();
    const { events } = await store.readAll(from, 10_000);
    await cache.target.apply(events, from, 'halt');
  });
  afterEach(async () => {
    await t.close();
    await store.close();
  });

  it('rebuilds beside the live generation, swaps, and the live target follows', async () => {
    expect(await cache.generation()).toBe(0);
    const live = await search.findCandidates(ANN, { limit: 10 });
    expect(live.map((c) => c.id)).toEqual([IDA, BOB]);
    // Reads while the next generation is built are served by generation 0, unchanged. (A read that straddles the
    // deletion of the old generation may be refused as unavailable, which falls back to Postgres; never wrong.)
    const reads: Promise<{ generation: number; ids: string[] | 'unavailable' }>[] = [];
    const generation = await cache.rebuildBeside({
      batchSize: 10,
      graceMs: 100,
      onProgress: () => {
        reads.push(
          (async () => {
            const at = await cache.generation();
            const ids = await search.findCandidates(ANN, { limit: 10 }).then(
              (found) => found.map((c) => c.id),
              (error: unknown) => (error instanceof CandidateSourceUnavailable ? ('unavailable' as const) : Promise.reject(error)),
            );
            return { generation: at, ids };
          })(),
        );
      },
    });
    expect(generation).toBe(1);
    const seen = await Promise.all(reads);
    expect(seen.filter((read) => read.generation === 0 && read.ids !== 'unavailable').length).toBeGreaterThan(0);
    for (const read of seen) if (read.ids !== 'unavailable') expect(read.ids).toEqual([IDA, BOB]);
    expect(await search.findCandidates(ANN, { limit: 10 })).toEqual(live);
    expect(await keysOf(`${t.prefix}:*`)).toBe(0);
    expect(await keysOf(`${cache.prefixOf(1)}:*`)).toBeGreaterThan(0);

    // The live runner's next batch, fenced at the old generation's checkpoint, is refused; it resumes on the new one.
    const before = (await store.readAll(START, 10_000)).checkpoint;
    await append(store, BOB, [event('ProfilePaused', {}, 'pause-bob')]);
    const next = await store.readAll(before, 10);
    await expect(cache.target.apply(next.events, START, 'halt')).rejects.toBeInstanceOf(CheckpointMovedError);
    const resumed = await cache.target.checkpoint();
    expect(resumed).toEqual(before);
    await cache.target.apply(next.events, resumed, 'halt');
    expect((await search.findCandidates(ANN, { limit: 10 })).map((c) => c.id)).toEqual([IDA]);
  });

  it('starts cold at generation 0 after a flush', async () => {
    await cache.rebuildBeside({ graceMs: 0 });
    await t.flush();
    expect(await cache.generation()).toBe(0);
    expect(await cache.target.checkpoint()).toEqual(START);
  });
});
