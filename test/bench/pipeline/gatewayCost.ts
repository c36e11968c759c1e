// CPU per update of the gateway's process alone, against the bare ingest route's: each target runs as the split
// layout runs it (server.ts in a child process: `unthrottled` with BENCH_ROLES=gateway, or `bare`), with a NATS
// prefix and a database of its own, and takes N of the benchmark's updates (workload.ts: /start, text, /help,
// button presses from returning and new users) closed-loop with a fixed number in flight, or at a fixed rate.
// The child's CPU is read from /proc/<pid>/stat (user + system) around the measured updates, after a warm-up.
//
//   node dist/test/bench/pipeline/gatewayCost.js --help
//
// With --old-dist <dir> the target `old` is the gateway of another build (its dist/ folder, e.g. a clone of an
// older commit), for interleaved A/B runs: each round runs every target, in reversed order every other round.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createTestNats, TEST_NATS_URL } from '../../support/nats.js';
import type { ServerMessage } from './server.js';
import { createWorkload, now, type Shot } from './workload.js';

const help = `gatewayCost — CPU per webhook update of the gateway process (split layout) and of the bare ingest route

  --targets <list>      comma-separated: gateway (this build), old (--old-dist's build), bare   [gateway,bare]
  --old-dist <dir>      the dist/ folder of the build the target 'old' runs
  --updates <n>         measured updates per run                                                [4000]
  --warmup <n>          updates before the measurement (JIT, connections, streams)              [1500]
  --concurrency <n>     closed loop: requests in flight                                         [32]
  --rate <n>            fixed rate (updates/s) instead of the closed loop                       [0: closed loop]
  --rounds <n>          every target once per round, order reversed every other round           [1]
  --cpu-prof <dir>      write each child's CPU profile of the measured updates there (server.ts, BENCH_CPU_PROF_DIR)
  --help                this text

Prints one line per run (CPU µs per update, user and system, idle CPU before the load, errors) and the median per
target over the rounds.`;

