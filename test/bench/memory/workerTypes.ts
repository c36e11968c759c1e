// What main.ts and the worker process exchange, and the small pure helpers both use.
import type { ColdLoadSplit } from './coldLoadSplit.js';

export interface WorkerInput {
  readonly url: string;
  readonly eventSchema: string;
  readonly keySchema: string;
  /** Registered users in the log per world.ts namespace (each numbers its users 0 … n − 1). */
  readonly usersPerNamespace: readonly number[];
  readonly live: number;
  readonly steady: number;
  /** Further users cold-loaded one at a time after the activation (no queueing behind the worker's own loads). */
  readonly serial: number;
  readonly concurrency: number;
  readonly snapshotEvery: number;
  readonly seed: number;
  /** The steady phase's first Telegram update id. */
  readonly updateIdBase: number;
  readonly heapSnapshot?: string;
  readonly quiet: boolean;
}

export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export interface WorkerResult {
  readonly baseline: MemorySample;
  readonly activation: {
    readonly users: number;
    /** Loads in flight at once. */
    readonly concurrency: number;
    readonly seconds: number;
    readonly perSecond: number;
    readonly cpuMicrosPerLoad: number;
    /** Bytes the worker's heap allocated per load during the phase (garbage included). */
    readonly allocatedBytesPerLoad: number;
    readonly coldLoadMs: Percentiles;
    /** The cold load latency split by cause (stream length, GC pauses, pool waits). */
    readonly split: ColdLoadSplit;
    readonly live: number;
    readonly memory: MemorySample;
    readonly memoryAfterGc: MemorySample;
    readonly retainedBytesPerActor: number;
  };
  /** Cold loads of `serial` further users, one at a time, with the live cap reached (each evicts one actor). */
  readonly serial: {
    readonly users: number;
    readonly seconds: number;
    readonly cpuMicrosPerLoad: number;
    /** Bytes the worker's heap allocated per load during the phase (garbage included). */
    readonly allocatedBytesPerLoad: number;
    readonly coldLoadMs: Percentiles;
    readonly split: ColdLoadSplit;
  };
  readonly steady: {
    readonly users: number;
    readonly seconds: number;
    readonly perSecond: number;
    readonly tellMs: Percentiles;
    readonly live: number;
    readonly maxRss: number;
    readonly memory: MemorySample;
    readonly memoryAfterGc: MemorySample;
  };
  readonly loadAverage: { readonly before: number; readonly afterActivation: number; readonly end: number };
}

export const memorySample = (): MemorySample => {
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers };
};

export const summarize = (samples: Float64Array): Percentiles => {
  if (samples.length === 0) return { p50: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]!, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
};

/** world.ts's id of the i-th user of a namespace. */
export const worldUserId = (namespace: number, index: number): number => 100_000_000 * (namespace + 1) + index * 7 + 1;

/**
 * Distinct users in a seeded random order: the first `live` to activate, the next `serial` to load one at a time,
 * the next `steady` to arrive later.
 */
export const pickUsers = (
  usersPerNamespace: readonly number[],
  live: number,
  serial: number,
  steady: number,
  seed: number,
): { activate: number[]; serial: number[]; arrive: number[] } => {
  const users = usersPerNamespace.reduce((a, b) => a + b, 0);
  const idOf = (global: number): number => {
    let rest = global;
    for (let namespace = 0; ; namespace += 1) {
      const count = usersPerNamespace[namespace]!;
      if (rest < count) return worldUserId(namespace, rest);
      rest -= count;
    }
  };
  const wanted = Math.min(users, live + serial + steady);
  const order = new Int32Array(users);
  for (let i = 0; i < users; i += 1) order[i] = i;
  let a = seed >>> 0;
  const random = (): number => {
    a = (Math.imul(a, 1_664_525) + 1_013_904_223) >>> 0;
    return a / 4_294_967_296;
  };
  for (let i = 0; i < wanted; i += 1) {
    const j = i + Math.floor(random() * (users - i));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const picked = Array.from(order.subarray(0, wanted), idOf);
  const activated = Math.min(live, wanted);
  const serialEnd = Math.min(activated + serial, wanted);
  return { activate: picked.slice(0, activated), serial: picked.slice(activated, serialEnd), arrive: picked.slice(serialEnd) };
};
