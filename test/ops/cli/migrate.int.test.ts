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
    expect(dry).toEqual([`eventstore (127.0.0.1:5432/test, schema ${db.schema}): at version 0; would apply 1 create_event_log, 2 create_append_function`]);
    const first = await run(env, ['--event-store-schema', db.schema]);
    expect(first[0]).toMatch(new RegExp(`^eventstore \\(schema ${db.schema}\\): applied 1 create_event_log \\(\\d+ ms\\)$`));
    expect(first[1]).toMatch(/applied 2 create_append_function/);
    expect(first[2]).toBe(`eventstore (127.0.0.1:5432/test, schema ${db.schema}): up to date at version 2 (applied 2)`);
    const again = JSON.parse((await run(env, ['--event-store-schema', db.schema, '--json']))[0]!) as unknown;
    expect(again).toEqual({
      dryRun: false,
      migrated: [{ set: 'eventstore', schema: db.schema, database: '127.0.0.1:5432/test', applied: [], pending: [], version: 2 }],
      skipped: [],
    });
  });

  it('falls back to DATABASE_URL and skips a KurrentDB event store', async () => {
    const viaDatabase = await run({ DATABASE_URL: TEST_DATABASE_URL }, ['--event-store-schema', db.schema, '--json']);
    expect(JSON.parse(viaDatabase[0]!)).toMatchObject({ migrated: [{ version: 2 }] });
    const kurrent = await run({ DATABASE_URL: TEST_DATABASE_URL, EVENTSTORE_URL: 'kurrentdb://localhost:2113' }, ['--json']);
    expect(JSON.parse(kurrent[0]!)).toMatchObject({ migrated: [], skipped: [{ set: 'eventstore' }] });
  });

  it('fails clearly without a database or with a bad schema name', async () => {
    await expect(run({}, [])).rejects.toThrow(/nothing to migrate: set EVENTSTORE_URL or DATABASE_URL/);
    await expect(run({ EVENTSTORE_URL: TEST_DATABASE_URL }, ['--event-store-schema', 'Robert; drop table'])).rejects.toThrow(/invalid event store schema/);
  });
});
