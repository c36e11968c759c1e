// CPU and statements per update through the dispatcher alone, with appends arriving as the actors make them: an
// open-loop appender writes each update's outbox (a new user's /start: two sendMessage calls and a reminder timer;
// a returning user's update: one call) to the real PostgreSQL event store, at a fixed rate and in the same process
// (so its appends wake the dispatcher locally, and its NOTIFYs come back on its LISTEN connection, as in
// `lexbot start` with every role in one process). The dispatcher keeps its state and timers in Postgres, with the
// timer poller beside it; the Bot API is a stub that answers on the next turn of the loop, and no mailbox is
// involved (none of these entries is a command, and no timer falls due).
//
//   node dist/test/bench/pipeline/dispatcherCost.js [--rate 100] [--seconds 10] [--new-share 0.3] [--encrypted]
//     [--state-async-commit] [--busy-ms 0 --busy-every-ms 10] [--bot-api stub|undici|node-fetch]
//
// --bot-api undici|node-fetch sends the calls over HTTP instead, through createTelegramCaller (throttle off) with that
// HTTP client, to the Bot API emulator in a child process (botApiCallCost.js --serve, every user's chat known).
//
// --busy-ms N keeps the event loop busy for N ms (a synchronous spin) every --busy-every-ms, as the actors sharing
// the dispatcher's process do at 500/s (tasks of several ms): how much of each phase is waiting for the loop.
// --remote-appends appends through a second store instance, so the dispatcher is woken only by NOTIFY on its LISTEN
// connection (as a dispatcher in a process of its own is), NOTIFYs spaced by --notify-interval-ms (default 10).
//
// --encrypted wraps the store as `lexbot start` does (createEncryptedEventStore, keys in Postgres): a new user's
// UserStarted carries sealed personal fields and every call's payload is sealed, so the dispatcher's reads open them.
//
// Prints process.cpuUsage per update (appends included: the same work in any two builds compared), the Postgres
// statements per update by kind (census.ts), and the Bot API calls' dispatch time by phase (p50 / p99 ms, from
// lexbot_dispatch_phase_seconds), the log reads and the events per read, and the event loop's delay (how long a
// ready callback waited for its turn: part of every phase). Compare builds A/B interleaved on the same machine state.
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createEncryptedEventStore } from '../../../actors/eventStore/encrypted/index.js';
import { createPostgresEventStore } from '../../../actors/eventStore/postgres/index.js';
import { createPostgresKeyStore } from '../../../actors/keys/index.js';
import { compareCheckpoints, type NewEvent } from '../../../actors/eventStore/types.js';
import { createInProcessMailbox } from '../../../actors/mailbox/index.js';
import { OUTBOX_EVENT_TYPES, OUTBOX_SCHEMA_VERSION } from '../../../actors/outbox/outboxEvents.js';
import { createPostgresTimerStore, createTimerPoller } from '../../../actors/timers/index.js';
import { createDispatcher, createDispatcherMetrics, createPostgresDispatcherState } from '../../../gateway/dispatcher/index.js';
import { DISPATCH_PHASES } from '../../../gateway/dispatcher/metrics.js';
import { migrateDatabases } from '../../../ops/migrations/migrateDatabases.js';
import { loadConfig } from '../../../ops/config/config.js';
import { createTestDatabase } from '../../support/database.js';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTelegramCaller, createUndiciFetch, type TelegramCaller } from '../../../gateway/dispatcher/index.js';
import { censusJson, installCensus, resetCensus } from './census.js';
import { PHASE_STAGES, scrapeText, stagesBetween, type Scrape } from './stages.js';

const { values: flags } = parseArgs({
  options: {
    help: { type: 'boolean', default: false },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    'new-share': { type: 'string', default: '0.3' },
    encrypted: { type: 'boolean', default: false },
    'state-async-commit': { type: 'boolean', default: false },
    'busy-ms': { type: 'string', default: '0' },
    'remote-appends': { type: 'boolean', default: false },
    'notify-interval-ms': { type: 'string', default: '10' },
    'busy-every-ms': { type: 'string', default: '10' },
    'bot-api': { type: 'string', default: 'stub' },
  },
});
if (flags.help) {
  process.stdout.write(
    'usage: node dist/test/bench/pipeline/dispatcherCost.js [--rate 100] [--seconds 10] [--new-share 0.3] [--encrypted]\n' +
      '  [--state-async-commit] [--busy-ms 0 --busy-every-ms 10] [--remote-appends --notify-interval-ms 10] [--bot-api stub|undici|node-fetch]\n' +
      '  CPU and Postgres statements per update through the dispatcher alone, dispatch phases, log reads, loop delay (see the header of dispatcherCost.ts)\n',
  );
  process.exit(0);
}

