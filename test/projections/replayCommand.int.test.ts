// `lexbot ops replay` end to end on a test database: swap, verify (exit code 0, then 1 after tampering), --json.
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerReplayCommand } from '../../ops/cli/commands/replay.js';
import { randomUUID } from 'node:crypto';
import { createRedisClient } from '../../projections/redis/index.js';
import { deleteByPattern } from '../../projections/redis/deleteByPattern.js';
import { tableChecksums } from '../../projections/replay/index.js';
import { launchFoldWorkerFromSources } from '../support/foldWorkerFromSources.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { appendAll, createProjectionDb, world, type ProjectionDb } from './support/projectionDb.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('lexbot ops replay', () => {
  let db: ProjectionDb;
  beforeEach(async () => {
    db = await createProjectionDb();
  });
  afterEach(async () => db.drop());

  const run = async (...args: string[]): Promise<{ lines: string[]; exitCode: number }> => runWith({ DATABASE_URL: TEST_DATABASE_URL }, ...args);

  const runWith = async (env: Record<string, string>, ...args: string[]): Promise<{ lines: string[]; exitCode: number }> => {
    const lines: string[] = [];
    let exitCode = 0;
    const program = new Command('lexbot').exitOverride();
    const ops = program.command('ops');
    registerReplayCommand(ops, {
      env: () => env,
      print: (line) => lines.push(line),
      setExitCode: (code) => {
        exitCode = code;
      },
      progress: false,
      launchFoldWorker: launchFoldWorkerFromSources,
    });
    const schemas = ['--schema', db.readModels, '--projector-schema', db.runnerSchema, '--event-store-schema', db.test.schema];
    await program.parseAsync(['node', 'lexbot', 'ops', 'replay', ...schemas, ...args]);
    return { lines, exitCode };
  };

  it('swaps a rebuild in, verifies it, and fails the verification after the live tables were changed', async () => {
    await appendAll(db.store, world({ seed: 31, events: 700, eventsPerUser: 20 }));
    const swapped = await run('--workers', '3');
    expect(swapped.lines.at(-1)).toMatch(/^swapped in at checkpoint/);
    const users = (await tableChecksums(db.pool, db.readModels)).users.rows;
    expect(users).toBeGreaterThan(10);

    const verified = await run('--verify');
    expect(verified.exitCode).toBe(0);
    expect(verified.lines.at(-1)).toMatch(/live equals rebuilt/);

    await db.pool.query(`delete from ${db.readModels}.user_interests where user_id = (select min(user_id) from ${db.readModels}.user_interests)`);
    const json = await run('--verify', '--json', '--workers', '0');
    expect(json.exitCode).toBe(1);
    const report = JSON.parse(json.lines[0]!) as { mode: string; verify: { differences: { table: string }[] } };
    expect(report.verify.differences.map((d) => d.table)).toEqual(['user_interests']);
  });

  it('with Redis configured, also rebuilds the caches into their next generation', async () => {
    const prefix = `replaycmd${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    const redis = createRedisClient({ kind: 'url', url: REDIS_URL });
    try {
      await appendAll(db.store, world({ seed: 32, events: 300, eventsPerUser: 15 }));
      const swapped = await runWith({ DATABASE_URL: TEST_DATABASE_URL, REDIS_URL, NATS_PREFIX: prefix });
      expect(swapped.lines.at(-2)).toMatch(/^swapped in at checkpoint/);
      expect(swapped.lines.at(-1)).toMatch(/^Redis caches rebuilt as generation \d+ from \d+ events/);
      const events = Number(/from (\d+) events/.exec(swapped.lines.at(-1)!)![1]);
      expect(events).toBeGreaterThan(0);
      expect((await redis.keys(`*${prefix}*`)).length).toBeGreaterThan(0);
    } finally {
      await deleteByPattern(redis, `*${prefix}*`);
      redis.disconnect();
    }
  });

  it('refuses an unknown projection', async () => {
    await expect(run('--projection', 'nope')).rejects.toThrow(/unknown projection/);
    await expect(run('--workers', '65')).rejects.toThrow(/--workers must be an integer from 0 to 64/);
  });
});
