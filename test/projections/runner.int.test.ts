// The runner against real Postgres: failover between two instances, and dead letters (halt versus skip).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareCheckpoints } from '../../actors/eventStore/types.js';
import { CURRENT_SCHEMA_VERSIONS } from '../../domain/events/index.js';
import { createReadModelTarget } from '../../projections/readModels/index.js';
import { replayReadModels } from '../../projections/replay/index.js';
import { createLease, createProjectionRunner, type FailureMode, type ProjectionRunner } from '../../projections/runner/index.js';
import { settle } from '../support/settlePostgres.js';
import { appendAll, createProjectionDb, world, type ProjectionDb } from './support/projectionDb.js';
import { waitFor } from './support/waitFor.js';

describe('projection runner', () => {
  let db: ProjectionDb;
  const runners: ProjectionRunner[] = [];
  beforeEach(async () => {
    db = await createProjectionDb();
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await db.drop();
  });

  const runner = (owner: string, options: { failureMode?: FailureMode; crashable?: boolean } = {}): ProjectionRunner => {
    const lease = createLease({ pool: db.pool, projection: 'read_models', owner, ttlMs: 800, schema: db.runnerSchema });
    const created = createProjectionRunner({
      store: db.store,
      target: createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters }),
      // A crash does not release the lease: the standby must wait for it to expire.
      lease: options.crashable ? { ...lease, release: async () => undefined } : lease,
      deadLetters: db.deadLetters,
      pool: db.pool,
      batchSize: 200,
      maxWaitMs: 20,
      leaseIntervalMs: 100,
      retryDelayMs: 100,
      failureMode: options.failureMode ?? 'halt',
    });
    runners.push(created);
    created.start();
    return created;
  };

  const caughtUp = async (r: ProjectionRunner): Promise<boolean> => {
    const head = await db.store.headCheckpoint();
    return compareCheckpoints(r.status().checkpoint, head) >= 0;
  };

  it('one instance applies at a time; the standby takes over when the owner dies, with nothing counted twice', async () => {
    // Counted, not compared with headCheckpoint(): the head is the visibility bound, which another test's open
    // transaction in the same database holds back, so "caught up with the head" can be true before anything applied.
    const first = await appendAll(db.store, world({ seed: 21, events: 1200, eventsPerUser: 20 }));
    const a = runner('a', { crashable: true });
    await waitFor(() => a.status().role === 'active', 'a to take the lease');
    const b = runner('b');
    await waitFor(() => a.status().applied >= first, 'a to apply every event');
    await waitFor(() => b.status().role === 'standby', 'b to stand by');
    expect(b.status().applied).toBe(0);

    await a.stop(); // dies holding the lease
    const second = await appendAll(db.store, world({ seed: 22, events: 600, eventsPerUser: 20, start: new Date('2026-03-01T00:00:00Z'), namespace: 1 }));
    await waitFor(() => b.status().role === 'active', 'b to take over');
    await waitFor(() => b.status().applied >= second, 'b to apply what a left');
    await waitFor(() => caughtUp(b), 'b to catch up');
    expect(b.status().lagEvents).toBe(0);

    const verified = await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, verify: true });
    if (verified.mode !== 'verify') throw new Error('expected a verification');
    expect(verified.verify.differences).toEqual([]);
  });

  it('recovers when a batch flushed by its timer fails once (a transient database error)', async () => {
    const total = await appendAll(db.store, world({ seed: 25, events: 60, eventsPerUser: 20 }));
    const inner = createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters });
    let failures = 1;
    const flaky = {
      ...inner,
      apply: async (...args: Parameters<typeof inner.apply>) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('connection reset');
        }
        return inner.apply(...args);
      },
    };
    const lease = createLease({ pool: db.pool, projection: 'read_models', owner: 'f', ttlMs: 800, schema: db.runnerSchema });
    // 60 events stay below batchSize, so the only flush is the timed one.
    const r = createProjectionRunner({ store: db.store, target: flaky, lease, deadLetters: db.deadLetters, pool: db.pool, batchSize: 200, maxWaitMs: 20, leaseIntervalMs: 100, retryDelayMs: 100 });
    runners.push(r);
    r.start();
    await waitFor(() => r.status().applied >= total, 'the runner to resume and apply every event');
    expect(failures).toBe(0);
    expect(r.status().lastError).toMatch(/connection reset/);
  });

  const poison = async (): Promise<void> => {
    await db.store.append('user-999', 'any', [{ id: '11111111-1111-4111-8111-111111111111', type: 'UserStarted', schemaVersion: CURRENT_SCHEMA_VERSIONS.UserStarted, data: { telegramId: 42 } }]);
  };

  it('halt mode: the poison event is dead-lettered and the projection stops just before it', async () => {
    await appendAll(db.store, world({ seed: 23, events: 200, eventsPerUser: 20 }));
    await poison();
    await appendAll(db.store, world({ seed: 24, events: 200, eventsPerUser: 20, start: new Date('2026-03-01T00:00:00Z'), namespace: 1 }));
    const r = runner('h', { failureMode: 'halt' });
    await waitFor(() => r.status().role === 'halted', 'the runner to halt');
    const letters = await db.deadLetters.list(db.pool, 'read_models');
    expect(letters.map((l) => [l.eventId, l.action])).toEqual([['11111111-1111-4111-8111-111111111111', 'halted']]);
    expect(letters[0]!.error).toMatch(/UserStarted/);
    const [poisoned] = await db.store.readStream('user-999');
    expect(compareCheckpoints(r.status().checkpoint, poisoned!.checkpoint)).toBeLessThan(0);
    expect(await caughtUp(r)).toBe(false);
  });

  it('skip mode: the poison event is dead-lettered and everything after it is applied', async () => {
    await appendAll(db.store, world({ seed: 25, events: 200, eventsPerUser: 20 }));
    await poison();
    await appendAll(db.store, world({ seed: 26, events: 200, eventsPerUser: 20, start: new Date('2026-03-01T00:00:00Z'), namespace: 1 }));
    await settle(db.pool); // else another test's open transaction holds the head back and "caught up" comes too early
    const r = runner('s', { failureMode: 'skip' });
    await waitFor(() => caughtUp(r), 'the runner to catch up');
    expect(r.status().skipped).toBe(1);
    const letters = await db.deadLetters.list(db.pool, 'read_models');
    expect(letters.map((l) => [l.eventId, l.action])).toEqual([['11111111-1111-4111-8111-111111111111', 'skipped']]);
    const verified = await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, verify: true, failureMode: 'skip' });
    if (verified.mode !== 'verify') throw new Error('expected a verification');
    expect(verified.verify.differences).toEqual([]);
  });
});
