// The system under test, in a child process of the benchmark (so it has an event loop and a CPU budget of its own,
// as in production, and the generator and the Bot API emulator do not run on it). BENCH_TARGET chooses:
//   shipped      startRoles(['gateway','actors','dispatcher']) exactly as `lexbot start` runs it
//   unthrottled  the same, with the dispatcher's Telegram throttle off (startRoles' tuning option)
//   bare         the bare ingest route (bareIngest.ts)
// BENCH_ROLES (comma-separated, default gateway,actors,dispatcher) runs a subset, for the split layout.
// The rest of the configuration comes from the environment, as for `lexbot start`. It tells the parent its URL over
// IPC and stops, then exits, when the parent sends 'stop'. With BENCH_CPU_PROF_DIR it records a CPU profile (the
// inspector's sampling profiler) from start to 'stop' and writes it there as <target>-<pid>.cpuprofile ('profile-restart'
// drops what it recorded so far, so the profile covers the load alone, not the start-up). With
// BENCH_CENSUS=1 it counts statements, NATS publishes and socket writes (census.ts): 'census-reset' starts a
// count, 'census-dump' answers it over IPC. 'loop-reset' starts a measurement of the event loop (monitorEventLoopDelay
// at 10 ms resolution: how late a timer ran, i.e. how long the loop was held by tasks in front of it; the CPU time
// used between the ticks of a 10 ms timer, which preemption does not inflate; the loop's utilization), 'loop-dump'
// answers it over IPC. BENCH_INTAKE_MAX_LOOP_DELAY_MS (ms, or 'off') sets the unthrottled
// target's StartTuning.actorIntakeMaxLoopDelayMs.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { loadConfig } from '../../../ops/config/config.js';
import { parseRoles } from '../../../ops/roles/roles.js';
import { startRoles } from '../../../ops/roles/startRoles.js';
import { startBareIngest } from './bareIngest.js';
import { censusJson, installCensus, resetCensus } from './census.js';

/**
 * What the benchmark measures; `split` runs two children: `unthrottled` with gateway only, and with actors,dispatcher;
 * `split3` three: gateway, actors and dispatcher each in a process of its own; `splitgd` two: gateway,dispatcher and
 * actors.
 */
export type BenchTarget = 'shipped' | 'unthrottled' | 'split' | 'split3' | 'splitgd' | 'bare';
export type ServerMessage =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'failed'; readonly error: string }
  | { readonly type: 'census'; readonly json: string }
  | { readonly type: 'loop'; readonly loop: LoopStats };

/** The child's event loop since the last 'loop-reset': timer delay quantiles (ms) and utilization (0–1). */
export interface LoopStats {
  readonly delayP50Ms: number;
  readonly delayP99Ms: number;
  readonly delayMaxMs: number;
  readonly utilization: number;
  /**
   * CPU time the process used between two ticks of a 10 ms timer, p99 and max (ms). A tick waits for the task in
   * front of it, so a long task shows as a large CPU time between ticks, whatever the machine's load: unlike the
   * delay, preemption by other processes does not add to it. With short tasks it stays near 10 ms at most.
   */
  readonly cpuBetweenTicksP99Ms: number;
  readonly cpuBetweenTicksMaxMs: number;
}

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let loopSince: EventLoopUtilization = performance.eventLoopUtilization();
// CPU µs between ticks, as a histogram with 0.5 ms bins up to 2 s (one tick every ~10 ms: no need for more).
const CPU_BINS = 4000;
let cpuBins = new Uint32Array(CPU_BINS + 1);
let cpuTicks = 0;
let cpuMax = 0;
let lastCpu = process.cpuUsage();
setInterval(() => {
  const cpu = process.cpuUsage();
  const usedMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
  lastCpu = cpu;
  cpuBins[Math.min(CPU_BINS, Math.floor(usedMs * 2))]! += 1;
  cpuTicks += 1;
  cpuMax = Math.max(cpuMax, usedMs);
}, 10).unref();
const cpuQuantile = (q: number): number => {
  let seen = 0;
  for (let bin = 0; bin <= CPU_BINS; bin += 1) {
    seen += cpuBins[bin]!;
    if (seen >= q * cpuTicks) return (bin + 1) / 2;
  }
  return Number.NaN;
};
const loopStats = (): LoopStats => ({
  // The histogram counts the delay past the resolution's own wait, in nanoseconds.
  delayP50Ms: loopDelay.percentile(50) / 1e6,
  delayP99Ms: loopDelay.percentile(99) / 1e6,
  delayMaxMs: loopDelay.max / 1e6,
  utilization: performance.eventLoopUtilization(loopSince).utilization,
  cpuBetweenTicksP99Ms: cpuQuantile(0.99),
  cpuBetweenTicksMaxMs: cpuMax,
});

const portOf = (url: string | undefined, fallback: number): number => {
  const port = url === undefined ? '' : new URL(url).port;
  return port === '' ? fallback : Number(port);
};
const census =
  process.env.BENCH_CENSUS === '1' ? installCensus({ postgres: portOf(process.env.DATABASE_URL, 5432), nats: portOf(process.env.NATS_URL, 4222) }) : undefined;

const start = async (): Promise<{ url: string; stop(): Promise<void> }> => {
  const target = process.env.BENCH_TARGET as BenchTarget | undefined;
  if (target === 'bare') {
    return startBareIngest({ natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', prefix: process.env.NATS_PREFIX ?? 'bench', partitions: Number(process.env.PARTITIONS ?? 64) });
  }
  const config = loadConfig(process.env);
  const roles = parseRoles(process.env.BENCH_ROLES ?? 'gateway,actors,dispatcher');
  const intake = process.env.BENCH_INTAKE_MAX_LOOP_DELAY_MS;
  const actorIntakeMaxLoopDelayMs = intake === undefined ? undefined : intake === 'off' ? Number.POSITIVE_INFINITY : Number(intake);
  if (target === 'unthrottled') {
    return startRoles({ roles, config, tuning: { telegramThrottle: false, ...(actorIntakeMaxLoopDelayMs === undefined ? {} : { actorIntakeMaxLoopDelayMs }) } });
  }
  if (target === 'shipped') return startRoles({ roles, config });
  throw new Error(`BENCH_TARGET must be shipped, unthrottled or bare, not ${String(target)}`);
};

const send = (message: ServerMessage): void => {
  process.send?.(message);
};

interface Profiler {
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const startProfiler = async (): Promise<Profiler | undefined> => {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  if (dir === undefined || dir === '') return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async restart() {
      await session.post('Profiler.stop');
      await session.post('Profiler.start');
    },
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(path.join(dir, `${process.env.BENCH_PROFILE_NAME ?? process.env.BENCH_TARGET ?? 'target'}-${process.pid}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
};

Promise.all([start(), startProfiler()]).then(
  ([running, profiler]) => {
    process.on('message', (message) => {
      if (message === 'profile-restart') void profiler?.restart();
      if (message === 'census-reset' && census !== undefined) resetCensus(census);
      if (message === 'census-dump' && census !== undefined) send({ type: 'census', json: censusJson(census) });
      if (message === 'loop-reset') {
        loopDelay.reset();
        loopSince = performance.eventLoopUtilization();
        cpuBins = new Uint32Array(CPU_BINS + 1);
        cpuTicks = 0;
        cpuMax = 0;
      }
      if (message === 'loop-dump') send({ type: 'loop', loop: loopStats() });
      if (message !== 'stop') return;
      (profiler?.stop() ?? Promise.resolve())
        .then(() => running.stop())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
    send({ type: 'ready', url: running.url });
  },
  (error: unknown) => {
    send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
