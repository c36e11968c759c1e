// `npm run bench:replay` — the replay benchmark of issue 5 (method and results in BENCHMARKS.md, "Replay"):
//   1. generate a realistic log by driving the domain (world.ts) and COPY it into a fresh event store schema;
//   2. the bare keyset read of that log (the baseline);
//   3. the rebuild (fold in memory + COPY into the shadow schema + indexes + swap), as events/s and as a ratio;
//   4. live projection lag while appending at 1,000 events/s.
// With --live-during-rebuild, a live writer and subscription run beside the rebuild (liveDuringRebuild.ts): how long
// the rebuild holds live readers back. With --verify, `replay --verify` runs after it beside a live projector
// (verifyBeside.ts), with --live-during-verify also beside the live writer and subscription.
import pg from 'pg';
import { createPostgresEventStore } from '../../../actors/eventStore/postgres/index.js';
import { runMigrations } from '../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet, projectorMigrationSet } from '../../../ops/migrations/sets.js';
import { defaultFoldWorkers, foldInWorkers } from '../../../ops/replay/index.js';
import { createReadModelTarget } from '../../../projections/readModels/index.js';
import { replayReadModels, tableChecksums } from '../../../projections/replay/index.js';
import { createDeadLetterStore, createLease, createProjectionRunner } from '../../../projections/runner/index.js';
import { bareKeysetRead } from './keysetRead.js';
import { startLiveProbeInWorker, type LiveProbeResult } from './liveDuringRebuild.js';
import { measureLiveLag } from './liveLag.js';
import { verifyBeside, type VerifyBesideResult } from './verifyBeside.js';
import { copyWorldIntoLog } from './loadLog.js';
import { generateWorld } from './world.js';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const value = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args[i + 1]);
};

if (flag('--help')) {
  console.log(`npm run bench:replay -- [--quick] [--json] [--events N] [--lag-seconds N] [--rate N] [--skip-lag] [--skip-bare] [--keep] [--reuse] [--workers N]
Generates N events (default 1,000,000; --quick 100,000) by driving the domain, loads them into schema
bench_replay_es of BENCH_DATABASE_URL/DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), then measures
the bare keyset read, the rebuild, and live projection lag at --rate events/s (default 1000) for --lag-seconds
(default 30; --quick 10). The rebuild folds in --workers threads (default as \`lexbot ops replay\`: two on two
cores, else one per core but one, at most 8; 0 folds in the main thread). Schemas bench_replay_* are dropped first and afterwards.
--live-during-rebuild: a live writer (--live-rate events/s, default 200) and a subscription run for 5 s, then beside
the rebuild and 2 s after it; prints their append → delivery latency in each window and the longest-held transaction
ids (pg_stat_activity.backend_xid, sampled every few ms) with their statements. Use a cluster of its own: every
write transaction in the cluster holds the log's readers back.
--verify: after the rebuild, \`replay --verify\` while a live projector keeps the rebuilt tables up to date: its time,
how long the projector stood still; with --live-during-verify also a live writer (--live-rate) and subscription, their
latency during it and the verification's longest-held transaction ids (the rebuild's and the comparison's).`);
  process.exit(0);
}

const quick = flag('--quick');
const json = flag('--json');
const total = value('--events', quick ? 100_000 : 1_000_000);
const lagSeconds = value('--lag-seconds', quick ? 10 : 30);
const rate = value('--rate', 1000);
const workers = value('--workers', defaultFoldWorkers());
const liveDuringRebuild = flag('--live-during-rebuild');
const liveRate = value('--live-rate', 200);
const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ES = 'bench_replay_es';
const RM = 'bench_replay_rm';
const PJ = 'bench_replay_pj';
const log = (line: string): void => {
  if (!json) console.log(line);
};

const dropAll = async (pool: pg.Pool): Promise<void> => {
  for (const s of [ES, RM, `${RM}_shadow`, `${RM}_old`, PJ]) await pool.query(`drop schema if exists ${s} cascade`);
};

