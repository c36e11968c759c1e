// `npm run build && node dist/test/bench/eventStore/cpuPerAppend.js [--appends N] [--rounds N]`: CPU time per
// one-event append at concurrency 1 — this process plus its PostgreSQL backend (read from /proc, so the database
// must run on this host) — for ours, Emmett and the bare insert. On a machine shared with other work, wall-clock
// rates at concurrency 1 swing by ±50 % from round to round; CPU time per append barely moves, and on an idle
// machine it is what sets the rate (with the WAL flush and the round trips, which this does not count).
// NOTIFY is off for ours here (it is one notification per 10 ms at most, on its own connection).
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { createAdmin, openBare, openEmmett, openOurStore } from './stores.js';
import { benchEvent } from './workloads.js';

const args = process.argv.slice(2);
const value = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args[i + 1]);
};
const appends = value('--appends', 2000);
const rounds = value('--rounds', 5);
const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

const backendCpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
};
const backendPid = async (pool: pg.Pool): Promise<number> => (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;

interface Sample {
  readonly clientUs: number;
  readonly serverUs: number;
  readonly wallUs: number;
}

const measure = async (pool: pg.Pool, append: (stream: string) => Promise<void>, tag: string): Promise<Sample> => {
  const pid = await backendPid(pool);
  for (let i = 0; i < 200; i += 1) await append(`warm-${tag}-${i}`);
  const server0 = backendCpuSeconds(pid);
  const client0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < appends; i += 1) await append(`cpu-${tag}-${i}`);
  const wall = performance.now() - wall0;
  const client = process.cpuUsage(client0);
  const server = backendCpuSeconds(pid) - server0;
  if ((await backendPid(pool)) !== pid) throw new Error('the pool changed connections during the measurement');
  return { clientUs: (client.user + client.system) / appends, serverUs: (server * 1e6) / appends, wallUs: (wall * 1000) / appends };
};

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const main = async (): Promise<void> => {
  const admin = createAdmin(url);
  try {
    const ours = await openOurStore(admin, url, 1, { notify: false });
    const emmett = await openEmmett(admin, url, 1);
    const bare = await openBare(admin, url, 1);
    const samples: Record<'ours' | 'emmett' | 'bare', Sample[]> = { ours: [], emmett: [], bare: [] };
    for (let round = 1; round <= rounds; round += 1) {
      const tag = `${Date.now().toString(36)}-${round}`;
      samples.ours.push(await measure(ours.pool, (s) => ours.store.append(`o-${tag}-${s}`, 'no_stream', [benchEvent(s)]).then(() => undefined), `o${tag}`));
      samples.emmett.push(await measure(emmett.pool, (s) => emmett.appendNew(`e-${tag}-${s}`, benchEvent(s)), `e${tag}`));
      samples.bare.push(await measure(bare.pool, (s) => bare.insert(`b-${tag}-${s}`, benchEvent(s)), `b${tag}`));
      process.stderr.write(`round ${round}/${rounds} done\n`);
    }
    const summarise = (list: readonly Sample[]) => {
      const client = median(list.map((s) => s.clientUs));
      const server = median(list.map((s) => s.serverUs));
      return {
        clientUs: Math.round(client),
        serverUs: Math.round(server),
        totalUs: Math.round(client + server),
        wallUs: Math.round(median(list.map((s) => s.wallUs))),
        rounds: list.map((s) => Math.round(s.clientUs + s.serverUs)),
      };
    };
    const summary = { ours: summarise(samples.ours), emmett: summarise(samples.emmett), bare: summarise(samples.bare) };
    console.log(JSON.stringify({ appends, rounds, summary, emmettOverOurs: summary.emmett.totalUs / summary.ours.totalUs, oursOverBare: summary.ours.totalUs / summary.bare.totalUs }, null, 2));
    await ours.close();
    await emmett.close();
    await bare.close();
  } finally {
    await admin.dropAll();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
