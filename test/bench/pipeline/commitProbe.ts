// The database's durable-commit latency while a benchmark runs: one-row inserts, each its own transaction with
// `synchronous_commit` as the server has it (on: the commit waits for the WAL flush), one every `intervalMs` on a
// connection of its own. Every append and every dispatcher claim of the pipeline waits for such a flush, so a
// stall of the disk's flush stalls them all at once; this shows those stalls beside the level's latencies.
// (On this VM's disk one-row commits at 200/s took p999 80–130 ms and max 0.65–1.25 s, a stall over 50 ms about
// every 2 s, with nothing else running: FINDINGS, 27 Nov 02:25.)
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { quantiles, type Quantiles } from './openLoop.js';

export interface CommitProbeStats extends Quantiles {
  /** Commits that took longer than 50 ms. */
  readonly over50Ms: number;
}

export interface CommitProbe {
  /** Forgets what was measured so far (the start of a level). */
  reset(): void;
  /** What was measured since the last reset. */
  stats(): CommitProbeStats;
  stop(): Promise<void>;
}

const SLOW_MS = 50;

export const startCommitProbe = async (connectionString: string, intervalMs = 50): Promise<CommitProbe> => {
  const table = `lexbot_commit_probe_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const client = new pg.Client({ connectionString });
  client.on('error', () => undefined);
  await client.connect();
  // A logged table: writes to a temporary or unlogged one commit without flushing the WAL.
  await client.query(`create table ${table} (id bigint generated always as identity primary key, at timestamptz not null default now())`);
  let latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await client.query(`insert into ${table} default values`);
        latencies.push(performance.now() - started);
      } catch {
        if (!running) return;
      }
      // The next one on the interval's grid; right away if this one overran it (a stall shows as one long commit).
      const wait = intervalMs - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  return {
    reset() {
      latencies = [];
    },
    stats() {
      return { ...quantiles(latencies), over50Ms: latencies.filter((ms) => ms > SLOW_MS).length };
    },
    async stop() {
      running = false;
      await loop;
      await client.query(`drop table if exists ${table}`).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
};

export const describeCommitProbe = (stats: CommitProbeStats): string =>
  `commit probe p50 ${stats.p50.toFixed(1)} / p99 ${stats.p99.toFixed(1)} / max ${stats.max.toFixed(1)} ms, ${stats.over50Ms} of ${stats.count} over 50 ms`;
