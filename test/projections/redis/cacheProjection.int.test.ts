// The cache projection against a real Redis: pools and counters of a known population, idempotent replays,
// version stamps, gap filling after a lost record, rebuild, and the database index of REDIS_URL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import { START, type EventStore } from '../../../actors/eventStore/types.js';
import { userStreamName } from '../../../domain/user/index.js';
import { createCacheReader, type CacheReader } from '../../../projections/redis/cacheReader.js';
import { createRedisCacheProjection, type RedisCacheProjection } from '../../../projections/redis/cacheProjection.js';
import { createRedisClient } from '../../../projections/redis/client.js';
import { deleteByPattern } from '../../../projections/redis/deleteByPattern.js';
import { decodeUserEvent, type DecodedEvent } from '../../../projections/redis/decodeUserEvents.js';
import { CheckpointMovedError } from '../../../projections/runner/types.js';
import { append, event } from './support/history.js';
import { ANN, appendPopulation, BOB, CAT, DAN, EVE, FAY, GUS, IDA, POPULATION_COUNTERS } from './support/population.js';
import { createTestRedis, TEST_REDIS_URL, type TestRedis } from './support/redis.js';

const RU_EN = { native: 'ru', learning: 'en' };
const EN_RU = { native: 'en', learning: 'ru' };

