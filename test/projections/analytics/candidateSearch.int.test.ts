// Candidate search: the cache and Postgres give the same list for a known population; the fallback answers from
// Postgres while Redis is unreachable or flushed, and the cache is rebuilt from the log by the runner meanwhile.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { START } from '../../../actors/eventStore/types.js';
import { CandidateSourceUnavailable, type CandidateSearch } from '../../../projections/analytics/candidates/candidateSearch.js';
import { createMemoryCandidateSearch } from '../../../projections/analytics/candidates/memoryCandidateSearch.js';
import { createPostgresCandidateSearch } from '../../../projections/analytics/candidates/postgresCandidateSearch.js';
import { upcast } from '../../../domain/events/index.js';
import { candidateFromState, type CandidateProfile } from '../../../domain/matching/index.js';
import { fold, userStreamName } from '../../../domain/user/index.js';
import { withFallback, type CacheHitMetrics, type CacheMissReason } from '../../../projections/analytics/candidates/withFallback.js';
import { createReadModelTarget } from '../../../projections/readModels/index.js';
import {
  createCacheReader,
  createRedisCacheProjection,
  createRedisCandidateSearch,
  createRedisClient,
  redisCacheTarget,
  type RedisCacheProjection,
} from '../../../projections/redis/index.js';
import { createLease, createProjectionRunner, type ProjectionRunner } from '../../../projections/runner/index.js';
import { createProjectionDb, type ProjectionDb } from '../support/projectionDb.js';
import { append, event, later, logSettled, MINUTE, T0 } from '../redis/support/history.js';
import { ANN, appendPopulation, BOB, CAT, DAN, EVE, FAY, GUS, IDA, POPULATION_EVENTS } from '../redis/support/population.js';
import { createTestRedis, type TestRedis } from '../redis/support/redis.js';

const NOW = later(30 * MINUTE, T0);

const countingMetrics = () => {
  const seen = { hits: 0, misses: [] as CacheMissReason[] };
  const metrics: CacheHitMetrics = {
    cacheHits: { inc: () => void (seen.hits += 1) },
    cacheMisses: { inc: ({ reason }) => void seen.misses.push(reason) },
  };
  return { seen, metrics };
};