const ENCRYPTED = flags.encrypted;
const RATE = Number(flags.rate);
const SECONDS = Number(flags.seconds);
const NEW_SHARE = Number(flags['new-share']);
const TICK_MS = 10;

const census = installCensus({ postgres: 5432, nats: 4222 });

const outbox = (type: string, data: unknown): NewEvent => ({ id: randomUUID(), type, schemaVersion: OUTBOX_SCHEMA_VERSION, data, metadata: { correlationId: 'bench' } });
const domain = (): NewEvent => ({ id: randomUUID(), type: 'BenchTouched', schemaVersion: 1, data: { at: Date.now() }, metadata: {} });
// A new user's first event with the personal fields the encrypted store seals (its other fields do not matter here).
const started = (user: number): NewEvent => ({
  id: randomUUID(),
  type: 'UserStarted',
  schemaVersion: 1,
  data: { userId: user, firstName: `Bench ${user}`, username: `bench_${user}`, languageCode: 'en', at: new Date().toISOString() },
  metadata: {},
});
const call = (chatId: number, text: string): NewEvent =>
  outbox(OUTBOX_EVENT_TYPES.telegramCall, { method: 'sendMessage', payload: { chat_id: chatId, text }, chatId });

let nextUser = 1;
let outboxEntries = 0;
let updates = 0;
const outboxEntriesPerUpdate = (): number => outboxEntries / Math.max(1, updates);
const update = (): { stream: string; events: NewEvent[] } => {
  const made = make();
  outboxEntries += made.events.length - 1;
  updates += 1;
  return made;
};
const make = (): { stream: string; events: NewEvent[] } => {
  const user = nextUser;
  nextUser += 1;
  if (((user * 2_654_435_761) % 1000) / 1000 < NEW_SHARE) {
    const fireAt = new Date(Date.now() + 24 * 3_600_000).toISOString();
    return {
      stream: `user-${user}`,
      events: [ENCRYPTED ? started(user) : domain(), call(user, 'welcome'), call(user, 'choose a language'), outbox(OUTBOX_EVENT_TYPES.timerScheduled, { timerId: `remind:${user}`, fireAt, target: `user:${user}`, message: { type: 'Remind' } })],
    };
  }
  return { stream: `user-${user}`, events: [domain(), call(user, 'hello')] };
};

