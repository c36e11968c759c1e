// The rebuild's fold spread over worker threads (one slice of the streams each) builds exactly the tables one reader
// builds — fed by the main thread's one reader (the default on PostgreSQL) or each reading its own slice —
// dead-letters the same poison events in skip mode, halts on the earliest one in halt mode, and reports progress up to
// every event. Events no read model depends on are passed over unread, malformed or not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSIONS } from '../../../domain/events/index.js';
import { foldInWorkers, type ReplayStoreSpec } from '../../../ops/replay/index.js';
import { READ_MODEL_TABLES } from '../../../projections/readModels/index.js';
import { rebuildInto, ReplayHaltedError, tableChecksums, type FoldRunner } from '../../../projections/replay/index.js';
import type { FailureMode } from '../../../projections/runner/index.js';
import { launchFoldWorkerFromSources } from '../../support/foldWorkerFromSources.js';
import { settle } from '../../support/settlePostgres.js';
import { TEST_DATABASE_URL } from '../../support/postgres.js';
import { appendAll, createProjectionDb, PARTITIONS, world, type ProjectionDb } from '../support/projectionDb.js';

const POISON = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];

describe('rebuild folded in worker threads', () => {
  let db: ProjectionDb;
  let spec: ReplayStoreSpec;
  beforeEach(async () => {
    db = await createProjectionDb();
    spec = { eventStoreUrl: TEST_DATABASE_URL, eventStoreSchema: db.test.schema, keysDatabaseUrl: null };
  });
  afterEach(async () => db.drop());

  const shadow = (): string => `${db.readModels}_shadow`;
  const rebuild = (failureMode: FailureMode, fold?: FoldRunner, onProgress?: (events: number) => void) =>
    rebuildInto({
      store: db.store,
      pool: db.pool,
      shadowSchema: shadow(),
      partitions: PARTITIONS,
      projection: 'read_models',
      failureMode,
      deadLetters: db.deadLetters,
      pageSize: 97,
      ...(fold === undefined ? {} : { fold }),
      ...(onProgress === undefined ? {} : { onProgress: ({ events }) => onProgress(events) }),
    });
  const workers = (count: number, reader: 'shared' | 'per-thread' = 'shared'): FoldRunner =>
    foldInWorkers({ store: spec, workers: count, launch: launchFoldWorkerFromSources, reader });

  const poison = async (stream: string, id: string): Promise<void> => {
    await db.store.append(stream, 'any', [{ id, type: 'UserStarted', schemaVersion: CURRENT_SCHEMA_VERSIONS.UserStarted, data: { telegramId: 42 } }]);
  };

  it('builds the same tables as one reader, at the same checkpoint, with every event counted once', async () => {
    const total = await appendAll(db.store, world({ seed: 41, events: 1500, eventsPerUser: 25 }));
    await settle(db.pool); // other tests' open transactions would hide the tail of the log from the rebuild's head
    const single = await rebuild('halt');
    const expected = await tableChecksums(db.pool, shadow());
    expect(expected.users.rows).toBeGreaterThan(20);
    const progress: number[] = [];
    const parallel = await rebuild('halt', workers(3), (events) => progress.push(events));
    expect(parallel.events).toBe(total);
    expect(parallel.checkpoint).toEqual(single.checkpoint);
    expect(parallel.rows).toEqual(single.rows);
    expect(progress.at(-1)).toBe(total);
    const sums = await tableChecksums(db.pool, shadow());
    for (const table of READ_MODEL_TABLES) expect({ table, ...sums[table] }).toEqual({ table, ...expected[table] });

    const perThread = await rebuild('halt', workers(2, 'per-thread'));
    expect(perThread.events).toBe(total);
    expect(perThread.rows).toEqual(single.rows);
    const perThreadSums = await tableChecksums(db.pool, shadow());
    for (const table of READ_MODEL_TABLES) expect({ table, ...perThreadSums[table] }).toEqual({ table, ...expected[table] });
  });

  it('skip mode: dead-letters the same poison events as one reader; halt mode: stops on the earliest', async () => {
    await appendAll(db.store, world({ seed: 42, events: 400, eventsPerUser: 20 }));
    await poison('user-998', POISON[0]!);
    await appendAll(db.store, world({ seed: 43, events: 400, eventsPerUser: 20, start: new Date('2026-03-01T00:00:00Z'), namespace: 1 }));
    await poison('user-999', POISON[1]!);
    // Malformed, but of a type no read model depends on: passed over, not poison.
    await db.store.append('user-997', 'any', [{ id: '33333333-3333-4333-8333-333333333333', type: 'DialogChanged', schemaVersion: CURRENT_SCHEMA_VERSIONS.DialogChanged, data: { broken: true } }]);
    await settle(db.pool);
    const skipped = await rebuild('skip', workers(3));
    expect(skipped.skipped).toBe(2);
    const letters = await db.deadLetters.list(db.pool, 'read_models');
    expect(letters.map((l) => [l.eventId, l.action])).toEqual(POISON.map((id) => [id, 'skipped']));

    for (const reader of ['shared', 'per-thread'] as const) {
      await db.pool.query(`delete from ${db.runnerSchema}.dead_letters`);
      const halted = await rebuild('halt', workers(2, reader)).catch((error: unknown) => error);
      expect(halted).toBeInstanceOf(ReplayHaltedError);
      expect((halted as ReplayHaltedError).failure.event.id).toBe(POISON[0]);
      expect((await db.deadLetters.list(db.pool, 'read_models')).map((l) => [l.eventId, l.action])).toEqual([[POISON[0], 'halted']]);
    }
  });

  it('a worker that cannot read fails the rebuild with its error, and the others stop', async () => {
    await appendAll(db.store, world({ seed: 44, events: 300, eventsPerUser: 20 }));
    const broken = foldInWorkers({ store: { ...spec, eventStoreSchema: 'no_such_schema_here' }, workers: 2, launch: launchFoldWorkerFromSources });
    await expect(rebuild('halt', broken)).rejects.toThrow(/no_such_schema_here|migrat|does not exist/);
  });
});