describe('candidate search', () => {
  let db: ProjectionDb;
  let t: TestRedis;
  let projection: RedisCacheProjection;
  let fromRedis: CandidateSearch;
  let fromPostgres: CandidateSearch;
  const runners: ProjectionRunner[] = [];

  const projectPostgres = async (): Promise<void> => {
    const target = createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters });
    await target.prepare();
    const from = await target.checkpoint();
    const page = await db.store.readAll(from, 10_000);
    if (page.events.length === 0) return;
    const applied = await target.apply(page.events, from, 'halt');
    await target.apply(page.events, applied.checkpoint, 'halt'); // delivered twice: nothing changes
  };

  beforeEach(async () => {
    db = await createProjectionDb();
    t = createTestRedis();
    // A tandem request from Bob to Ann, so open tandems and pending requests show up in both sources.
    await appendPopulation(db.store);
    await append(db.store, BOB, [event('PartnerRequested', { requestId: 'tq-1', peer: ANN }, 'req-1', later(MINUTE))]);
    await append(db.store, ANN, [event('PartnerRequestReceived', { requestId: 'tq-1', peer: BOB }, 'req-1', later(MINUTE))]);
    await logSettled(db.store, POPULATION_EVENTS + 2);
    await projectPostgres();
    projection = createRedisCacheProjection({ redis: t.redis, prefix: t.prefix, store: db.store, shards: 4 });
    await projection.rebuild();
    await projection.handle((await db.store.readAll(START, 10_000)).events); // and once more over the built cache
    fromRedis = createRedisCandidateSearch({ reader: createCacheReader({ redis: t.redis, prefix: t.prefix, shards: 4 }), now: () => NOW });
    fromPostgres = createPostgresCandidateSearch({ pool: db.pool, schema: db.readModels, now: () => NOW });
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await t.close();
    await db.drop();
  });

  it('answers the same profiles from Redis and from Postgres', async () => {
    const cached = await fromRedis.findCandidates(ANN, { limit: 10 });
    expect(cached.map((c) => c.id)).toEqual([IDA, BOB]);
    expect(await fromPostgres.findCandidates(ANN, { limit: 10 })).toEqual(cached);
    const bob = cached.find((c) => c.id === BOB);
    expect(bob?.openTandemPeers).toEqual([ANN]);
    expect(bob?.utcWeekHours.length).toBeGreaterThan(0);
    for (const viewer of [BOB, GUS, CAT, DAN]) {
      expect(await fromPostgres.findCandidates(viewer, { limit: 10 }), viewer).toEqual(await fromRedis.findCandidates(viewer, { limit: 10 }));
    }
    expect((await fromRedis.findCandidates(BOB, { limit: 10 })).map((c) => c.id)).toEqual([ANN]);
    // The in-memory twin over the profiles the actors themselves would build from their streams.
    const profiles: CandidateProfile[] = [];
    for (const id of [ANN, BOB, CAT, DAN, EVE, FAY, GUS, IDA]) {
      const events = (await db.store.readStream(userStreamName(id))).map((e) => upcast(e));
      const profile = candidateFromState(fold(events), NOW);
      if (profile !== null) profiles.push(profile);
    }
    const fromMemory = createMemoryCandidateSearch(() => profiles, () => NOW);
    for (const viewer of [ANN, BOB, GUS]) expect(await fromMemory.findCandidates(viewer, { limit: 10 }), viewer).toEqual(await fromRedis.findCandidates(viewer, { limit: 10 }));
    expect((await fromRedis.findCandidates(ANN, { limit: 1 })).map((c) => c.id)).toEqual([IDA]);
    expect((await fromPostgres.findCandidates(ANN, { limit: 1 })).map((c) => c.id)).toEqual([IDA]);
  });

  it('gives a candidate who blocked the viewer with the viewer in `blocked`, from Redis and from Postgres alike', async () => {
    // Ida blocks Ann; she blocks and unblocks Cat, so only the standing block remains.
    await append(db.store, IDA, [
      event('UserBlocked', { target: ANN }, 'block-ann', later(2 * MINUTE)),
      event('UserBlocked', { target: CAT }, 'block-cat', later(3 * MINUTE)),
      event('UserUnblocked', { target: CAT }, 'unblock-cat', later(4 * MINUTE)),
    ]);
    await logSettled(db.store, POPULATION_EVENTS + 5);
    await projectPostgres();
    await projection.handle((await db.store.readAll(START, 10_000)).events);

    const cached = await fromRedis.findCandidates(ANN, { limit: 10 });
    expect(cached.find((c) => c.id === IDA)?.blocked).toEqual([ANN]);
    expect(await fromPostgres.findCandidates(ANN, { limit: 10 })).toEqual(cached);
    const ida = (await db.pool.query<{ blocked: string[] }>(`select blocked_ids::text[] as blocked from ${db.readModels}.users where user_id = $1`, [IDA])).rows;
    expect(ida).toEqual([{ blocked: [ANN] }]);
  });

  it('falls back to Postgres while Redis is unreachable, counting misses', async () => {
    const down = createRedisClient({ kind: 'url', url: 'redis://127.0.0.1:1' }, { failFast: true });
    down.on('error', () => undefined);
    try {
      const { seen, metrics } = countingMetrics();
      const search = withFallback({
        primary: createRedisCandidateSearch({ reader: createCacheReader({ redis: down, prefix: t.prefix, shards: 4 }), now: () => NOW }),
        fallback: fromPostgres,
        metrics,
      });
      expect(await search.findCandidates(ANN, { limit: 10 })).toEqual(await fromRedis.findCandidates(ANN, { limit: 10 }));
      expect(seen).toEqual({ hits: 0, misses: ['unreachable'] });
    } finally {
      down.disconnect();
    }
  });

  it('after a flush reads fall back while the runner rebuilds the cache from the log, then hit again', async () => {
    const { seen, metrics } = countingMetrics();
    const search = withFallback({ primary: fromRedis, fallback: fromPostgres, metrics });
    const expected = await fromRedis.findCandidates(ANN, { limit: 10 });
    expect(await search.findCandidates(ANN, { limit: 10 })).toEqual(expected);
    expect(seen.hits).toBe(1);

    const runner = createProjectionRunner({
      store: db.store,
      target: redisCacheTarget(projection, db.store),
      lease: createLease({ pool: db.pool, projection: projection.name, owner: 'r1', ttlMs: 800, schema: db.runnerSchema }),
      deadLetters: db.deadLetters,
      pool: db.pool,
      // Batches of one: every batch is applied from the subscription's handler, whose failure restarts the runner.
      // (A batch flushed by the maxWait timer that fails closes the subscription without a restart: runner issue.)
      batchSize: 1,
      maxWaitMs: 20,
      leaseIntervalMs: 100,
      retryDelayMs: 100,
    });
    runners.push(runner);
    runner.start();
    await vi.waitFor(() => expect(runner.status().role).toBe('active'), { timeout: 10_000 });

    await t.flush();
    await expect(fromRedis.findCandidates(ANN, { limit: 10 })).rejects.toBeInstanceOf(CandidateSourceUnavailable);
    expect(await search.findCandidates(ANN, { limit: 10 })).toEqual(expected);
    expect(seen.misses).toEqual(['cold']);

    // The next event shows the runner that the stored checkpoint is gone: it replays the whole log into Redis.
    await append(db.store, DAN, [event('ActivityRecorded', {}, 'act-dan', later(2 * MINUTE))]);
    await vi.waitFor(async () => expect(await projection.isWarm()).toBe(true), { timeout: 20_000, interval: 50 });
    expect(await projection.checkpoint()).toEqual(await db.store.headCheckpoint());
    expect(await search.findCandidates(ANN, { limit: 10 })).toEqual(expected);
    expect(seen.hits).toBe(2);
    expect(runner.status().lastError).toBeNull();
  });

  it('refuses a viewer the cache does not know yet instead of answering nobody', async () => {
    await expect(fromRedis.findCandidates('999', { limit: 5 })).rejects.toMatchObject({ reason: 'viewer_unknown' });
    expect(await fromPostgres.findCandidates('999', { limit: 5 })).toEqual([]);
    expect(await projection.checkpoint()).not.toEqual(START);
  });
});
