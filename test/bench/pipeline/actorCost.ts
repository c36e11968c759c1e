// CPU and statements per update through the actor host alone — no gateway, NATS or dispatcher: realistic updates
// (the benchmark's mix: a new user's /start, then text, /help, /start and button presses) go straight to
// host.tell(), as the actor worker would hand them over, against the real PostgreSQL event store behind the
// crypto-shredding wrapper and the group committer, as the actors role wires them.
//
//   node dist/test/bench/pipeline/actorCost.js [--users 400] [--rounds 5] [--concurrency 64] [--store postgres|memory]
//
// Prints process.cpuUsage (user and system ms) per update for new users (their first /start) and returning users,
// the garbage collector's pauses per update (PerformanceObserver 'gc': all pauses, and the scavenges among them)
// and the Postgres statements per update (census.ts). Run it on the same machine state when comparing two builds.
import { constants as perfConstants, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createEncryptedEventStore } from '../../../actors/eventStore/encrypted/index.js';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import { createPostgresEventStore } from '../../../actors/eventStore/postgres/index.js';
import type { EventStore } from '../../../actors/eventStore/types.js';
import { createMemoryKeyStore, createPostgresKeyStore } from '../../../actors/keys/index.js';
import { createActorHost } from '../../../actors/runtime/actorHost.js';
import { createGroupCommitter } from '../../../actors/runtime/groupCommit.js';
import { createHandlers } from '../../../actors/userActor/bot/handlers/index.js';
import { userEventCodec, userStateCodec } from '../../../actors/userActor/codec.js';
import type { UserActorMessage } from '../../../actors/userActor/messages.js';
import { createUserBehavior, userStreamOfKey } from '../../../actors/userActor/userBehavior.js';
import { callbackQueryUpdate, textMessageUpdate } from '../../../gateway/telegramEmulator/index.js';
import { migrateDatabases } from '../../../ops/migrations/migrateDatabases.js';
import { loadConfig } from '../../../ops/config/config.js';
import { createTestDatabase } from '../../support/database.js';
import { censusJson, installCensus, resetCensus } from './census.js';

