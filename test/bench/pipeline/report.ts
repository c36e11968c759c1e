// The benchmark's result: one object (printed as JSON with --json) and tables for people.
import type { LevelResult } from './openLoop.js';
import type { CommitProbeStats } from './commitProbe.js';
import type { ProjectionLatency } from './projection.js';
import type { BenchTarget, LoopStats } from './server.js';
import { PHASE_STAGES, STAGES, type Stage, type StageQuantiles } from './stages.js';

export interface MeasuredLevel extends LevelResult {
  /** 1-minute load average right after the level. */
  readonly loadAverage: number;
  /** Per-stage histograms of the system under test during the level (none for the bare route). */
  readonly stages: Partial<Record<Stage, StageQuantiles>>;
  /** Transactions committed in the pipeline's database during the level (and a second after), per update sent. */
  readonly postgresCommitsPerUpdate?: number;
  /** CPU time of the system under test's process(es) during the level, per update sent (ms). */
  readonly cpuMsPerUpdate?: number;
  /** Busy CPU of the whole machine (every process: Postgres, NATS, emulator, generator too) during the level, per update sent (ms). */
  readonly machineCpuMsPerUpdate?: number;
  /** Durable one-row commits on a connection of the benchmark's own during the level (commitProbe.ts): the disk's flush stalls. */
  readonly commitProbe?: CommitProbeStats;
  /** Appends with Telegram calls the actors handed to a dispatcher in their process during the level (accepted: their calls started at the commit). */
  readonly handOffs?: { readonly accepted: number; readonly refused: number };
  /** Each process's event loop during the level (split: the gateway's, then the actors'; split3: then the dispatcher's), from the child itself. */
  readonly loop?: readonly LoopStats[];
  /** Webhook 200 → the read-model projector's checkpoint covers the update's first event (pipeline with projector). */
  readonly projectionMs?: ProjectionLatency;
}

export interface TargetResult {
  /** Fixed-rate levels (100/s and 500/s for the pipeline). */
  readonly levels: readonly MeasuredLevel[];
  /** The ramp, up to and including the first step that was not sustained. */
  readonly ramp: readonly MeasuredLevel[];
  /** Highest sustained ramp rate (updates/s); 0 when even the first step was not. */
  readonly maxSustained: number;
  readonly users: number;
  /** Bot API calls that matched no outstanding update (should be 0). */
  readonly unmatchedCalls: number;
}

export interface BenchResult {
  readonly date: string;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly node: string;
    readonly loadAverageAtStart: readonly number[];
    readonly loadAverageAtEnd: readonly number[];
  };
  readonly settings: {
    readonly seconds: number;
    readonly stepSeconds: number;
    readonly rampStart: number;
    readonly rampFactor: number;
    readonly graceMs: number;
    readonly partitions: number;
    readonly quick: boolean;
  };
  readonly targets: Partial<Record<BenchTarget, TargetResult>>;
  /** Pipeline (unthrottled) max sustained / bare ingest max sustained. */
  readonly ratio: number;
  readonly goals: {
    readonly throughputVsBare: { readonly target: number; readonly value: number; readonly met: boolean };
    readonly ackP99At500: { readonly targetMs: number; readonly valueMs: number; readonly met: boolean };
    readonly replyP99At500: { readonly targetMs: number; readonly valueMs: number; readonly met: boolean };
    readonly projectionP99At500: { readonly targetMs: number; readonly valueMs: number; readonly met: boolean };
  };
}

const n = (value: number): string => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–');
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '–');
const row = (cells: readonly string[], widths: readonly number[]): string =>
  cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[index]!))).join('  ');

const LABELS: Record<BenchTarget, string> = {
  bare: 'bare ingest (fastify + awaited JetStream publish)',
  unthrottled: 'pipeline, dispatcher throttle off',
  split: 'same, gateway | actors+dispatcher processes',
  split3: 'same, gateway | actors | dispatcher processes',
  splitgd: 'same, gateway+dispatcher | actors processes',
  shipped: 'pipeline as shipped (startRoles, Telegram 30 msg/s)',
};

const STAGE_LABELS: Record<(typeof STAGES)[number], string> = {
  lexbot_webhook_ack_seconds: 'webhook ack',
  lexbot_mailbox_wait_seconds: 'mailbox wait',
  lexbot_actor_handling_seconds: 'actor handling',
  lexbot_event_append_seconds: 'append',
  lexbot_dispatch_seconds: 'dispatch',
};

