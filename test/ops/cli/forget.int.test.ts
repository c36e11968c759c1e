// `lexbot ops forget`: the operator's /delete_me. A user with a profile and an open request is forgotten (the
// partner's notice queued), their key deleted, nothing personal readable afterwards; repeating it, or naming nobody,
// says so.
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEncryptedEventStore } from '../../../actors/eventStore/encrypted/index.js';
import { createPostgresEventStore } from '../../../actors/eventStore/postgres/index.js';
import { START, type EventStore } from '../../../actors/eventStore/types.js';
import { createPostgresKeyStore, type KeyStore } from '../../../actors/keys/index.js';
import { userEventCodec } from '../../../actors/userActor/codec.js';
import { createSession, type CommandInput } from '../../../actors/userActor/session.js';
import { evolveUserActor, timersOf } from '../../../actors/userActor/userBehavior.js';
import { initialState } from '../../../domain/user/index.js';
import { registerForgetCommand } from '../../../ops/cli/commands/forget.js';
import { loadConfig } from '../../../ops/config/config.js';
import { migrateDatabases } from '../../../ops/migrations/migrateDatabases.js';
import { seedProfileCommands } from '../../support/botHarness.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { settle } from '../../support/settlePostgres.js';

const run = async (env: Record<string, string>, args: string[]): Promise<{ printed: string[]; exitCode: number }> => {
  const printed: string[] = [];
  let exitCode = 0;
  const program = new Command('lexbot').exitOverride();
  const ops = program.command('ops').exitOverride();
  registerForgetCommand(ops, { env: () => env, print: (line) => printed.push(line), setExitCode: (code) => (exitCode = code), now: () => new Date() });
  await program.parseAsync(['ops', 'forget', ...args], { from: 'user' });
  return { printed, exitCode };
};

describe('lexbot ops forget', () => {
  let db: TestDatabase;
  let inner: EventStore;
  let pool: pg.Pool;
  let keys: KeyStore;
  let store: EventStore;
  beforeEach(async () => {
    db = await createTestDatabase();
    await migrateDatabases(loadConfig({ DATABASE_URL: db.url }));
    inner = createPostgresEventStore({ connectionString: db.url, poolSize: 2 });
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    keys = createPostgresKeyStore({ pool });
    store = createEncryptedEventStore({ store: inner, keys });
  });
  afterEach(async () => {
    await inner.close();
    await pool.end();
    await db.drop();
  });

  const seed = async (userId: string, commands: readonly CommandInput[]): Promise<void> => {
    const stream = `user-${userId}`;
    const recorded = await store.readStream(stream);
    const state = recorded.map((event) => userEventCodec.decode(event)).reduce(evolveUserActor, initialState());
    const session = createSession(userId, state, new Date(), `seed:${randomUUID().slice(0, 8)}`);
    for (const command of commands) session.decide(command);
    const output = [...session.output, ...timersOf(userId, session.output, session.state)];
    await store.append(stream, recorded.at(-1)?.streamVersion ?? 'no_stream', output.map((event) => ({ id: randomUUID(), ...userEventCodec.encode(event) })));
  };
  const logText = async (reader: EventStore): Promise<string> => {
    await settle(pool);
    return JSON.stringify((await reader.readAll(START, 10_000)).events.map((e) => e.data));
  };

  it('forgets a user, queues the partner notice, deletes the key; repeating or naming nobody says so', async () => {
    await seed('501', [...seedProfileCommands({ id: 501, firstName: 'Wilhelmina', username: 'wil_h' }), { type: 'SetBio', data: { bio: 'Wilhelmina loves Tallinn' } }]);
    await seed('502', seedProfileCommands({ id: 502, firstName: 'Partner' }, 'ru', 'en'));
    await seed('501', [{ type: 'RequestPartner', data: { target: '502' } }]);
    expect(await logText(store)).toContain('Wilhelmina');
    expect(await logText(inner)).not.toContain('Wilhelmina');

    const env = { DATABASE_URL: db.url };
    const first = await run(env, ['501', '--json']);
    expect(JSON.parse(first.printed[0]!)).toMatchObject({ userId: '501', result: 'forgotten', tandemsClosed: 1, liveKeyVersions: [] });
    expect(first.exitCode).toBe(0);
    expect(await keys.liveVersions('501')).toEqual([]);
    expect(await keys.liveVersions('502')).toEqual([1]);
    const fresh = createEncryptedEventStore({ store: inner, keys: createPostgresKeyStore({ pool }) });
    const after = await logText(fresh);
    expect(after).not.toMatch(/Wilhelmina|wil_h|Tallinn/);
    expect(after).toContain('Partner');
    const tail = (await fresh.readStream('user-501')).slice(-2).map((e) => e.type);
    expect(tail).toEqual(['CrossActorCommandQueued', 'UserForgotten']);

    expect((await run(env, ['501'])).printed).toEqual(['user 501 was already forgotten; their personal data key is deleted']);
    const nobody = await run(env, ['999', '--json']);
    expect(JSON.parse(nobody.printed[0]!)).toMatchObject({ result: 'unknown_user' });
    expect(nobody.exitCode).toBe(1);
  });

  it('refuses what is not a Telegram id, and has --help', async () => {
    await expect(run({ DATABASE_URL: db.url }, ['abc'])).rejects.toThrow(/positive whole number/);
    const help: string[] = [];
    const program = new Command('lexbot').exitOverride().configureOutput({ writeOut: (text) => help.push(text) });
    registerForgetCommand(program.command('ops').exitOverride());
    await expect(program.parseAsync(['ops', 'forget', '--help'], { from: 'user' })).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    expect(help.join('')).toMatch(/forget a user as \/delete_me does/);
  });
});
