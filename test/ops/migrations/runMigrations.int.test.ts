import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, runMigrations, type MigrationSet } from '../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet } from '../../../ops/migrations/sets.js';
import { createTestSchema, type TestSchema } from '../../support/postgres.js';

describe('runMigrations', () => {
  let db: TestSchema;
  beforeEach(async () => {
    db = await createTestSchema('mig');
  });
  afterEach(async () => {
    await db.drop();
  });

  const tables = async (): Promise<string[]> =>
    (await db.pool.query<{ t: string }>('select table_name as t from information_schema.tables where table_schema = $1 order by 1', [db.schema])).rows.map((r) => r.t);

  const smallSet = (sqls: string[]): MigrationSet => ({
    name: 'sample',
    schema: db.schema,
    migrations: sqls.map((sql, index) => ({ id: index + 1, name: `m${index + 1}`, sql })),
  });

  it('applies the event store migrations once and then finds nothing to do', async () => {
    const applied: number[] = [];
    const first = await runMigrations(db.pool, eventStoreMigrationSet(db.schema), { onApplied: (_set, m) => applied.push(m.id) });
    expect(first.applied.map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
    expect(applied).toEqual([1, 2, 3, 4, 5]);
    expect(first).toMatchObject({ set: 'eventstore', schema: db.schema, version: 5, pending: [] });
    expect(await tables()).toEqual(['events', 'schema_migrations', 'snapshots']);
    const second = await runMigrations(db.pool, eventStoreMigrationSet(db.schema));
    expect(second).toMatchObject({ applied: [], pending: [], version: 5 });
  });

  it('lets concurrent runs apply each migration exactly once', async () => {
    const reports = await Promise.all(Array.from({ length: 5 }, () => runMigrations(db.pool, eventStoreMigrationSet(db.schema))));
    expect(reports.flatMap((r) => r.applied.map((m) => m.id)).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(reports.every((r) => r.version === 5)).toBe(true);
  });

  it('lists pending migrations on a dry run without changing anything', async () => {
    const report = await runMigrations(db.pool, eventStoreMigrationSet(db.schema), { dryRun: true });
    expect(report).toMatchObject({
      applied: [],
      version: 0,
      pending: [
        { id: 1, name: 'create_event_log' },
        { id: 2, name: 'create_append_function' },
        { id: 3, name: 'append_function_generic_plans' },
        { id: 4, name: 'drop_position_primary_key' },
        { id: 5, name: 'stream_version_domain' },
      ],
    });
    expect(await tables()).toEqual([]);
  });

  it('refuses a migration edited after it was applied', async () => {
    await runMigrations(db.pool, smallSet([`create table ${db.schema}.a (id int)`]));
    const edited = smallSet([`create table ${db.schema}.a (id bigint)`]);
    await expect(runMigrations(db.pool, edited)).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
  });

  it('refuses a database that ran migrations this code does not know', async () => {
    await runMigrations(db.pool, smallSet([`create table ${db.schema}.a (id int)`, `create table ${db.schema}.b (id int)`]));
    const older = smallSet([`create table ${db.schema}.a (id int)`]);
    const error = await runMigrations(db.pool, older).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ code: 'UNKNOWN_MIGRATION' });
  });

  it('rolls back a failing migration whole, keeping the ones before it', async () => {
    const set = smallSet([`create table ${db.schema}.a (id int)`, `create table ${db.schema}.b (id int); select 1/0`]);
    await expect(runMigrations(db.pool, set)).rejects.toThrow(/division by zero/);
    expect(await tables()).toEqual(['a', 'schema_migrations']);
    const fixed = smallSet([`create table ${db.schema}.a (id int)`, `create table ${db.schema}.b (id int)`]);
    expect((await runMigrations(db.pool, fixed)).applied.map((m) => m.id)).toEqual([2]);
  });

  it('refuses sets whose ids are not 1, 2, 3, … or whose schema is not a plain name', async () => {
    const gap: MigrationSet = { name: 'gap', schema: db.schema, migrations: [{ id: 2, name: 'x', sql: 'select 1' }] };
    await expect(runMigrations(db.pool, gap)).rejects.toMatchObject({ code: 'INVALID_MIGRATIONS' });
    await expect(runMigrations(db.pool, { ...gap, schema: 'Bad-Name' })).rejects.toMatchObject({ code: 'INVALID_MIGRATIONS' });
  });
});
