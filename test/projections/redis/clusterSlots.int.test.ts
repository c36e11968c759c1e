// Cluster safety: every key one batch script touches (a shard's meta, counters, user records and pools) hashes to
// the shard's slot, and the shards spread over different slots.
import calculateSlot from 'cluster-key-slot';
import { afterEach, expect, it } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import { START } from '../../../actors/eventStore/types.js';
import { cacheKeys } from '../../../projections/redis/keys.js';
import { createRedisCacheProjection } from '../../../projections/redis/cacheProjection.js';
import { appendPopulation } from './support/population.js';
import { createTestRedis } from './support/redis.js';

const t = createTestRedis();
afterEach(() => t.close());

const allKeys = async (pattern: string): Promise<string[]> => {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await t.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
};

it('keeps every key of a shard in the shard’s slot, and spreads the shards', async () => {
  const store = createMemoryEventStore();
  await appendPopulation(store);
  const shards = 8;
  const projection = createRedisCacheProjection({ redis: t.redis, prefix: t.prefix, store, shards });
  const { events } = await store.readAll(START, 10_000);
  await projection.handle(events);
  await projection.handle(events);
  await projection.markWarm((await projection.checkpoint()) ?? START);
  const keys = cacheKeys(t.prefix, shards);
  const stored = await allKeys(keys.pattern);
  // meta + counters for every shard, a record per user, at least the three pools of the population.
  expect(stored.length).toBeGreaterThanOrEqual(shards + 8 + 3);
  const slotOfShard = Array.from({ length: shards }, (_, shard) => calculateSlot(keys.meta(shard)));
  for (const key of stored) {
    const shard = Array.from({ length: shards }, (_, s) => s).find((s) => key.startsWith(keys.base(s)));
    expect(shard, `${key} belongs to no shard`).toBeDefined();
    expect(calculateSlot(key), key).toBe(slotOfShard[shard ?? -1]);
  }
  for (let shard = 0; shard < shards; shard += 1) {
    expect(calculateSlot(keys.counters(shard))).toBe(slotOfShard[shard]);
    expect(calculateSlot(keys.pool(shard, { native: 'ru', learning: 'en' }))).toBe(slotOfShard[shard]);
  }
  expect(new Set(slotOfShard).size).toBe(shards);
  // A user's record is in the slot of the shard its id maps to.
  expect(calculateSlot(keys.user('101'))).toBe(slotOfShard[keys.shardOf('101')]);
  await store.close();
});
