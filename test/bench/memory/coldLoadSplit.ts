// Why a cold load is slow: each load's wall time beside the stream's length (a long stream has a snapshot to read
// and open besides the events after it), the garbage-collection pause time that overlapped it, and whether a query was already
// waiting for a pool connection when it started; then the slowest 1 % set against the rest.
import { constants, monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { summarize, type Percentiles } from './workerTypes.js';

export interface ColdLoadSplit {
  /** The p99 of all loads: loads at or above it are "slow". */
  readonly slowMs: number;
  /** Streams of at least `longFrom` events (the actor host reads a snapshot and the events after it). */
  readonly long: { readonly from: number; readonly share: number; readonly shareOfSlow: number; readonly ms: Percentiles };
  readonly short: { readonly ms: Percentiles };
  readonly gc: {
    /** Loads overlapped by any GC pause, of all and of the slow ones. */
    readonly share: number;
    readonly shareOfSlow: number;
    /** Mean pause time inside a slow load, and over all loads. */
    readonly meanMsInSlow: number;
    readonly meanMs: number;
    readonly pauses: number;
    readonly pauseMs: Percentiles;
    /** Count and total pause time per kind: scavenges (minor), mark-compact (major), incremental marking steps. */
    readonly byKind: Readonly<Record<GcKind, { readonly count: number; readonly ms: number }>>;
    /** Loads that no pause overlapped. */
    readonly withoutMs: Percentiles;
  };
  readonly poolWait: { readonly share: number; readonly shareOfSlow: number };
  /** Event-loop delay over the whole phase (a callback ready to run but the loop busy). */
  readonly loopDelayMs: Percentiles;
}

type GcKind = 'minor' | 'major' | 'incremental' | 'weak callbacks';
const kindOf = (entry: PerformanceEntry): GcKind => {
  const kind = ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind;
  if (kind === constants.NODE_PERFORMANCE_GC_MINOR) return 'minor';
  if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) return 'major';
  return kind === constants.NODE_PERFORMANCE_GC_INCREMENTAL ? 'incremental' : 'weak callbacks';
};

export interface ColdLoadRecorder {
  record(index: number, t0: number, t1: number, version: number, poolWaiting: number): void;
  finish(longFrom: number): ColdLoadSplit;
}

export const createColdLoadRecorder = (loads: number): ColdLoadRecorder => {
  const start = new Float64Array(loads);
  const end = new Float64Array(loads);
  const versions = new Int32Array(loads);
  const waited = new Uint8Array(loads);
  const gcStart: number[] = [];
  const gcEnd: number[] = [];
  const byKind: Record<GcKind, { count: number; ms: number }> = { minor: { count: 0, ms: 0 }, major: { count: 0, ms: 0 }, incremental: { count: 0, ms: 0 }, 'weak callbacks': { count: 0, ms: 0 } };
  const take = (entries: readonly PerformanceEntry[]): void => {
    for (const entry of entries) {
      gcStart.push(entry.startTime);
      gcEnd.push(entry.startTime + entry.duration);
      const kind = byKind[kindOf(entry)];
      kind.count += 1;
      kind.ms += entry.duration;
    }
  };
  const observer = new PerformanceObserver((list) => take(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();

  /** Pause time inside [t0, t1]; pauses arrive in start order and never overlap one another. */
  const gcWithin = (t0: number, t1: number): number => {
    let lo = 0;
    let hi = gcEnd.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (gcEnd[mid]! <= t0) lo = mid + 1;
      else hi = mid;
    }
    let total = 0;
    for (let i = lo; i < gcStart.length && gcStart[i]! < t1; i += 1) total += Math.min(t1, gcEnd[i]!) - Math.max(t0, gcStart[i]!);
    return total;
  };

  return {
    record(index, t0, t1, version, poolWaiting) {
      start[index] = t0;
      end[index] = t1;
      versions[index] = version;
      waited[index] = poolWaiting > 0 ? 1 : 0;
    },
    finish(longFrom) {
      // Entries are delivered after the fact: take what is buffered before looking.
      take(observer.takeRecords());
      observer.disconnect();
      loop.disable();
      const ms = Float64Array.from(start, (t0, i) => end[i]! - t0);
      const slowMs = summarize(ms).p99;
      const gcMs = Float64Array.from(start, (t0, i) => gcWithin(t0, end[i]!));
      const pick = (test: (i: number) => boolean): Float64Array => ms.filter((_, i) => test(i));
      const share = (test: (i: number) => boolean, among: (i: number) => boolean = () => true): number => {
        let hits = 0;
        let total = 0;
        for (let i = 0; i < ms.length; i += 1) {
          if (!among(i)) continue;
          total += 1;
          if (test(i)) hits += 1;
        }
        return total === 0 ? 0 : hits / total;
      };
      const slow = (i: number): boolean => ms[i]! >= slowMs;
      const long = (i: number): boolean => versions[i]! >= longFrom;
      const slowGc = gcMs.filter((_, i) => slow(i));
      return {
        slowMs,
        long: { from: longFrom, share: share(long), shareOfSlow: share(long, slow), ms: summarize(pick(long)) },
        short: { ms: summarize(pick((i) => !long(i))) },
        gc: {
          share: share((i) => gcMs[i]! > 0),
          shareOfSlow: share((i) => gcMs[i]! > 0, slow),
          meanMsInSlow: slowGc.reduce((a, b) => a + b, 0) / Math.max(1, slowGc.length),
          meanMs: gcMs.reduce((a, b) => a + b, 0) / Math.max(1, gcMs.length),
          pauses: gcStart.length,
          pauseMs: summarize(Float64Array.from(gcStart, (t, i) => gcEnd[i]! - t)),
          byKind,
          withoutMs: summarize(pick((i) => gcMs[i] === 0)),
        },
        poolWait: { share: share((i) => waited[i] === 1), shareOfSlow: share((i) => waited[i] === 1, slow) },
        loopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6, mean: loop.mean / 1e6 },
      };
    },
  };
};