const { values: flags } = parseArgs({
  options: {
    targets: { type: 'string', default: 'gateway,bare' },
    'old-dist': { type: 'string' },
    updates: { type: 'string', default: '4000' },
    warmup: { type: 'string', default: '1500' },
    concurrency: { type: 'string', default: '32' },
    rate: { type: 'string', default: '0' },
    rounds: { type: 'string', default: '1' },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

type TargetName = 'gateway' | 'old' | 'bare';
const SECRET = 'bench-gateway-secret';
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** utime and stime of a process in µs (USER_HZ 100: 10 ms resolution, so measure a few seconds of work). */
const cpuOf = (pid: number): { user: number; system: number } => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
  return { user: Number(fields[11]) * 10_000, system: Number(fields[12]) * 10_000 };
};

interface Server {
  readonly url: string;
  readonly pid: number;
  /** With --cpu-prof: drop the profile so far (start-up, warm-up), so it covers the measured updates alone. */
  restartProfile(): void;
  stop(): Promise<void>;
}

const startServer = async (target: TargetName, env: Record<string, string>): Promise<Server> => {
  const dist = target === 'old' ? flags['old-dist'] : undefined;
  if (target === 'old' && dist === undefined) throw new Error('the target old needs --old-dist');
  const script = dist === undefined ? fileURLToPath(new URL('./server.js', import.meta.url)) : path.join(dist, 'test/bench/pipeline/server.js');
  const child: ChildProcess = fork(script, [], {
    // The old build resolves its own node_modules from its own folder.
    cwd: dist === undefined ? process.cwd() : path.resolve(dist, '..'),
    env: {
      ...process.env,
      ...env,
      BENCH_TARGET: target === 'bare' ? 'bare' : 'unthrottled',
      BENCH_ROLES: 'gateway',
      BENCH_PROFILE_NAME: `gatewayCost-${target}`,
      ...(flags['cpu-prof'] === undefined ? {} : { BENCH_CPU_PROF_DIR: path.resolve(flags['cpu-prof']) }),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: ServerMessage) => (message.type === 'ready' ? resolve(message.url) : reject(new Error(`${target} failed: ${JSON.stringify(message)}`))));
    child.once('exit', (code) => reject(new Error(`${target} exited with ${String(code)} before it was ready`)));
  });
  return {
    url,
    pid: child.pid!,
    restartProfile() {
      if (flags['cpu-prof'] !== undefined) child.send('profile-restart');
    },
    async stop() {
      child.send('stop');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

const post = (url: URL, body: string): Promise<number> =>
  new Promise((resolve) => {
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: '/webhook/telegram',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', () => resolve(0));
      },
    );
    request.on('error', () => resolve(0));
    request.end(body);
  });

/** Sends `count` updates closed-loop (`concurrency` in flight) or at `rate` a second; returns the statuses seen. */
const send = async (url: URL, workload: ReturnType<typeof createWorkload>, count: number): Promise<Record<string, number>> => {
  const statuses: Record<string, number> = {};
  const one = async (shot: Shot): Promise<void> => {
    const status = await post(url, shot.body);
    statuses[status] = (statuses[status] ?? 0) + 1;
    workload.acked(shot, status, now());
  };
  const rate = Number(flags.rate);
  if (rate > 0) {
    const start = now();
    const pending: Promise<void>[] = [];
    for (let sent = 0; sent < count; sent += 1) {
      const due = start + (sent * 1000) / rate;
      const wait = due - now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(one(workload.next(due)));
    }
    await Promise.all(pending);
    return statuses;
  }
  let sent = 0;
  const lane = async (): Promise<void> => {
    while (sent < count) {
      sent += 1;
      await one(workload.next(now()));
    }
  };
  await Promise.all(Array.from({ length: Number(flags.concurrency) }, lane));
  return statuses;
};

interface Run {
  readonly target: TargetName;
  readonly cpuUsPerUpdate: number;
  readonly userUsPerUpdate: number;
  readonly systemUsPerUpdate: number;
  readonly idleUsPerSecond: number;
  readonly updatesPerSecond: number;
  readonly errors: number;
}

const runTarget = async (target: TargetName, index: number): Promise<Run> => {
  const nats = await createTestNats();
  let database: TestDatabase | undefined;
  let server: Server | undefined;
  try {
    const env: Record<string, string> = { NATS_URL: TEST_NATS_URL, NATS_PREFIX: nats.prefix, PARTITIONS: '64' };
    if (target !== 'bare') {
      database = await createTestDatabase();
      Object.assign(env, {
        DATABASE_URL: database.url,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: '0',
        TELEGRAM_BOT_TOKEN: '123456:gateway-cost-bench-token-0000',
        // Nothing listens there: the gateway's one start-up call (the command menu) fails quietly at LOG_LEVEL=error.
        TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        LOG_LEVEL: 'error',
      });
    }
    server = await startServer(target, env);
    const url = new URL(server.url);
    const workload = createWorkload({ emulator: undefined, expectReplies: false, cooldownMs: 20, firstUserId: 100_000_000 * (index + 1) });
    await send(url, workload, Number(flags.warmup));
    // The process's own background (timers, metrics collection, pools) over one idle second.
    const idleFrom = cpuOf(server.pid);
    const idleStart = now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idleTo = cpuOf(server.pid);
    const idleUsPerSecond = ((idleTo.user + idleTo.system - idleFrom.user - idleFrom.system) * 1000) / (now() - idleStart);
    const updates = Number(flags.updates);
    server.restartProfile();
    const from = cpuOf(server.pid);
    const started = now();
    const statuses = await send(url, workload, updates);
    const seconds = (now() - started) / 1000;
    const to = cpuOf(server.pid);
    const user = (to.user - from.user) / updates;
    const system = (to.system - from.system) / updates;
    const errors = Object.entries(statuses).reduce((sum, [status, count]) => sum + (status === '200' ? 0 : count), 0);
    return { target, cpuUsPerUpdate: user + system, userUsPerUpdate: user, systemUsPerUpdate: system, idleUsPerSecond, updatesPerSecond: updates / seconds, errors };
  } finally {
    await server?.stop();
    await nats.cleanup();
    await database?.drop();
  }
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const main = async (): Promise<void> => {
  if (flags.help) {
    console.log(help);
    return;
  }
  const targets = flags.targets.split(',').map((each) => each.trim()) as TargetName[];
  for (const target of targets) if (!['gateway', 'old', 'bare'].includes(target)) throw new Error(`unknown target ${target}`);
  const runs: Run[] = [];
  const rounds = Number(flags.rounds);
  let index = 0;
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const run = await runTarget(target, index);
      index += 1;
      runs.push(run);
      log(
        `round ${round + 1} ${target}: ${run.cpuUsPerUpdate.toFixed(0)} µs CPU per update (user ${run.userUsPerUpdate.toFixed(0)}, system ${run.systemUsPerUpdate.toFixed(0)}), ` +
          `${run.updatesPerSecond.toFixed(0)} updates/s, idle ${run.idleUsPerSecond.toFixed(0)} µs/s, errors ${run.errors}`,
      );
    }
  }
  console.log(`target   runs  CPU µs/update median (all runs)`);
  for (const target of targets) {
    const mine = runs.filter((run) => run.target === target).map((run) => run.cpuUsPerUpdate);
    console.log(`${target.padEnd(8)} ${String(mine.length).padStart(4)}  ${median(mine).toFixed(0).padStart(6)}  (${mine.map((value) => value.toFixed(0)).join(', ')})`);
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