/** Where the dispatcher's Bot API calls go (--bot-api): the in-process stub, or the emulator over HTTP. */
const startBotApi = async (users: number): Promise<{ telegram: TelegramCaller; close(): Promise<void> }> => {
  const kind = flags['bot-api'];
  if (kind === 'stub') return { telegram: () => new Promise((resolve) => setImmediate(() => resolve({ ok: true }))), close: async () => undefined };
  if (kind !== 'undici' && kind !== 'node-fetch') throw new Error(`--bot-api stub|undici|node-fetch, not ${String(kind)}`);
  const script = fileURLToPath(new URL('./botApiCallCost.js', import.meta.url));
  const child = fork(script, ['--serve', '--chats', String(users)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { apiRoot, token } = await new Promise<{ apiRoot: string; token: string }>((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${String(code)}`)));
  });
  const http = kind === 'undici' ? createUndiciFetch() : undefined;
  return {
    telegram: createTelegramCaller({ token, apiRoot, throttle: false, ...(http === undefined ? {} : { fetch: http.fetch }) }),
    async close() {
      await http?.close();
      child.disconnect();
    },
  };
};

const main = async (): Promise<void> => {
  const database = await createTestDatabase();
  await migrateDatabases(loadConfig({ DATABASE_URL: database.url }));
  // --state-async-commit: the dispatcher's claims, progress and timers without waiting for their WAL flush (an
  // experiment: how much of claim and visible is that wait).
  const pool = new pg.Pool({ connectionString: database.url, max: 4, ...(flags['state-async-commit'] ? { options: '-c synchronous_commit=off' } : {}) });
  const notifyIntervalMs = Number(flags['notify-interval-ms']);
  const inner = createPostgresEventStore({ connectionString: database.url, poolSize: 16, notifyIntervalMs });
  const appender = flags['remote-appends'] ? createPostgresEventStore({ connectionString: database.url, poolSize: 16, notifyIntervalMs, listen: false }) : undefined;
  // Keys on a pool of their own, as infrastructure.ts wires them (the dispatcher's claims must not queue behind them).
  const keyPool = new pg.Pool({ connectionString: database.url, max: 4 });
  const keys = createPostgresKeyStore({ pool: keyPool });
  const store = ENCRYPTED ? createEncryptedEventStore({ store: inner, keys }) : inner;
  const appendStore = appender === undefined ? store : ENCRYPTED ? createEncryptedEventStore({ store: appender, keys }) : appender;
  const timers = createPostgresTimerStore({ pool });
  const mailbox = createInProcessMailbox({ partitions: 4 });
  const poller = createTimerPoller({ timers, mailbox });
  const registry = new Registry();
  // Every user the run can make (the warm-up's 2 s and the measured seconds at RATE, with room to spare).
  const botApi = await startBotApi(Math.ceil(RATE * (SECONDS + 2) * 1.5) + 100);
  const dispatched = async (): Promise<number> => ((await registry.getSingleMetric('lexbot_dispatch_total')?.get())?.values ?? []).reduce((sum, value) => sum + value.value, 0);
  const dispatcher = createDispatcher({
    store,
    mailbox,
    telegram: botApi.telegram,
    state: createPostgresDispatcherState({ pool }),
    timers,
    logger: pino({ level: 'silent' }),
    metrics: createDispatcherMetrics({ registry }),
    // As the dispatcher role wires it; works with both the older wake() and wake(at).
    onTimerScheduled: (...args: unknown[]) => (poller.wake as (at?: Date) => void)(args[0] as Date | undefined),
  });
  await dispatcher.start();
  poller.start();

  const appendFor = async (ms: number): Promise<number> => {
    const pending: Promise<unknown>[] = [];
    const started = performance.now();
    let sent = 0;
    while (performance.now() - started < ms) {
      const due = Math.floor(((performance.now() - started) / 1000) * RATE);
      for (; sent < due; sent += 1) {
        const { stream, events } = update();
        pending.push(appendStore.append(stream, 'no_stream', events));
      }
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
    await Promise.all(pending);
    return sent;
  };
  const caughtUp = async (): Promise<void> => {
    // Every entry dispatched first: another session's open transaction (the cluster is shared) can hide the log's
    // tail from headCheckpoint for a while.
    while ((await dispatched()) < outboxEntries) await new Promise((resolve) => setTimeout(resolve, 20));
    const head = await store.headCheckpoint();
    while (compareCheckpoints(dispatcher.status().committed, head) < 0) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  const phases = async (): Promise<Scrape> => scrapeText(await registry.metrics());
  await appendFor(2000);
  await caughtUp();
  resetCensus(census);
  const phasesBefore = await phases();
  const busyMs = Number(flags['busy-ms']);
  const spin = (): void => {
    const until = performance.now() + busyMs;
    while (performance.now() < until);
  };
  const busy = busyMs > 0 ? setInterval(spin, Number(flags['busy-every-ms'])) : undefined;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const cpu = process.cpuUsage();
  const n = await appendFor(SECONDS * 1000);
  await caughtUp();
  const used = process.cpuUsage(cpu);
  loopDelay.disable();
  clearInterval(busy);
  const statements = [...census.statements.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${n} updates at ${RATE}/s (${(NEW_SHARE * 100).toFixed(0)} % new users): CPU ${((used.user + used.system) / 1000 / n).toFixed(3)} ms/update ` +
      `(user ${(used.user / 1000 / n).toFixed(3)}, system ${(used.system / 1000 / n).toFixed(3)}), statements ${(statements / n).toFixed(3)}/update`,
  );
  const split = stagesBetween(phasesBefore, await phases());
  console.log(
    `dispatch of Bot API calls by phase, p50 / p99 ms: ${DISPATCH_PHASES.map((phase, index) => {
      const q = split[PHASE_STAGES[index]!];
      return `${phase} ${q === undefined ? '–' : `${q.p50Ms.toFixed(1)} / ${q.p99Ms.toFixed(1)}`}`;
    }).join(', ')}; whole ${((q) => (q === undefined ? '–' : `${q.p50Ms.toFixed(1)} / ${q.p99Ms.toFixed(1)}`))(split.lexbot_dispatch_seconds)}`,
  );
  const reads = [...census.statements.entries()].find(([text]) => text.includes('read_all_held_back'))?.[1] ?? 0;
  const eventsPerUpdate = 1 + outboxEntriesPerUpdate();
  console.log(
    `log reads ${(reads / n).toFixed(3)}/update, ${((n * eventsPerUpdate) / Math.max(1, reads)).toFixed(1)} events/read; ` +
      `event loop delay p50 / p99 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} / ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms (1 ms resolution timer)`,
  );
  console.log(censusJson(census, n));
  await poller.stop();
  await dispatcher.stop();
  await botApi.close();
  await store.close();
  await appender?.close();
  await pool.end();
  await keyPool.end();
  await database.drop();
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
