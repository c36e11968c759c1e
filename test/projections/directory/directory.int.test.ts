// The UserDirectory over real read models: candidates through the Postgres candidate search and cards from the
// users / languages / interests / availability tables, for users whose events went through the real projection.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresCandidateSearch, withFallback } from '../../../projections/analytics/index.js';
import { createCacheReader, createRedisCacheProjection, createRedisCandidateSearch } from '../../../projections/redis/index.js';
import { createTestRedis } from '../redis/support/redis.js';
import { createReadModelDirectory } from '../../../projections/directory/index.js';
import { createReadModelTarget } from '../../../projections/readModels/index.js';
import type { UserDirectory } from '../../../actors/userActor/ports/index.js';
import { cardOf, eventsOf, stateOf, type ProfileSpec } from '../../actors/userActor/bot/find/profiles.js';
import { createProjectionDb, type ProjectionDb } from '../support/projectionDb.js';
import { append, logSettled } from '../redis/support/history.js';

const NOW = new Date('2026-03-04T12:00:00Z');
const VERA: ProfileSpec = { id: '7001', firstName: 'Вера', native: ['ru'], learning: [{ code: 'en', level: 'B1' }] };
const SAM: ProfileSpec = { id: '7002', firstName: 'שמואל 🙂', username: 'sam_7002', native: ['en'], learning: [{ code: 'ru', level: 'A2' }], bio: 'Hiking and jazz.' };
const DORA: ProfileSpec = { id: '7003', firstName: 'Dora', native: ['de'], learning: [{ code: 'fr', level: 'A2' }] };
const EARLY: ProfileSpec = { id: '7004', firstName: 'Eli', native: ['en'], learning: [{ code: 'ru', level: 'A2' }], stopBefore: 'communication' };

describe('read-model user directory', () => {
  let db: ProjectionDb;
  let directory: UserDirectory;

  beforeEach(async () => {
    db = await createProjectionDb();
    let count = 0;
    for (const spec of [VERA, SAM, DORA, EARLY]) {
      const events = eventsOf(spec, NOW);
      count += events.length;
      await append(db.store, spec.id, events);
      // A reply queued beside the events (the outbox), as every user stream holds: projections must step over it.
      await db.store.append(`user-${spec.id}`, 'any', [{ id: randomUUID(), type: 'OutboxTelegramCallQueued', schemaVersion: 1, data: { method: 'sendMessage', payload: { chat_id: Number(spec.id), text: 'hi' } } }]);
      count += 1;
    }
    await logSettled(db.store, count);
    const target = createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters });
    await target.prepare();
    const from = await target.checkpoint();
    const page = await db.store.readAll(from, 10_000);
    await target.apply(page.events, from, 'halt');
    directory = createReadModelDirectory({
      pool: db.pool,
      schema: db.readModels,
      search: createPostgresCandidateSearch({ pool: db.pool, schema: db.readModels, now: () => NOW }),
    });
  });

  afterEach(async () => {
    await db.drop();
  });

  it('offers the complementary, complete user only', async () => {
    const candidates = await directory.candidates(VERA.id, 50);
    expect(candidates.map((c) => c.id)).toEqual([SAM.id]);
    expect(candidates[0]?.utcWeekHours.length).toBeGreaterThan(0);
    expect(await directory.candidates(DORA.id, 50)).toEqual([]);
    // Over the read side's limit: bounded, not refused.
    expect((await directory.candidates(VERA.id, 10_000)).map((c) => c.id)).toEqual([SAM.id]);
  });

  it('returns a card equal to what the user chose to share, emoji and right-to-left name included', async () => {
    const expected = cardOf(stateOf(SAM, NOW));
    const card = await directory.card(SAM.id);
    expect(card).toEqual({ ...expected, interests: [...expected.interests].sort(), lastActiveAt: NOW.toISOString() });
  });

  it('asks the Redis cache first and Postgres when the cache is cold, with the same answer', async () => {
    const t = createTestRedis();
    try {
      const seen = { hits: 0, misses: [] as string[] };
      const cached = createReadModelDirectory({
        pool: db.pool,
        schema: db.readModels,
        search: withFallback({
          primary: createRedisCandidateSearch({ reader: createCacheReader({ redis: t.redis, prefix: t.prefix, shards: 4 }), now: () => NOW }),
          fallback: createPostgresCandidateSearch({ pool: db.pool, schema: db.readModels, now: () => NOW }),
          metrics: { cacheHits: { inc: () => void (seen.hits += 1) }, cacheMisses: { inc: ({ reason }) => void seen.misses.push(reason) } },
        }),
      });
      const expected = await directory.candidates(VERA.id, 50);
      expect(await cached.candidates(VERA.id, 50)).toEqual(expected);
      expect(seen).toEqual({ hits: 0, misses: ['cold'] });
      let streamReads = 0;
      const projection = createRedisCacheProjection({
        redis: t.redis,
        prefix: t.prefix,
        shards: 4,
        store: { readAll: (after, limit) => db.store.readAll(after, limit), readStream: (...args) => ((streamReads += 1), db.store.readStream(...args)) },
      });
      await projection.rebuild();
      expect(await cached.candidates(VERA.id, 50)).toEqual(expected);
      expect(seen.hits).toBe(1);
      expect(await cached.card(SAM.id)).toEqual(await directory.card(SAM.id));
      // Outbox entries hold stream versions: the cache follows them instead of reading the stream to fill "gaps".
      for (const minute of [1, 2]) {
        const from = (await projection.checkpoint()) ?? { commit: 0n, position: 0n };
        const at = new Date(NOW.getTime() + minute * 3_600_000).toISOString();
        await append(db.store, SAM.id, [{ type: 'ActivityRecorded', data: { at, causationId: `later-${minute}` } }]);
        await db.store.append(`user-${SAM.id}`, 'any', [{ id: randomUUID(), type: 'OutboxTelegramCallQueued', schemaVersion: 1, data: { method: 'sendMessage', payload: { chat_id: 1, text: 'x' } } }]);
        for (;;) {
          const page = await db.store.readAll(from, 100);
          if (page.events.length >= 2) {
            await projection.handle(page.events);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      expect(streamReads).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('knows nobody it has no rows for, and no malformed id', async () => {
    expect(await directory.card('7999')).toBeNull();
    expect(await directory.card('not-an-id')).toBeNull();
    expect(await directory.card('-1')).toBeNull();
  });
});
