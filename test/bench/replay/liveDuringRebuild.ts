// Does a rebuild stall the live system? The log is read below the oldest transaction id still running anywhere in
// the cluster, so every write transaction of the rebuild holds every live reader back for as long as it holds its
// id. Measured two ways while a live writer appends and a live subscription follows the log:
//   - append → delivery latency of the subscription (the visible + read phases of a reply), with and without a rebuild;
//   - every transaction id seen in pg_stat_activity (sampled every few ms): how long it was held, and by what statement.
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { AppendRequest, EventStore, Subscription } from '../../../actors/eventStore/types.js';

export interface LatencySummary {
  readonly events: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface HeldXid {
  readonly xid: string;
  readonly applicationName: string;
  /** Between the first and the last sample that showed it (a lower bound of the hold, within one sample interval). */
  readonly heldMs: number;
  readonly query: string;
  /** The statement of the last sample that showed it (a long transaction's later work). */
  readonly lastQuery: string;
}

export interface LiveProbeResult {
  readonly windows: Record<string, LatencySummary>;
  /** Appended events the subscription had not delivered 2 s after the writer stopped. */
  readonly undelivered: number;
  readonly xids: readonly HeldXid[];
  readonly samples: number;
  readonly sampleMs: number;
}

export interface LiveProbe {
  /** Latency of the events appended from now until `mark()` is called next (or `stop`). */
  mark(label: string): void;
  stop(): Promise<LiveProbeResult>;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

const summary = (latencies: number[]): LatencySummary => {
  latencies.sort((a, b) => a - b);
  return { events: latencies.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), maxMs: latencies.at(-1) ?? 0 };
};

/**
 * Starts the live writer (groups every 20 ms at `rate` events/s through `store.appendMany`), a subscription from the
 * head that notes when each of those events arrives, and the xid sampler (its own connection to `url`).
 */
export const startLiveProbe = async (store: EventStore, url: string, world: Iterator<AppendRequest>, rate: number): Promise<LiveProbe> => {
  const committedAt = new Map<string, { at: number; window: string }>();
  const latencies = new Map<string, number[]>();
  const deliveredEarly = new Set<string>();
  let window = 'start';
  const head = await store.headCheckpoint();
  const subscription: Subscription = store.subscribe({
    after: head,
    handler: async (events) => {
      const now = performance.now();
      for (const event of events) {
        const sent = committedAt.get(event.id);
        if (sent === undefined) {
          // Delivered before the writer saw its append return (both wait on the same event loop).
          deliveredEarly.add(event.id);
          continue;
        }
        committedAt.delete(event.id);
        latencies.get(sent.window)?.push(now - sent.at);
      }
    },
  });
  latencies.set(window, []);

  let stopping = false;
  const tickMs = 20;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const writer = (async () => {
    let next = performance.now();
    let carried: AppendRequest | undefined;
    while (!stopping) {
      // One group is one transaction, with each stream at most once (a stream's second append waits for the next group).
      const group: AppendRequest[] = [];
      const streams = new Set<string>();
      let events = 0;
      while (events < perTick) {
        const item = carried ?? world.next().value;
        carried = undefined;
        if (item === undefined) break;
        if (streams.has(item.stream)) {
          carried = item;
          break;
        }
        group.push(item);
        streams.add(item.stream);
        events += item.events.length;
      }
      if (group.length > 0) {
        const outcomes = await store.appendMany(group);
        const at = performance.now();
        for (const [i, outcome] of outcomes.entries()) {
          if (!outcome.ok) throw outcome.error;
          for (const event of group[i]!.events) {
            if (deliveredEarly.delete(event.id)) latencies.get(window)?.push(0);
            else committedAt.set(event.id, { at, window });
          }
        }
      }
      next += tickMs;
      const wait = next - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();

  const sampler = new pg.Client({ connectionString: url, application_name: 'bench_xid_sampler' });
  await sampler.connect();
  const seen = new Map<string, { first: number; last: number; applicationName: string; query: string; lastQuery: string }>();
  let samples = 0;
  const sampling = (async () => {
    while (!stopping) {
      const { rows } = await sampler.query<{ pid: number; xid: string; app: string; query: string }>(
        `select pid, backend_xid::text as xid, application_name as app, left(query, 80) as query from pg_stat_activity where backend_xid is not null and pid <> pg_backend_pid()`,
      );
      const now = performance.now();
      samples += 1;
      for (const row of rows) {
        const key = `${row.pid}/${row.xid}`;
        const entry = seen.get(key);
        if (entry === undefined) seen.set(key, { first: now, last: now, applicationName: row.app, query: row.query, lastQuery: row.query });
        else {
          entry.last = now;
          entry.lastQuery = row.query;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const sampleStarted = performance.now();

  return {
    mark(label) {
      window = label;
      latencies.set(label, []);
    },
    async stop() {
      // Let the last appends arrive before closing.
      stopping = true;
      await writer;
      await sampling;
      const sampleMs = (performance.now() - sampleStarted) / Math.max(1, samples);
      await sampler.end();
      for (let i = 0; i < 200 && committedAt.size > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      await subscription.close();
      const xids = [...seen.entries()]
        .map(([key, s]) => ({ xid: key.split('/')[1]!, applicationName: s.applicationName, heldMs: s.last - s.first, query: s.query, lastQuery: s.lastQuery }))
        .sort((a, b) => b.heldMs - a.heldMs);
      return { windows: Object.fromEntries([...latencies].map(([label, values]) => [label, summary(values)])), undelivered: committedAt.size, xids, samples, sampleMs };
    },
  };
};

export interface LiveProbeSpec {
  readonly url: string;
  /** The event store's schema; the writer appends the world of namespace 8 (seed 3) there. */
  readonly schema: string;
  readonly rate: number;
}

export interface LiveProbeCommand {
  readonly mark?: string;
}

/** The probe in a worker thread (liveProbeWorker.ts), resolved once it runs. */
export const startLiveProbeInWorker = async (spec: LiveProbeSpec): Promise<LiveProbe> => {
  const worker = new Worker(new URL('./liveProbeWorker.js', import.meta.url), { workerData: spec });
  const next = (): Promise<{ started?: boolean; result?: LiveProbeResult }> =>
    new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  await next();
  return {
    mark: (label) => worker.postMessage({ mark: label } satisfies LiveProbeCommand),
    async stop() {
      const reply = next();
      worker.postMessage({} satisfies LiveProbeCommand);
      const { result } = await reply;
      await worker.terminate();
      return result!;
    },
  };
};