export const formatTable = (result: BenchResult): string => {
  const lines: string[] = [];
  const m = result.machine;
  lines.push(`Pipeline benchmark — ${result.date}${result.settings.quick ? ' (quick run)' : ''}`);
  lines.push(`${m.cpus} × ${m.cpuModel}, Node ${m.node}; load average at start ${m.loadAverageAtStart.map((v) => v.toFixed(2)).join(' ')}, at end ${m.loadAverageAtEnd.map((v) => v.toFixed(2)).join(' ')}`);
  lines.push(
    `fixed levels ${result.settings.seconds} s; ramp steps ${result.settings.stepSeconds} s from ${result.settings.rampStart}/s ×${result.settings.rampFactor}; ` +
      `sustained = no errors, every update acked (and answered) within ${result.settings.graceMs} ms of the step's last send, completions ≥ 0.9 × the offered rate; ${result.settings.partitions} partitions`,
  );
  lines.push('latencies from the scheduled send (open loop); reply = the emulator recorded sendMessage / answerCallbackQuery for that update;');
  lines.push('reply latencies cover the answered updates only (see "answered"); rates = done / (last done − start)');
  lines.push('');
  const w = [56, 7, 8, 8, 8, 9, 8, 8, 13, 7, 9, 6];
  lines.push(row(['level', 'rate/s', 'acked/s', 'ack p50', 'ack p99', 'replies/s', 'rep p50', 'rep p99', 'answered', 'errors', 'drained', 'load'], w));
  for (const [name, target] of Object.entries(result.targets) as [BenchTarget, TargetResult][]) {
    const levelRow = (label: string, level: MeasuredLevel): string =>
      row(
        [label, n(level.rate), n(level.ackRate), ms(level.ackMs.p50), ms(level.ackMs.p99), n(level.replyRate), ms(level.replyMs.p50), ms(level.replyMs.p99),
          Number.isNaN(level.replyRate) ? '–' : `${n(level.replied)}/${n(level.sent)}`, n(Object.values(level.errors).reduce((a, b) => a + b, 0)), level.drainedAfterMs === undefined ? 'no' : `${n(level.drainedAfterMs)} ms`, level.loadAverage.toFixed(1)],
        w,
      );
    for (const level of target.levels) lines.push(levelRow(`${LABELS[name]}, fixed`, level));
    for (const level of target.ramp) lines.push(levelRow(`${LABELS[name]}, ramp${level.sustained ? '' : ' (not sustained)'}`, level));
    if (target.ramp.length > 0) lines.push(`  → max sustained ${n(target.maxSustained)} updates/s (${n(target.users)} users; unmatched Bot API calls ${target.unmatchedCalls})`);
    else lines.push(`  (${n(target.users)} users; unmatched Bot API calls ${target.unmatchedCalls})`);
  }
  lines.push('');
  const stageLevels = Object.entries(result.targets).flatMap(([name, target]) =>
    [...target.levels, ...target.ramp].filter((level) => Object.keys(level.stages).length > 0).map((level) => ({ name: name as BenchTarget, level })),
  );
  if (stageLevels.length > 0) {
    const sw = [44, 7, ...STAGES.map(() => 17), 10, 8];
    lines.push(row(['inside the pipeline (/metrics, p50 / p99 ms)', 'rate/s', ...STAGES.map((stage) => STAGE_LABELS[stage]), 'pg commits', 'CPU ms'], sw));
    for (const { name, level } of stageLevels) {
      lines.push(row([name, n(level.rate), ...STAGES.map((stage) => {
        const q = level.stages[stage];
        return q === undefined || q.count === 0 ? '–' : `${ms(q.p50Ms)} / ${ms(q.p99Ms)}`;
      }), level.postgresCommitsPerUpdate === undefined ? '–' : `${level.postgresCommitsPerUpdate.toFixed(1)}/upd`, level.cpuMsPerUpdate === undefined ? '–' : ms(level.cpuMsPerUpdate)], sw));
    }
    const phased = stageLevels.filter(({ level }) => PHASE_STAGES.some((stage) => (level.stages[stage]?.count ?? 0) > 0));
    if (phased.length > 0) {
      lines.push(row(['dispatch of Bot API calls by phase (p50 / p99 ms)', 'rate/s', ...PHASE_STAGES.map((stage) => stage.slice('dispatch_phase:'.length))], [50, 7, ...PHASE_STAGES.map(() => 15)]));
      for (const { name, level } of phased) {
        lines.push(row([name, n(level.rate), ...PHASE_STAGES.map((stage) => {
          const q = level.stages[stage];
          return q === undefined || q.count === 0 ? '–' : `${ms(q.p50Ms)} / ${ms(q.p99Ms)}`;
        })], [50, 7, ...PHASE_STAGES.map(() => 15)]));
      }
    }
    const bareLevels = result.targets.bare?.ramp ?? [];
    if (bareLevels.length > 0) lines.push(`  bare ingest CPU ms per update: ${bareLevels.map((level) => `${n(level.rate)}/s ${ms(level.cpuMsPerUpdate ?? Number.NaN)}`).join(', ')}`);
    lines.push('  (a stage past its top bucket shows the bound: lexbot_*_seconds buckets end at 10 s; "–": no observations in that build)');
    lines.push('');
  }
  const projected = Object.values(result.targets).flatMap((target) => [...target.levels, ...target.ramp]).filter((level) => level.projectionMs !== undefined);
  if (projected.length > 0) {
    lines.push(`update → projection (webhook 200 → read-model checkpoint covers the update's first event; polled every ${projected[0]!.projectionMs!.pollMs} ms)`);
    for (const level of projected) {
      const p = level.projectionMs!;
      lines.push(`  ${n(level.rate)}/s: p50 ${ms(p.p50)} ms, p99 ${ms(p.p99)} ms, max ${ms(p.max)} ms (${n(p.projected)} of ${n(p.acked)} acked updates projected)`);
    }
    lines.push('');
  }
  const probed = Object.entries(result.targets).flatMap(([name, target]) =>
    [...target.levels, ...target.ramp].filter((level) => (level.commitProbe?.count ?? 0) > 0).map((level) => ({ name, level })),
  );
  if (probed.length > 0) {
    const pw = [60, 7, 9, 9, 9, 12];
    lines.push(row(["the disk's durable commits during each level (probe: a one-row insert every 50 ms)", 'rate/s', 'p50 ms', 'p99 ms', 'max ms', '> 50 ms'], pw));
    for (const { name, level } of probed) {
      const c = level.commitProbe!;
      lines.push(row([name, n(level.rate), ms(c.p50), ms(c.p99), ms(c.max), `${c.over50Ms} of ${c.count}`], pw));
    }
    lines.push('  (every append and every dispatcher claim waits for such a flush: a stall here stalls the replies of that moment)');
    lines.push('');
  }
  const g = result.goals;
  // A target whose level did not run (e.g. --targets split) is not measured, which is not the same as missed.
  const met = (ok: boolean, value = 0): string => (Number.isNaN(value) ? 'not measured' : ok ? 'met' : 'NOT met');
  lines.push(`end-to-end max / bare ingest max: ${n(result.targets.unthrottled?.maxSustained ?? Number.NaN)} / ${n(result.targets.bare?.maxSustained ?? Number.NaN)} = ${Number.isFinite(result.ratio) ? result.ratio.toFixed(2) : '–'}× (target ≥ ${g.throughputVsBare.target}×: ${met(g.throughputVsBare.met, g.throughputVsBare.value)})`);
  const split = result.targets.split;
  const bareMax = result.targets.bare?.maxSustained;
  if (split !== undefined && bareMax !== undefined && bareMax > 0) lines.push(`  (split layout: ${n(split.maxSustained)} / ${n(bareMax)} = ${(split.maxSustained / bareMax).toFixed(2)}×)`);
  lines.push(`at 500/s webhook ack p99 ${ms(g.ackP99At500.valueMs)} ms (target ≤ ${g.ackP99At500.targetMs} ms: ${met(g.ackP99At500.met, g.ackP99At500.valueMs)})`);
  const split500 = split?.levels.find((level) => level.rate === 500);
  if (split500 !== undefined) {
    const answeredAll = split500.replied === split500.sent;
    lines.push(
      `  (split layout at 500/s, the gateway in a process of its own: webhook ack p99 ${ms(split500.ackMs.p99)} ms, ${met(split500.ackMs.p99 <= g.ackP99At500.targetMs)}; ` +
        `update → reply p99 ${ms(split500.replyMs.p99)} ms, ${n(split500.replied)} of ${n(split500.sent)} answered, ${met(answeredAll && split500.replyMs.p99 <= g.replyP99At500.targetMs)})`,
    );
  }
  lines.push(`at 500/s update → reply p99 ${ms(g.replyP99At500.valueMs)} ms (target ≤ ${g.replyP99At500.targetMs} ms, every update answered: ${met(g.replyP99At500.met, g.replyP99At500.valueMs)})`);
  lines.push(`at 500/s update → projection p99 ${ms(g.projectionP99At500.valueMs)} ms (target ≤ ${g.projectionP99At500.targetMs} ms, every acked update projected: ${met(g.projectionP99At500.met, g.projectionP99At500.valueMs)})`);
  return lines.join('\n');
};

export const formatJson = (result: BenchResult): string => JSON.stringify(result, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2);
