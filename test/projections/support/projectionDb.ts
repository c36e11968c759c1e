// A Postgres event store and read models in throwaway schemas (event store <s>, read models <s>_rm, runner <s>_pj),
// migrated with the real migration sets, and a way to fill the log with a domain-driven world.
import type { AppendRequest, EventStore } from '../../../actors/eventStore/types.js';
import { createPostgresEventStore } from '../../../actors/eventStore/postgres/index.js';
import { runMigrations } from '../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet, projectorMigrationSet, readModelMigrationSet } from '../../../ops/migrations/sets.js';
import { createReadModelTarget, READ_MODELS_PROJECTION } from '../../../projections/readModels/index.js';
import { createDeadLetterStore, createLease, createProjectionRunner, type DeadLetterStore, type ProjectionRunner } from '../../../projections/runner/index.js';
import { generateWorld, type WorldOptions } from '../../bench/replay/world.js';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../../support/postgres.js';
import type pg from 'pg';

export interface ProjectionDb {
  readonly pool: pg.Pool;
  readonly store: EventStore;
  readonly readModels: string;
  readonly runnerSchema: string;
  readonly deadLetters: DeadLetterStore;
  readonly test: TestSchema;
  drop(): Promise<void>;
}

export const PARTITIONS = 4;

export const createProjectionDb = async (partitions = PARTITIONS): Promise<ProjectionDb> => {
  const test = await createTestSchema('pj');
  const readModels = `${test.schema}_rm`;
  const runnerSchema = `${test.schema}_pj`;
  await runMigrations(test.pool, eventStoreMigrationSet(test.schema));
  await runMigrations(test.pool, readModelMigrationSet(readModels, partitions));
  await runMigrations(test.pool, projectorMigrationSet(runnerSchema));
  const store = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: test.schema, poolSize: 4, pollIntervalMs: 100 });
  return {
    pool: test.pool,
    store,
    readModels,
    runnerSchema,
    deadLetters: createDeadLetterStore(runnerSchema),
    test,
    async drop() {
      await store.close();
      for (const s of [readModels, `${readModels}_shadow`, `${readModels}_old`, runnerSchema]) await test.pool.query(`drop schema if exists ${s} cascade`);
      await test.drop();
    },
  };
};

/** Appends requests in groups (a group never holds one stream twice, as appendMany wants). */
export const appendAll = async (store: EventStore, requests: Iterable<AppendRequest>): Promise<number> => {
  let group: AppendRequest[] = [];
  let streams = new Set<string>();
  let count = 0;
  const flush = async (): Promise<void> => {
    if (group.length === 0) return;
    const outcomes = await store.appendMany(group);
    const failed = outcomes.find((o) => !o.ok);
    if (failed !== undefined && !failed.ok) throw failed.error;
    group = [];
    streams = new Set();
  };
  for (const request of requests) {
    if (streams.has(request.stream) || group.length >= 100) await flush();
    group.push(request);
    streams.add(request.stream);
    count += request.events.length;
  }
  await flush();
  return count;
};

/** The world generator as an iterable of appends (its return value dropped). */
export const world = (options: WorldOptions): Iterable<AppendRequest> => ({ [Symbol.iterator]: () => generateWorld(options) });

/** The live read-model projector as the replay tests run it beside a rebuild: small batches, quick lease and retries. Started. */
export const startLiveProjector = (db: ProjectionDb): ProjectionRunner => {
  const runner = createProjectionRunner({
    store: db.store,
    target: createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters }),
    lease: createLease({ pool: db.pool, projection: READ_MODELS_PROJECTION, owner: 'live', schema: db.runnerSchema }),
    deadLetters: db.deadLetters,
    pool: db.pool,
    batchSize: 50,
    maxWaitMs: 10,
    leaseIntervalMs: 100,
    retryDelayMs: 100,
  });
  runner.start();
  return runner;
};
