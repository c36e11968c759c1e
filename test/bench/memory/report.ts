// The human-readable report of `npm run bench:memory`, with the DESIGN.md targets beside the figures.
import type { MemorySample, Percentiles, WorkerResult } from './workerTypes.js';

export interface LogFacts {
  readonly users: number;
  readonly usersPerNamespace: readonly number[];
  readonly events: number;
  readonly outboxEvents: number | null;
  readonly snapshots: number;
  readonly keys: number | null;
  readonly generateSeconds: number | null;
  readonly snapshotSeconds: number | null;
  readonly eventsBytes: number;
  readonly snapshotsBytes: number;
  readonly keysBytes: number;
}

const GIB = 2 ** 30;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (p: Percentiles): string => `p50 ${p.p50.toFixed(2)} ms, p99 ${p.p99.toFixed(2)} ms, max ${p.max.toFixed(1)} ms (mean ${p.mean.toFixed(2)})`;
const memory = (m: MemorySample): string => `RSS ${mib(m.rss)}, heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)}, external ${mib(m.external)}`;
const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');

export const printReport = (facts: LogFacts, worker: WorkerResult): void => {
  const { activation: a, serial: one, steady: s } = worker;
  const generated = facts.generateSeconds === null ? 'reused' : `generated, sealed, copied and snapshotted in ${facts.generateSeconds.toFixed(0)} s, the snapshots taking the last ${facts.snapshotSeconds?.toFixed(0)} s`;
  console.log(`\nlog: ${facts.users} users, ${facts.events} events, ${facts.snapshots} snapshots; events table ${mib(facts.eventsBytes)}, snapshots ${mib(facts.snapshotsBytes)}, keys ${mib(facts.keysBytes)} (${generated})`);
  console.log(`worker at start: ${memory(worker.baseline)}`);
  console.log(`cold loads, ${a.concurrency} at a time: ${a.users} in ${a.seconds.toFixed(1)} s = ${a.perSecond.toFixed(0)}/s, ${a.cpuMicrosPerLoad.toFixed(0)} µs CPU and ${(a.allocatedBytesPerLoad / 1000).toFixed(1)} KB allocated each; ${ms(a.coldLoadMs)}`);
  const split = a.split;
  const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
  console.log(`  slowest 1 % (≥ ${split.slowMs.toFixed(2)} ms) by cause:`);
  console.log(`    streams of ≥ ${split.long.from} events (a snapshot and the events after it): ${pct(split.long.share)} of loads, ${pct(split.long.shareOfSlow)} of the slow; long ${ms(split.long.ms)}; short ${ms(split.short.ms)}`);
  console.log(`    GC: ${split.gc.pauses} pauses (${ms(split.gc.pauseMs)}) overlap ${pct(split.gc.share)} of loads, ${pct(split.gc.shareOfSlow)} of the slow (mean ${split.gc.meanMsInSlow.toFixed(2)} ms of pause in a slow load, ${split.gc.meanMs.toFixed(3)} ms in any); loads no pause overlapped: ${ms(split.gc.withoutMs)}`);
  console.log(`      by kind: ${Object.entries(split.gc.byKind).map(([kind, k]) => `${kind} ${k.count} (${k.ms.toFixed(0)} ms)`).join(', ')}`);
  console.log(`    pool: a query already waiting for a connection at the start of ${pct(split.poolWait.share)} of loads, ${pct(split.poolWait.shareOfSlow)} of the slow`);
  console.log(`    event-loop delay: ${ms(split.loopDelayMs)}`);
  console.log(`  ${a.live} live: ${memory(a.memory)}`);
  console.log(`  after GC: ${memory(a.memoryAfterGc)}; ${(a.retainedBytesPerActor / 1024).toFixed(1)} KiB heap per live actor`);
  console.log(
    `cold loads one at a time: ${one.users} more in ${one.seconds.toFixed(1)} s, ${one.cpuMicrosPerLoad.toFixed(0)} µs CPU and ${(one.allocatedBytesPerLoad / 1000).toFixed(1)} KB allocated each; ${ms(one.coldLoadMs)}; ` +
      `GC overlapped ${pct(one.split.gc.share)} of them, ${pct(one.split.gc.shareOfSlow)} of the slowest 1 %; no pause overlapped: ${ms(one.split.gc.withoutMs)}`,
  );
  console.log(`steady: ${s.users} more users sent /help in ${s.seconds.toFixed(1)} s = ${s.perSecond.toFixed(0)}/s; tell ${ms(s.tellMs)}`);
  console.log(`  ${s.live} live at the end; max RSS ${mib(s.maxRss)}; ${memory(s.memory)}; after GC ${memory(s.memoryAfterGc)}`);
  console.log(`load average (1 min): ${worker.loadAverage.before.toFixed(1)} before, ${worker.loadAverage.afterActivation.toFixed(1)} after activation, ${worker.loadAverage.end.toFixed(1)} at the end`);
  const rss = Math.max(a.memory.rss, s.maxRss);
  console.log(`\ntarget RSS ≤ 1 GiB: ${mib(rss)} — ${verdict(rss <= GIB)}; cold load p99 ≤ 5 ms: ${a.coldLoadMs.p99.toFixed(2)} ms at concurrency ${a.concurrency} — ${verdict(a.coldLoadMs.p99 <= 5)}` +
    (one.users === 0 ? '' : `, ${one.coldLoadMs.p99.toFixed(2)} ms one at a time — ${verdict(one.coldLoadMs.p99 <= 5)}`));
};
