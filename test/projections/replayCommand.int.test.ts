// `lexbot ops replay` end to end on a test database: swap, verify (exit code 0, then 1 after tampering), --json.
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerReplayCommand } from '../../ops/cli/commands/replay.js';
import { tableChecksums } from '../../projections/replay/index.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { appendAll, createProjectionDb, world, type ProjectionDb } from './support/projectionDb.js';

describe('lexbot ops replay', () => {
  let db: ProjectionDb;
  beforeEach(async () => {
    db = await createProjectionDb();
  });
  afterEach(async () => db.drop());

  const run = async (...args: string[]): Promise<{ lines: string[]; exitCode: number }> => {
    const lines: string[] = [];
    let exitCode = 0;
    const program = new Command('lexbot').exitOverride();
    const ops = program.command('ops');
    registerReplayCommand(ops, {
      env: () => ({ DATABASE_URL: TEST_DATABASE_URL }),
      print: (line) => lines.push(line),
      setExitCode: (code) => {
        exitCode = code;
      },
      progress: false,
    });
    const schemas = ['--schema', db.readModels, '--projector-schema', db.runnerSchema, '--event-store-schema', db.test.schema];
    await program.parseAsync(['node', 'lexbot', 'ops', 'replay', ...schemas, ...args]);
    return { lines, exitCode };
  };

  it('swaps a rebuild in, verifies it, and fails the verification after the live tables were changed', async () => {
    await appendAll(db.store, world({ seed: 31, events: 700, eventsPerUser: 20 }));
    const swapped = await run();
    expect(swapped.lines.at(-1)).toMatch(/^swapped in at checkpoint/);
    const users = (await tableChecksums(db.pool, db.readModels)).users.rows;
    expect(users).toBeGreaterThan(10);

    const verified = await run('--verify');
    expect(verified.exitCode).toBe(0);
    expect(verified.lines.at(-1)).toMatch(/live equals rebuilt/);

    await db.pool.query(`delete from ${db.readModels}.user_interests where user_id = (select min(user_id) from ${db.readModels}.user_interests)`);
    const json = await run('--verify', '--json');
    expect(json.exitCode).toBe(1);
    const report = JSON.parse(json.lines[0]!) as { mode: string; verify: { differences: { table: string }[] } };
    expect(report.verify.differences.map((d) => d.table)).toEqual(['user_interests']);
  });

  it('refuses an unknown projection', async () => {
    await expect(run('--projection', 'nope')).rejects.toThrow(/unknown projection/);
  });
});