describe('redis cache projection', () => {
  let t: TestRedis;
  let store: EventStore;
  let projection: RedisCacheProjection;
  let reader: CacheReader;

  /** The whole log, delivered twice (the second delivery must change nothing). */
  const applyAll = async (): Promise<void> => {
    const page = await store.readAll(START, 10_000);
    await projection.handle(page.events);
    await projection.handle(page.events);
  };

  beforeEach(async () => {
    t = createTestRedis();
    store = createMemoryEventStore();
    projection = createRedisCacheProjection({ redis: t.redis, prefix: t.prefix, store, shards: 4 });
    reader = createCacheReader({ redis: t.redis, prefix: t.prefix, shards: 4 });
    await appendPopulation(store);
  });
  afterEach(async () => {
    await t.close();
    await store.close();
  });

  it('puts only active, complete users in the pools of their pairs, most recently active first', async () => {
    await applyAll();
    expect((await reader.pool(RU_EN, 10)).map((e) => e.id)).toEqual([IDA, BOB]);
    expect((await reader.pool(EN_RU, 10)).map((e) => e.id)).toEqual([ANN]);
    expect((await reader.pool({ native: 'es', learning: 'en' }, 10)).map((e) => e.id)).toEqual([GUS]);
    expect(await reader.pool(RU_EN, 1)).toHaveLength(1);
    expect(await reader.counters()).toEqual(POPULATION_COUNTERS);
  });

  it('gives the same caches when every batch is applied twice, and when a batch is replayed after later ones', async () => {
    const page = await store.readAll(START, 10_000);
    for (let i = 0; i < page.events.length; i += 5) {
      const batch = page.events.slice(i, i + 5);
      await projection.handle(batch);
      await projection.handle(batch);
    }
    await projection.handle(page.events.slice(0, 12));
    expect(await reader.counters()).toEqual(POPULATION_COUNTERS);
    expect((await reader.pool(RU_EN, 10)).map((e) => e.id)).toEqual([IDA, BOB]);
    expect((await reader.user(CAT))?.state.status).toBe('paused');
    expect(await projection.checkpoint()).toEqual(page.checkpoint);
  });

  it('stamps each record with its stream version and ignores older versions', async () => {
    await applyAll();
    const stream = await store.readStream(userStreamName(CAT));
    expect((await reader.user(CAT))?.version).toBe(stream.length);
    // The pause (the last event) redelivered alone, and the history before it: both older or equal, both ignored.
    await projection.handle(stream.slice(-1));
    await projection.handle(stream.slice(0, -1));
    expect((await reader.user(CAT))?.state.status).toBe('paused');
    expect(await reader.counters()).toEqual(POPULATION_COUNTERS);
    // Resuming is a newer version: Cat comes back to the pool and the counters move once.
    await append(store, CAT, [event('ProfileResumed', {}, 'resume-cat')]);
    const resumed = await store.readStream(userStreamName(CAT), { fromVersion: stream.length + 1 });
    await projection.handle(resumed);
    await projection.handle(resumed);
    expect((await reader.pool(RU_EN, 10)).map((e) => e.id).sort()).toEqual([BOB, CAT, IDA].sort());
    expect(await reader.counters()).toEqual({ ...POPULATION_COUNTERS, active: 5, paused: 0 });
  });

  it('keeps a forgotten user as a tombstone without personal data, so older versions cannot bring them back', async () => {
    await applyAll();
    const fay = await reader.user(FAY);
    expect(fay?.state.status).toBe('forgotten');
    expect(fay?.state.profile.firstName).toBeNull();
    await projection.handle(await store.readStream(userStreamName(FAY)));
    expect((await reader.pool(RU_EN, 10)).map((e) => e.id)).not.toContain(FAY);
    expect((await reader.user(EVE))?.state.status).toBe('banned');
    expect((await reader.user(DAN))?.state.status).toBe('onboarding');
  });

  it('refolds a lost record from its stream when a later event arrives', async () => {
    await applyAll();
    await t.redis.unlink(projection.keys.user(BOB));
    await append(store, BOB, [event('ProfilePaused', {}, 'pause-bob')]);
    const [pause] = await store.readStream(userStreamName(BOB), { fromVersion: 8 });
    await projection.handle(pause === undefined ? [] : [pause]);
    const bob = await reader.user(BOB);
    expect(bob?.version).toBe(8);
    expect(bob?.state.status).toBe('paused');
    expect(bob?.state.profile.nativeLanguages).toEqual(['ru']);
  });

  it('rebuilds from the log after its keys are deleted, and is warm only once caught up', async () => {
    await applyAll();
    await projection.markWarm((await projection.checkpoint()) ?? START);
    expect(await reader.isWarm()).toBe(true);
    await t.flush();
    expect(await reader.isWarm()).toBe(false);
    expect(await projection.checkpoint()).toBeNull();
    const progress = await projection.rebuild({ batchSize: 7 });
    expect(progress.events).toBe((await store.readAll(START, 10_000)).events.length);
    expect(await reader.isWarm()).toBe(true);
    expect(await reader.counters()).toEqual(POPULATION_COUNTERS);
    expect((await reader.pool(RU_EN, 10)).map((e) => e.id)).toEqual([IDA, BOB]);
  });

  it('writes nothing and warms nothing when flushed after its checkpoint was read (the write is fenced in Redis)', async () => {
    const all = (await store.readAll(START, 10_000)).events;
    await projection.handle(all.slice(0, 20));
    const read = await projection.checkpoint();
    expect(read).not.toBeNull();
    // The cache is flushed between the runner's read of the checkpoint and its next batch, and its warm mark.
    await t.flush();
    const rest = all.slice(20);
    const decoded = rest.map(decodeUserEvent).filter((one): one is DecodedEvent => one !== null);
    await expect(projection.applyDecoded(decoded, rest.at(-1)!.checkpoint, read!)).rejects.toBeInstanceOf(CheckpointMovedError);
    await projection.markWarm(read!);
    // Still cold, with nothing in it: the runner's next read finds it so and replays the log from the start.
    expect(await projection.checkpoint()).toBeNull();
    expect(await reader.isWarm()).toBe(false);
    expect(await t.redis.keys(`${t.prefix}*`)).toEqual([]);
    // Unfenced from the start (a replay) it builds as before; an empty log's cache is warm at the start.
    await projection.applyDecoded(all.map(decodeUserEvent).filter((one): one is DecodedEvent => one !== null), all.at(-1)!.checkpoint, START);
    await projection.markWarm(all.at(-1)!.checkpoint);
    expect(await reader.isWarm()).toBe(true);
    expect(await reader.counters()).toEqual(POPULATION_COUNTERS);
    await t.flush();
    await projection.markWarm(START);
    expect(await reader.isWarm()).toBe(true);
  });

  it('honours the database index of REDIS_URL', async () => {
    const url = `${TEST_REDIS_URL.replace(/\/\d*$/, '')}/5`;
    const db5 = createRedisClient({ kind: 'url', url });
    try {
      const in5 = createRedisCacheProjection({ redis: db5, prefix: `${t.prefix}db`, store, shards: 2 });
      await in5.handle((await store.readAll(START, 10_000)).events);
      expect(await db5.exists(in5.keys.user(ANN))).toBe(1);
      expect(await t.redis.exists(in5.keys.user(ANN))).toBe(0);
    } finally {
      await deleteByPattern(db5, `${t.prefix}db:*`);
      db5.disconnect();
    }
  });
});
