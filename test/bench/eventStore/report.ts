// The benchmark's result: one object (printed as JSON with --json) and a table for people.
import type { LoadResult } from './measure.js';

export interface ScanResult {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** CPU time of the benchmark process (the reader's side) per event, µs. */
  readonly cpuUsPerEvent: number;
}

export interface BenchResult {
  readonly date: string;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly node: string; readonly postgres: string; readonly loadAverage: readonly number[] };
  readonly settings: { readonly seconds: number; readonly poolSize: number; readonly pageSize: number; readonly quick: boolean; readonly appendRounds: number };
  readonly single: readonly {
    readonly concurrency: number;
    readonly ours: LoadResult;
    readonly emmett: LoadResult;
    /** A plain one-row insert per transaction at the same concurrency: the floor under any one-event append. */
    readonly bare: LoadResult;
    /** Medians over rounds (ours, Emmett, bare back to back in each round). */
    readonly ratio: number;
    readonly ofBare: number;
    readonly rounds: readonly { readonly ours: number; readonly emmett: number; readonly bare: number }[];
  }[];
  /** Our single appends at concurrency 16 with NOTIFY off: the cost of the wake-up notification. */
  readonly notifyOff: { readonly concurrency: number; readonly ours: LoadResult; readonly notifyCost: number } | null;
  readonly grouped: readonly { readonly streams: number; readonly concurrency: number; readonly ours: LoadResult; readonly ratioToEmmettBest: number }[];
  readonly readAll: {
    readonly events: number;
    readonly pageSize: number;
    /** Median rounds. */
    readonly ours: ScanResult;
    readonly bare: ScanResult;
    /** Median of the rounds' own ours/bare ratios. */
    readonly ratio: number;
    /** Median over rounds of bare/ours in the reader's CPU per event (the server side runs the same plan). */
    readonly cpuRatio: number;
    readonly rounds: readonly { readonly ours: ScanResult; readonly bare: ScanResult }[];
  } | null;
  readonly targets: {
    readonly appendsVsEmmett: { readonly target: number; readonly worstRatio: number; readonly met: boolean };
    readonly readAllVsBare: { readonly target: number; readonly ratio: number; readonly met: boolean };
    readonly readAllEventsPerSecond: { readonly target: number; readonly value: number; readonly met: boolean };
  };
}

const n = (value: number): string => Math.round(value).toLocaleString('en-US');
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : '–');
const x = (value: number): string => `${value.toFixed(2)}×`;
const pad = (text: string, width: number): string => text.padStart(width);
const row = (cells: readonly string[], widths: readonly number[]): string =>
  cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[0]!) : pad(cell, widths[index]!))).join('  ');

export const formatTable = (result: BenchResult): string => {
  const lines: string[] = [];
  const m = result.machine;
  lines.push(`Event store benchmark — ${result.date}`);
  lines.push(`${m.cpus} × ${m.cpuModel}, Node ${m.node}, ${m.postgres}; load average at start ${m.loadAverage.map((v) => v.toFixed(2)).join(' ')}`);
  lines.push(`${result.settings.appendRounds} round(s) of ${result.settings.seconds} s per store and level after a warm-up, pool ${result.settings.poolSize} connections per store${result.settings.quick ? ' (quick run)' : ''}`);
  lines.push('');
  const w = [34, 9, 7, 7, 9, 7, 7, 9, 7, 12, 9];
  lines.push(row(['appends (events/s, latency ms)', 'ours', 'p50', 'p99', 'emmett', 'p50', 'p99', 'bare', 'p50', 'ours/emmett', 'ours/bare'], w));
  for (const level of result.single) {
    lines.push(
      row(
        [`single event, concurrency ${level.concurrency}`, n(level.ours.eventsPerSecond), ms(level.ours.p50Ms), ms(level.ours.p99Ms),
          n(level.emmett.eventsPerSecond), ms(level.emmett.p50Ms), ms(level.emmett.p99Ms), n(level.bare.eventsPerSecond), ms(level.bare.p50Ms),
          x(level.ratio), x(level.ofBare)],
        w,
      ),
    );
    if (level.rounds.length > 1) {
      const each = level.rounds.map((r) => `${n(r.ours)}/${n(r.emmett)}/${n(r.bare)}`).join(', ');
      lines.push(`  rounds (ours/emmett/bare): ${each}`);
    }
  }
  const off = result.notifyOff;
  if (off !== null) lines.push(row([`  same, c=${off.concurrency}, NOTIFY off`, n(off.ours.eventsPerSecond), ms(off.ours.p50Ms), ms(off.ours.p99Ms)], w));
  for (const group of result.grouped) {
    lines.push(
      row(
        [`appendMany ${group.streams} streams, c=${group.concurrency}`, n(group.ours.eventsPerSecond), ms(group.ours.p50Ms), ms(group.ours.p99Ms),
          '', '', '', '', '', `${x(group.ratioToEmmettBest)}*`],
        w,
      ),
    );
  }
  lines.push('  bare: a plain one-row INSERT per transaction (same pool, same concurrency) — the floor under a one-event append');
  lines.push('  * grouped appends against Emmett’s best single-append rate (Emmett has no multi-stream append)');
  lines.push('');
  const r = result.readAll;
  if (r !== null) {
    const w2 = [34, 12, 12, 8];
    lines.push(row([`readAll, ${n(r.events)} events, page ${r.pageSize}`, 'ours ev/s', 'bare ev/s', 'ratio'], w2));
    lines.push(row(['whole log, median of rounds', n(r.ours.eventsPerSecond), n(r.bare.eventsPerSecond), x(r.ratio)], w2));
    r.rounds.forEach((round, index) => {
      lines.push(row([`  round ${index + 1}`, n(round.ours.eventsPerSecond), n(round.bare.eventsPerSecond), x(round.ours.eventsPerSecond / round.bare.eventsPerSecond)], w2));
    });
    lines.push(`  reader CPU per event: ours ${r.ours.cpuUsPerEvent.toFixed(2)} µs, bare ${r.bare.cpuUsPerEvent.toFixed(2)} µs (median bare/ours ${x(r.cpuRatio)})`);
    lines.push('');
  }
  const t = result.targets;
  const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');
  lines.push(`target appends ≥ ${t.appendsVsEmmett.target}× Emmett (worst level ${x(t.appendsVsEmmett.worstRatio)}): ${verdict(t.appendsVsEmmett.met)}`);
  lines.push(`target readAll ≥ ${t.readAllVsBare.target}× bare keyset read (${x(t.readAllVsBare.ratio)}): ${verdict(t.readAllVsBare.met)}`);
  lines.push(`target readAll ≥ ${n(t.readAllEventsPerSecond.target)} events/s (${n(t.readAllEventsPerSecond.value)}): ${verdict(t.readAllEventsPerSecond.met)}`);
  return lines.join('\n');
};

/** JSON with bigint-free numbers rounded for reading. */
export const formatJson = (result: BenchResult): string =>
  JSON.stringify(result, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(3)) : value), 2);
