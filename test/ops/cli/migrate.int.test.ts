import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerMigrateCommand } from '../../../ops/cli/commands/migrate.js';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../../support/postgres.js';

const run = async (env: Record<string, string>, args: string[]): Promise<string[]> => {
  const printed: string[] = [];
  const program = new Command('lexbot').exitOverride();
  const ops = program.command('ops').exitOverride();
  registerMigrateCommand(ops, { env: () => env, print: (line) => printed.push(line) });
  await program.parseAsync(['ops', 'migrate', ...args], { from: 'user' });
  return printed;
};

describe('lexbot ops migrate', () => {
  let db: TestSchema;
  beforeEach(async () => {
    db = await createTestSchema('cli');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('migrates the event store named by EVENTSTORE_URL, then reports it up to date', async () => {
    const env = { EVENTSTORE_URL: TEST_DATABASE_URL };
    const dry = await run(env, ['--event-store-schema', db.schema, '--dry-run']);
    expect(dry[0]).toBe(`eventstore (127.0.0.1:5432/test, schema ${db.schema}): at version 0; would apply 1 create_event_log, 2 create_append_function, 3 append_function_generic_plans, 4 drop_position_primary_key, 5 stream_version_domain`);
    const first = await run(env, ['--event-store-schema', db.schema]);
    expect(first[0]).toMatch(new RegExp(`^eventstore \\(schema ${db.schema}\\): applied 1 create_event_log \\(\\d+ ms\\)$`));
    expect(first[1]).toMatch(/applied 2 create_append_function/);
    expect(first[2]).toMatch(/applied 3 append_function_generic_plans/);
    expect(first[3]).toMatch(/applied 4 drop_position_primary_key/);
    expect(first[4]).toMatch(/applied 5 stream_version_domain/);
    expect(first[5]).toBe(`eventstore (127.0.0.1:5432/test, schema ${db.schema}): up to date at version 5 (applied 5)`);
    const again = JSON.parse((await run(env, ['--event-store-schema', db.schema, '--json']))[0]!) as { dryRun: boolean; migrated: unknown[] };
    expect(again.dryRun).toBe(false);
    expect(again.migrated).toEqual([{ set: 'eventstore', schema: db.schema, database: '127.0.0.1:5432/test', applied: [], pending: [], version: 5 }]);
  });

  it('skips an event store on KurrentDB, which has no schema', async () => {
    const kurrent = JSON.parse((await run({ EVENTSTORE_URL: 'kurrentdb://localhost:2113' }, ['--json']))[0]!) as { migrated: unknown[]; skipped: unknown[] };
    expect(kurrent.migrated).toEqual([]);
    expect(kurrent.skipped).toContainEqual({ set: 'eventstore', reason: expect.stringMatching(/KurrentDB/) as unknown });
  });

  it('fails clearly without a database or with a bad schema name', async () => {
    await expect(run({}, [])).rejects.toThrow(/^nothing to migrate: set .*postgres:\/\//);
    await expect(run({ EVENTSTORE_URL: TEST_DATABASE_URL }, ['--event-store-schema', 'Robert; drop table'])).rejects.toThrow(/invalid event store schema/);
  });
});
