// Schema properties of the event store's migrations (actors/eventStore/postgres/migrations.ts) that the adapter
// relies on beyond what the contract suite sees: the stream version's rule (a domain's CHECK since migration 5),
// and migration 5 on a log written before it.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresEventStore, eventStoreMigrations, sqlNames, type SqlNames } from '../../../../actors/eventStore/postgres/index.js';
import type { NewEvent } from '../../../../actors/eventStore/types.js';
import { runMigrations } from '../../../../ops/migrations/runMigrations.js';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../../../support/postgres.js';

const event = (): NewEvent => ({ id: randomUUID(), type: 'Tested', schemaVersion: 1, data: { at: randomUUID() }, metadata: { correlationId: randomUUID() } });
const PG_CHECK_VIOLATION = '23514';

describe('postgres event store migrations', () => {
  let db: TestSchema;
  let names: SqlNames;

  beforeEach(async () => {
    db = await createTestSchema('esmig');
    names = sqlNames(db.schema);
  });

  afterEach(async () => {
    await db.drop();
  });

  const migrate = (upTo?: number) =>
    runMigrations(db.pool, { name: 'eventstore', schema: db.schema, migrations: eventStoreMigrations(db.schema).filter((m) => upTo === undefined || m.id <= upTo) });

  /** A row written straight to the table, bypassing the store (what a buggy writer could send). */
  const insertVersion = (stream: string, version: number) =>
    db.pool.query(
      `insert into ${names.events} (stream_name, stream_version, event_id, event_type, schema_version, data, metadata) values ($1, $2, $3, 'Tested', 1, '{}', '{}')`,
      [stream, version, randomUUID()],
    );

  const codeOf = async (work: Promise<unknown>): Promise<string | undefined> => {
    try {
      await work;
      return undefined;
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };

  it('refuses a stream version below 1 and stores nothing, and reads versions back as integers', async () => {
    await migrate();
    expect(await codeOf(insertVersion('direct', 0))).toBe(PG_CHECK_VIOLATION);
    expect(await codeOf(insertVersion('direct', -3))).toBe(PG_CHECK_VIOLATION);
    await insertVersion('direct', 1);
    const rows = await db.pool.query<{ stream_version: unknown }>(`select stream_version from ${names.events}`);
    // Readers get the base type (int4, which pg parses as a number), not the domain's own type id.
    expect(rows.fields[0]!.dataTypeID).toBe(23);
    expect(rows.rows).toEqual([{ stream_version: 1 }]);
  });

  it('moves a log written before migration 5 to the domain without rewriting it; the store reads and appends as before', async () => {
    await migrate(4);
    const store = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: db.schema, listen: false, groupCommit: false });
    try {
      const before = [event(), event()];
      await store.append('old', 'no_stream', before);
      const files = `select c.relname, c.relfilenode from pg_class c where c.relnamespace = $1::regnamespace and c.relkind in ('r', 'i') order by c.relname`;
      const filesBefore = (await db.pool.query(files, [db.schema])).rows;
      // Migration 4's table still has its CHECK: the same rule as the domain's.
      expect(await codeOf(insertVersion('direct', 0))).toBe(PG_CHECK_VIOLATION);

      const report = await migrate();
      expect(report.applied.map((m) => m.id)).toEqual([5]);
      // Same table and index files: nothing was rewritten or rebuilt.
      expect((await db.pool.query(files, [db.schema])).rows).toEqual(filesBefore);
      const checks = await db.pool.query(`select conname from pg_constraint where conrelid = $1::regclass and contype = 'c'`, [names.events]);
      expect(checks.rows).toEqual([]);
      expect(await codeOf(insertVersion('direct', 0))).toBe(PG_CHECK_VIOLATION);

      const read = await store.readStream('old');
      expect(read.map((e) => [e.id, e.streamVersion])).toEqual([
        [before[0]!.id, 1],
        [before[1]!.id, 2],
      ]);
      const next = await store.append('old', 2, [event()]);
      expect(next.nextVersion).toBe(3);
      expect((await store.append('new', 'no_stream', [event()])).nextVersion).toBe(1);
    } finally {
      await store.close();
    }
  });
});