const main = async (): Promise<void> => {
  const pool = new pg.Pool({ connectionString: url, max: 12, application_name: 'bench_replay' });
  // --reuse keeps the log of an earlier --keep run (same --events), for profiling without regenerating it.
  const reuse = flag('--reuse') && (await pool.query(`select to_regclass('${ES}.events') is not null as found`)).rows[0]?.found === true;
  if (!reuse) await dropAll(pool);
  for (const s of [RM, `${RM}_shadow`, `${RM}_old`, PJ]) await pool.query(`drop schema if exists ${s} cascade`);
  await runMigrations(pool, eventStoreMigrationSet(ES));
  await runMigrations(pool, projectorMigrationSet(PJ));

  // The live writer's world is the same every run: with --reuse, take the last run's appends out of the log first.
  if (reuse) await pool.query(`delete from ${ES}.events where event_id::text like '00000008-%'`);
  const genStarted = performance.now();
  const stats = reuse
    ? { events: Number((await pool.query(`select count(*) as n from ${ES}.events`)).rows[0]?.n), users: 0, outboxEvents: 0, refusals: 0 }
    : await copyWorldIntoLog(pool, ES, generateWorld({ seed: 1, events: total, eventsPerUser: 40 }), 50_000, (n) => log(`  loaded ${n} events`));
  const loadSeconds = (performance.now() - genStarted) / 1000;
  if (!reuse) await pool.query(`vacuum analyze ${ES}.events`);
  log(`log: ${stats.events} events (${stats.outboxEvents} outbox replies, ${stats.users} users, ${stats.refusals} refused commands) ${reuse ? 'reused' : `generated and copied in ${loadSeconds.toFixed(1)} s`}`);

  // Warm the cache the same way for both reads: the baseline first, then ours.
  if (!flag('--skip-bare')) await bareKeysetRead(pool, ES, 5000);
  const bare = flag('--skip-bare') ? { events: 1, seconds: 1, cpuSeconds: 1 } : await bareKeysetRead(pool, ES, 5000);
  const bareRate = bare.events / bare.seconds;
  log(`bare keyset read: ${bare.events} events in ${bare.seconds.toFixed(2)} s = ${Math.round(bareRate)} events/s (this process's CPU ${((bare.cpuSeconds * 1e6) / bare.events).toFixed(1)} µs/event)`);

  const store = createPostgresEventStore({ connectionString: url, schema: ES, poolSize: 4, pollIntervalMs: 200, fastPath: process.env.BENCH_FAST_PATH !== '0' });
  const deadLetters = createDeadLetterStore(PJ);
  const probe = liveDuringRebuild ? await startLiveProbeInWorker({ url, schema: ES, rate: liveRate }) : null;
  let beside: LiveProbeResult | undefined;
  if (probe !== null) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    probe.mark('rebuild');
  }
  const replayStarted = performance.now();
  // As `lexbot ops replay` runs it, with the store the benchmark's log needs (unsealed: no key database).
  const fold = workers > 0 ? foldInWorkers({ store: { eventStoreUrl: url, eventStoreSchema: ES, keysDatabaseUrl: null }, workers }) : undefined;
  const replay = await replayReadModels({ store, pool, schema: RM, deadLetters, pageSize: 5000, ...(fold === undefined ? {} : { fold }) });
  const replaySeconds = (performance.now() - replayStarted) / 1000;
  if (probe !== null) {
    probe.mark('after');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    beside = await probe.stop();
    const live = beside;
    for (const [label, w] of Object.entries(live.windows)) {
      log(`live append → delivery, ${label === 'start' ? 'before the rebuild' : label === 'rebuild' ? 'during the rebuild' : 'after it'}: ${w.events} events, p50 ${w.p50Ms.toFixed(1)} ms, p99 ${w.p99Ms.toFixed(1)} ms, max ${w.maxMs.toFixed(1)} ms`);
    }
    log(`longest-held transaction ids (${live.samples} samples, one per ${live.sampleMs.toFixed(1)} ms):`);
    for (const x of live.xids.slice(0, 12)) log(`  ${x.heldMs.toFixed(0).padStart(6)} ms  ${x.applicationName || '-'}  ${x.query.replace(/\s+/g, ' ')}`);
    if (live.undelivered > 0) log(`  ${live.undelivered} live events not delivered 2 s after the writer stopped`);
  }
  let verified: VerifyBesideResult | undefined;
  if (flag('--verify')) {
    verified = await verifyBeside({
      url,
      pool,
      applicationName: 'bench_replay',
      store,
      eventStoreSchema: ES,
      readModelSchema: RM,
      projectorSchema: PJ,
      deadLetters,
      fold,
      liveRate: flag('--live-during-verify') ? liveRate : null,
    });
    const v = verified;
    log(`verify: ${v.seconds.toFixed(2)} s (read+fold ${v.rebuild.readAndFoldMs} ms, COPY ${v.rebuild.writeMs} ms, indexes ${v.rebuild.indexMs} ms), ${v.differences} table(s) differ; live projector stood still for at most ${v.projectorStallMs.toFixed(0)} ms`);
    if (v.live !== null) {
      const w = v.live.windows['verify'];
      if (w !== undefined) log(`  live append → delivery during it: ${w.events} events, p50 ${w.p50Ms.toFixed(1)} ms, p99 ${w.p99Ms.toFixed(1)} ms, max ${w.maxMs.toFixed(1)} ms`);
      for (const [label, xids] of [['rebuild', v.rebuildXids], ['comparison', v.compareXids]] as const) {
        log(`  its ${xids.length} ${label} xids, longest: ${xids.slice(0, 3).map((x) => `${x.heldMs.toFixed(0)} ms (${x.query.replace(/\s+/g, ' ').slice(0, 50)} … ${x.lastQuery.replace(/\s+/g, ' ').slice(0, 50)})`).join('; ') || '-'}`);
      }
    }
  }
  const replayRate = replay.rebuild.events / replaySeconds;
  const rows = await tableChecksums(pool, RM);
  const rowCount = Object.values(rows).reduce((n, t) => n + t.rows, 0);
  log(
    `rebuild: ${replay.rebuild.events} events in ${replaySeconds.toFixed(2)} s = ${Math.round(replayRate)} events/s ` +
      `(${flag('--skip-bare') ? 'bare read skipped' : `${(replayRate / bareRate).toFixed(2)} × bare read`}; read+fold ${replay.rebuild.readAndFoldMs} ms, COPY ${replay.rebuild.writeMs} ms of ${rowCount} rows, indexes ${replay.rebuild.indexMs} ms)`,
  );
  log(`  folded in ${workers > 0 ? `${workers} worker thread(s)` : 'the main thread'}; this process's CPU (all threads) while reading and folding: ${((replay.rebuild.readAndFoldCpuMs * 1000) / replay.rebuild.events).toFixed(1)} µs/event`);
  log(`  rows: ${Object.entries(rows).map(([t, c]) => `${t} ${c.rows}`).join(', ')}`);

  if (flag('--skip-lag')) {
    if (json) console.log(JSON.stringify({ events: stats.events, bareKeysetRead: { seconds: bare.seconds, eventsPerSecond: Math.round(bareRate) }, rebuild: { seconds: replaySeconds, eventsPerSecond: Math.round(replayRate), ratioToBare: Number((replayRate / bareRate).toFixed(3)), ...replay.rebuild, checkpoint: undefined, rows: rowCount }, ...(beside === undefined ? {} : { liveDuringRebuild: { ...beside, xids: beside.xids.slice(0, 30) } }), ...(verified === undefined ? {} : { verify: { ...verified, rebuildXids: verified.rebuildXids.slice(0, 10), compareXids: verified.compareXids.slice(0, 10), live: verified.live === null ? null : { ...verified.live, xids: undefined } } }) }));
    await store.close();
    if (!flag('--keep')) await dropAll(pool);
    await pool.end();
    return;
  }
  const runner = createProjectionRunner({
    store,
    target: createReadModelTarget({ pool, schema: RM, deadLetters }),
    lease: createLease({ pool, projection: 'read_models', owner: 'bench', schema: PJ }),
    deadLetters,
    pool,
    batchSize: 500,
    maxWaitMs: 20,
    leaseIntervalMs: 500,
  });
  runner.start();
  const live = generateWorld({ seed: 2, events: Number.MAX_SAFE_INTEGER, eventsPerUser: 40, namespace: 9, start: new Date('2026-06-01T00:00:00Z') });
  const lag = await measureLiveLag(store, runner, live, rate, lagSeconds);
  await runner.stop();
  log(`live lag at ${Math.round(lag.rate)} events/s for ${lag.seconds.toFixed(0)} s: commit → projected p50 ${lag.p50Ms.toFixed(1)} ms, p99 ${lag.p99Ms.toFixed(1)} ms, max ${lag.maxMs.toFixed(1)} ms`);

  const result = {
    events: stats.events,
    users: stats.users,
    outboxEvents: stats.outboxEvents,
    bareKeysetRead: { seconds: bare.seconds, eventsPerSecond: Math.round(bareRate) },
    rebuild: { seconds: replaySeconds, eventsPerSecond: Math.round(replayRate), ratioToBare: Number((replayRate / bareRate).toFixed(3)), ...replay.rebuild, checkpoint: undefined, rows: rowCount },
    liveLag: lag,
    ...(beside === undefined ? {} : { liveDuringRebuild: { ...beside, xids: beside.xids.slice(0, 30) } }),
  };
  if (json) console.log(JSON.stringify(result));
  await store.close();
  if (!flag('--keep')) await dropAll(pool);
  await pool.end();
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