const { values: flags } = parseArgs({
  options: {
    users: { type: 'string', default: '400' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '64' },
    store: { type: 'string', default: 'postgres' },
    // With --concurrency 1: CPU spent inside each store method, from call to settlement (nothing else runs then).
    phases: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log('node dist/test/bench/pipeline/actorCost.js [--users 400] [--rounds 5] [--concurrency 64] [--store postgres|memory] [--phases]');
  process.exit(0);
}
const USERS = Number(flags.users);
const ROUNDS = Number(flags.rounds);
const CONCURRENCY = Number(flags.concurrency);

const census = installCensus({ postgres: 5432, nats: 4222 });
const TEXTS = ['hello', 'hi! how does this work?', 'I want to practise Spanish', 'привет', 'thanks'];
const BUTTONS = ['lang:es', 'find:next', 'profile:edit', 'menu:main'];
const LANGUAGES = ['en', 'ru', 'es', 'de', 'fr', 'ja'];

let updateId = 1;
let seed = 7;
const random = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4_294_967_296;
};

const messageFor = (userId: number, first: boolean): UserActorMessage => {
  const from = { id: userId, first_name: 'Olga', language_code: LANGUAGES[userId % LANGUAGES.length]! };
  const roll = random();
  const payload = first || (roll >= 0.65 && roll < 0.75)
    ? textMessageUpdate(from, '/start')
    : roll < 0.5
      ? textMessageUpdate(from, TEXTS[Math.floor(random() * TEXTS.length)]!)
      : roll < 0.65
        ? textMessageUpdate(from, '/help')
        : callbackQueryUpdate(from, BUTTONS[Math.floor(random() * BUTTONS.length)]!);
  const id = updateId;
  updateId += 1;
  return { kind: 'update', id: `tg:${id}`, update: { update_id: id, ...payload } as never, trace: { correlationId: `tg:${id}` } };
};

const openStore = async (): Promise<{ store: EventStore; close(): Promise<void> }> => {
  if (flags.store === 'memory') {
    return { store: createEncryptedEventStore({ store: createMemoryEventStore(), keys: createMemoryKeyStore() }), close: async () => undefined };
  }
  const database = await createTestDatabase();
  await migrateDatabases(loadConfig({ DATABASE_URL: database.url }));
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  const inner = createPostgresEventStore({ connectionString: database.url, poolSize: 16 });
  const store = createEncryptedEventStore({ store: inner, keys: createPostgresKeyStore({ pool }) });
  return {
    store,
    async close() {
      await inner.close();
      await pool.end();
      await database.drop();
    },
  };
};

// Pause time as the 'gc' entries report it (main-thread pauses; concurrent marking on helper threads is not in it).
const gc = { ms: 0, scavengeMs: 0, count: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.ms += entry.duration;
    gc.count += 1;
    if ((entry as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) gc.scavengeMs += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

const phaseCpu = new Map<string, number>();
const timed = (store: EventStore): EventStore => {
  if (!flags.phases) return store;
  const wrap = <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const before = process.cpuUsage();
      try {
        return await fn(...args);
      } finally {
        const used = process.cpuUsage(before);
        phaseCpu.set(name, (phaseCpu.get(name) ?? 0) + used.user + used.system);
      }
    };
  return {
    ...store,
    appendMany: wrap('appendMany', store.appendMany.bind(store)),
    readStream: wrap('readStream', store.readStream.bind(store)),
    readLatest: wrap('readLatest', store.readLatest.bind(store)),
    loadSnapshot: wrap('loadSnapshot', store.loadSnapshot.bind(store)),
    saveSnapshot: wrap('saveSnapshot', store.saveSnapshot.bind(store)),
  };
};

const main = async (): Promise<void> => {
  const opened = await openStore();
  const store = timed(opened.store);
  const close = opened.close;
  const host = createActorHost({
    store,
    committer: createGroupCommitter(store),
    behavior: createUserBehavior({
      token: '123456:bench',
      botInfo: { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as never,
      handlers: createHandlers(),
    }),
    codec: userEventCodec,
    stateCodec: userStateCodec,
    streamOf: userStreamOfKey,
    snapshotEvery: 50,
  });
  const run = async (label: string, messages: readonly [string, UserActorMessage][]): Promise<void> => {
    resetCensus(census);
    // Entries of GCs before this phase arrive asynchronously: let them land before counting from zero.
    await new Promise((resolve) => setImmediate(resolve));
    Object.assign(gc, { ms: 0, scavengeMs: 0, count: 0 });
    const cpu = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < messages.length) {
        const [key, message] = messages[next]!;
        next += 1;
        await host.tell(key, message);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const used = process.cpuUsage(cpu);
    await new Promise((resolve) => setImmediate(resolve));
    const n = messages.length;
    const statements = [...census.statements.values()].reduce((a, b) => a + b, 0);
    console.log(
      `${label.padEnd(22)} ${String(n).padStart(6)} updates  user ${(used.user / 1000 / n).toFixed(3)} ms  system ${(used.system / 1000 / n).toFixed(3)} ms  ` +
        `total ${((used.user + used.system) / 1000 / n).toFixed(3)} ms/update  statements ${(statements / n).toFixed(2)}/update  ${((n / (performance.now() - started)) * 1000).toFixed(0)}/s  ` +
        `gc ${((gc.ms * 1000) / n).toFixed(1)} us/update (scavenges ${((gc.scavengeMs * 1000) / n).toFixed(1)}, ${gc.count} pauses)`,
    );
    if (process.env.ACTOR_COST_CENSUS === '1') console.log(censusJson(census, n));
    if (flags.phases) {
      const line = [...phaseCpu].map(([name, micros]) => `${name} ${(micros / 1000 / n).toFixed(3)}`).join('  ');
      console.log(`  CPU ms/update inside the store: ${line}`);
      phaseCpu.clear();
    }
  };
  // Warm-up (JIT, prepared statements, pool connections) on users of their own.
  await run('warm-up', Array.from({ length: 200 }, (_, i) => [`user:${900_000 + i}`, messageFor(900_000 + i, true)]));
  const keys = Array.from({ length: USERS }, (_, i) => 1_000_000 + i);
  await run('new users (/start)', keys.map((id) => [`user:${id}`, messageFor(id, true)]));
  const returning: [string, UserActorMessage][] = [];
  for (let round = 0; round < ROUNDS; round += 1) for (const id of keys) returning.push([`user:${id}`, messageFor(id, false)]);
  await run('returning users', returning);
  await host.close();
  await close();
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
