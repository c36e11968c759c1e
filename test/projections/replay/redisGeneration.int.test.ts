// The Redis step of replay: the caches are rebuilt into their next generation and the pointer moves; a poison
// event is dead-lettered and skipped, or halts the replay before the pointer moves (the live generation serves on).
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import type { EventStore } from '../../../actors/eventStore/types.js';
import { CURRENT_SCHEMA_VERSIONS } from '../../../domain/events/index.js';
import { runMigrations } from '../../../ops/migrations/runMigrations.js';
import { projectorMigrationSet } from '../../../ops/migrations/sets.js';
import { createGenerationalCache, createRedisCandidateSearch, REDIS_CACHE_PROJECTION } from '../../../projections/redis/index.js';
import { ReplayHaltedError, replayRedisGeneration } from '../../../projections/replay/index.js';
import { createDeadLetterStore, type DeadLetterStore } from '../../../projections/runner/index.js';
import { createTestSchema, type TestSchema } from '../../support/postgres.js';
import { later, MINUTE, T0 } from '../redis/support/history.js';
import { ANN, appendPopulation, BOB, IDA, POPULATION_EVENTS } from '../redis/support/population.js';
import { createTestRedis, type TestRedis } from '../redis/support/redis.js';

const NOW = later(30 * MINUTE, T0);

describe('replay: the Redis cache generation', () => {
  let t: TestRedis;
  let db: TestSchema;
  let store: EventStore;
  let deadLetters: DeadLetterStore;

  const poison = async (): Promise<string> => {
    const id = randomUUID();
    // A UserStarted without its required fields: the cache's decoder refuses it.
    await store.append('user-999', 'any', [{ id, type: 'UserStarted', schemaVersion: CURRENT_SCHEMA_VERSIONS.UserStarted, data: { telegramId: 42 } }]);
    return id;
  };
  const replay = (failureMode: 'halt' | 'skip') =>
    replayRedisGeneration({ store, pool: db.pool, cache: { redis: t.redis, prefix: t.prefix, shards: 4, graceMs: 0 }, failureMode, deadLetters, pageSize: 5 });
  const cache = () => createGenerationalCache({ redis: t.redis, prefix: t.prefix, store, shards: 4 });

  beforeEach(async () => {
    t = createTestRedis();
    db = await createTestSchema('replayredis');
    await runMigrations(db.pool, projectorMigrationSet(db.schema));
    deadLetters = createDeadLetterStore(db.schema);
    store = createMemoryEventStore();
    await appendPopulation(store);
  });
  afterEach(async () => {
    await t.close();
    await store.close();
    await db.drop();
  });

  it('rebuilds the caches into the next generation and moves the pointer to it', async () => {
    const result = await replay('halt');
    expect(result).toMatchObject({ generation: 1, events: POPULATION_EVENTS, skipped: 0 });
    const live = cache();
    expect(await live.generation()).toBe(1);
    const search = createRedisCandidateSearch({ reader: live.reader, now: () => NOW });
    expect((await search.findCandidates(ANN, { limit: 10 })).map((c) => c.id)).toEqual([IDA, BOB]);
  });

  it('skip mode: dead-letters a poison event, rebuilds everything else and swaps', async () => {
    const id = await poison();
    const result = await replay('skip');
    expect(result).toMatchObject({ generation: 1, skipped: 1, events: POPULATION_EVENTS + 1 });
    const letters = await deadLetters.list(db.pool, REDIS_CACHE_PROJECTION);
    expect(letters.map((l) => [l.eventId, l.action])).toEqual([[id, 'skipped']]);
    const live = cache();
    expect(await live.generation()).toBe(1);
    const search = createRedisCandidateSearch({ reader: live.reader, now: () => NOW });
    expect((await search.findCandidates(ANN, { limit: 10 })).map((c) => c.id)).toEqual([IDA, BOB]);
  });

  it('halt mode: stops on a poison event before the pointer moves, and dead-letters it as halted', async () => {
    await replay('halt');
    const id = await poison();
    await expect(replay('halt')).rejects.toBeInstanceOf(ReplayHaltedError);
    expect(await cache().generation()).toBe(1);
    const letters = await deadLetters.list(db.pool, REDIS_CACHE_PROJECTION);
    expect(letters.map((l) => [l.eventId, l.action])).toEqual([[id, 'halted']]);
  });
});
