// The cache projection as a runner target: the checkpoint fence (a flushed cache reads as a moved checkpoint and
// restarts from the start), halt and skip on an event that does not decode, and warmth once caught up.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import { START, type EventStore } from '../../../actors/eventStore/types.js';
import { userStreamName } from '../../../domain/user/index.js';
import { createCacheReader, createRedisCacheProjection, redisCacheTarget, type RedisCacheProjection } from '../../../projections/redis/index.js';
import { CheckpointMovedError, type ProjectionTarget } from '../../../projections/runner/index.js';
import { append, event } from './support/history.js';
import { ANN, appendPopulation, BOB, POPULATION_COUNTERS } from './support/population.js';
import { createTestRedis, type TestRedis } from './support/redis.js';

describe('redis cache target', () => {
  let t: TestRedis;
  let store: EventStore;
  let projection: RedisCacheProjection;
  let target: ProjectionTarget;

  beforeEach(async () => {
    t = createTestRedis();
    store = createMemoryEventStore();
    projection = createRedisCacheProjection({ redis: t.redis, prefix: t.prefix, store, shards: 4 });
    target = redisCacheTarget(projection, store);
    await appendPopulation(store);
  });
  afterEach(async () => {
    await t.close();
    await store.close();
  });

  it('refuses a batch its checkpoint already covers, turns warm at the head, and sees a flush as a moved checkpoint', async () => {
    await target.prepare();
    expect(await target.checkpoint()).toEqual(START);
    const { events, checkpoint: head } = await store.readAll(START, 10_000);
    const half = Math.floor(events.length / 2);
    const first = await target.apply(events.slice(0, half), START, 'halt');
    expect(await projection.isWarm()).toBe(false);
    await expect(target.apply(events.slice(0, half), START, 'halt')).rejects.toBeInstanceOf(CheckpointMovedError);
    const second = await target.apply(events.slice(half), first.checkpoint, 'halt');
    expect(second.checkpoint).toEqual(head);
    expect(await projection.isWarm()).toBe(true);
    expect(await createCacheReader({ redis: t.redis, prefix: t.prefix, shards: 4 }).counters()).toEqual(POPULATION_COUNTERS);

    await t.flush();
    await append(store, BOB, [event('ProfilePaused', {}, 'pause-bob')]);
    const next = await store.readAll(head, 10);
    await expect(target.apply(next.events, head, 'halt')).rejects.toMatchObject({ stored: START });
    expect(await target.checkpoint()).toEqual(START);
  });

  it('halts before an event that does not decode, or skips it, as configured', async () => {
    await store.append(userStreamName(ANN), 'any', [{ id: randomUUID(), type: 'BioSet', schemaVersion: 1, data: { bio: 5 } }]);
    await append(store, BOB, [event('ProfilePaused', {}, 'pause-bob')]);
    const { events } = await store.readAll(START, 10_000);
    const bad = events.findIndex((e) => e.type === 'BioSet');
    const halted = await target.apply(events, START, 'halt');
    expect(halted.halted?.event.id).toBe(events[bad]?.id);
    expect(halted.checkpoint).toEqual(events[bad - 1]?.checkpoint);
    expect((await createCacheReader({ redis: t.redis, prefix: t.prefix, shards: 4 }).user(BOB))?.state.status).toBe('active');

    const rest = events.slice(bad);
    const skipped = await target.apply(rest, halted.checkpoint, 'skip');
    expect(skipped.skipped.map((f) => f.event.id)).toEqual([events[bad]?.id]);
    expect(skipped.skipped[0]?.error).toMatch(/BioSet/);
    expect((await createCacheReader({ redis: t.redis, prefix: t.prefix, shards: 4 }).user(BOB))?.state.status).toBe('paused');
  });
});
