// `npm run bench:memory` — the memory benchmark (method and results in BENCHMARKS.md, "Memory"): a million registered
// users' log (loadUsers.ts), then an actor worker process with 100,000 live actors (worker.ts): cold load latency,
// RSS and heap, and a steady phase where the LRU evicts. Schemas are dropped first and at the end, also on failure.
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import pg from 'pg';
import { runMigrations } from '../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet, keyMigrationSet } from '../../../ops/migrations/sets.js';
import { loadInThreads } from './loadInThreads.js';
import { HELP, parseOptions } from './options.js';
import { printReport, type LogFacts } from './report.js';
import type { WorkerInput, WorkerResult } from './workerTypes.js';

const options = parseOptions(process.argv.slice(2));
const ES = `${options.prefix}_es`;
const KS = `${options.prefix}_keys`;
const SNAPSHOT_EVERY = 50; // ops/roles/actorsRole.ts's default
const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (line: string): void => {
  if (!options.json) console.log(line);
};

const dropAll = async (pool: pg.Pool): Promise<void> => {
  for (const schema of [ES, KS]) await pool.query(`drop schema if exists ${schema} cascade`);
};

const prepareLog = async (pool: pg.Pool): Promise<LogFacts> => {
  const found = (await pool.query(`select to_regclass('${ES}.events') is not null and to_regclass('${KS}.user_keys') is not null as found`)).rows[0]?.found === true;
  if (options.reuse && found) {
    const perNamespace = await pool.query<{ namespace: string; n: string }>(
      `select owner::bigint / 100000000 - 1 as namespace, count(distinct owner) as n from ${KS}.user_keys group by 1 order by 1`,
    );
    const usersPerNamespace = perNamespace.rows.map((row) => Number(row.n));
    const users = usersPerNamespace.reduce((a, b) => a + b, 0);
    const events = Number((await pool.query(`select count(*) as n from ${ES}.events`)).rows[0]?.n);
    const snapshots = Number((await pool.query(`select count(*) as n from ${ES}.snapshots`)).rows[0]?.n);
    log(`log reused: ${users} users, ${events} events, ${snapshots} snapshots`);
    return { users, usersPerNamespace, events, outboxEvents: null, snapshots, keys: null, generateSeconds: null, snapshotSeconds: null, ...(await sizes(pool)) };
  }
  await dropAll(pool);
  await runMigrations(pool, eventStoreMigrationSet(ES));
  await runMigrations(pool, keyMigrationSet(KS));
  const started = performance.now();
  let lastReport = 0;
  const loaded = await loadInThreads({ url, eventSchema: ES, keySchema: KS, eventsPerUser: options.eventsPerUser, snapshotEvery: SNAPSHOT_EVERY }, options.users, options.threads, (events) => {
    if (events - lastReport < 1_000_000) return;
    lastReport = events;
    log(`  ${events} events copied (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  });
  await pool.query(`analyze ${ES}.events`);
  await pool.query(`analyze ${ES}.snapshots`);
  await pool.query(`analyze ${KS}.user_keys`);
  const generateSeconds = (performance.now() - started) / 1000;
  log(
    `log: ${loaded.world.users} users, ${loaded.world.events} events (${loaded.world.outboxEvents} outbox replies, ${loaded.world.refusals} refused commands), ` +
      `${loaded.keys} key rows, ${loaded.snapshots} snapshots, in ${generateSeconds.toFixed(1)} s (log ${loaded.seconds.toFixed(0)} s, then snapshots ${loaded.snapshotSeconds.toFixed(0)} s)`,
  );
  const snapshots = loaded.snapshots;
  const snapshotSeconds = loaded.snapshotSeconds;
  return { users: loaded.world.users, usersPerNamespace: loaded.usersPerNamespace, events: loaded.world.events, outboxEvents: loaded.world.outboxEvents, snapshots, keys: loaded.keys, generateSeconds, snapshotSeconds, ...(await sizes(pool)) };
};

const sizes = async (pool: pg.Pool): Promise<{ eventsBytes: number; snapshotsBytes: number; keysBytes: number }> => {
  const size = async (table: string): Promise<number> => Number((await pool.query(`select pg_total_relation_size('${table}') as n`)).rows[0]?.n);
  return { eventsBytes: await size(`${ES}.events`), snapshotsBytes: await size(`${ES}.snapshots`), keysBytes: await size(`${KS}.user_keys`) };
};

const runWorker = (input: WorkerInput): Promise<WorkerResult> =>
  new Promise((resolve, reject) => {
    const child = fork(new URL('./worker.js', import.meta.url), [JSON.stringify(input)], { execArgv: ['--expose-gc'] });
    let result: WorkerResult | undefined;
    const stop = (): void => {
      child.kill('SIGTERM');
    };
    process.once('SIGINT', stop).once('SIGTERM', stop);
    child.on('message', (message) => {
      result = message as WorkerResult;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      if (result !== undefined) resolve(result);
      else reject(new Error(`the worker process exited with ${signal ?? `code ${code}`}`));
    });
  });

const main = async (): Promise<void> => {
  if (options.help) {
    console.log(HELP);
    return;
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // Dropped on the way out, whatever happens: an interrupted run must not leave a 3 GB schema behind.
  const interrupted = new Promise<never>((_resolve, reject) => {
    const onSignal = (signal: string) => reject(new Error(`interrupted by ${signal}`));
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  });
  interrupted.catch(() => undefined);
  try {
    log(`memory benchmark: ${options.users} users, live cap ${options.live}, ${options.serial} loaded one at a time, ${options.steady} arriving later, concurrency ${options.concurrency}; load average ${loadavg()[0]!.toFixed(1)}`);
    const facts = await Promise.race([prepareLog(pool), interrupted]);
    const worker = await Promise.race([
      runWorker({ url, eventSchema: ES, keySchema: KS, usersPerNamespace: facts.usersPerNamespace, live: options.live, serial: options.serial, steady: options.steady, concurrency: options.concurrency, snapshotEvery: SNAPSHOT_EVERY, seed: 11, updateIdBase: Date.now(), quiet: options.json, ...(options.heapSnapshot === undefined ? {} : { heapSnapshot: options.heapSnapshot }) }),
      interrupted,
    ]);
    if (options.json) console.log(JSON.stringify({ log: facts, worker }));
    else printReport(facts, worker);
  } finally {
    if (!options.keep) await dropAll(pool);
    await pool.end();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
