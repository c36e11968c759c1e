// `npm run bench:pipeline` — the pipeline benchmark of issue 4 (method and results in BENCHMARKS.md).
// This process runs the open-loop generator; the Bot API emulator runs in a child process (emulatorProcess.ts), and
// each system under test in another (server.ts) with a fresh NATS prefix and a fresh database, deleted at the end.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createTestNats, TEST_NATS_URL } from '../../support/nats.js';
import { runLevel, type LevelResult, type LevelSpec, type Target } from './openLoop.js';
import { help, parseOptions, type BenchOptions } from './options.js';
import { formatJson, formatTable, type BenchResult, type MeasuredLevel, type TargetResult } from './report.js';
import type { BenchTarget, LoopStats, ServerMessage } from './server.js';
import type { CallRecord, EmulatorChildMessage, EmulatorParentMessage } from './emulatorProcess.js';
import { watchProjection, type ProjectionWatch } from './projection.js';
import { cpuSeconds, handOffCounts, mergeScrapes, scrape, stagesBetween } from './stages.js';
import { DEFAULT_SCHEMA as EVENTSTORE_SCHEMA } from '../../../actors/eventStore/postgres/constants.js';
import { CHECKPOINT_TABLE, DEFAULT_READ_MODEL_SCHEMA, READ_MODELS_PROJECTION } from '../../../projections/readModels/names.js';
import { machineBusySeconds } from './machineCpu.js';
import { describeCommitProbe, startCommitProbe, type CommitProbeStats } from './commitProbe.js';
import { TEST_DATABASE_URL } from '../../support/postgres.js';
import { createWorkload, now, type Workload } from './workload.js';
import { traceUnanswered, watchPulls } from './traceUnanswered.js';

const SECRET = 'bench-pipeline-secret';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const describeLevel = (level: LevelResult): string =>
  `${level.sent} sent, ${level.acked} acked (${Math.round(level.ackRate)}/s), ${level.replied} replied` +
  `${Number.isNaN(level.replyRate) ? '' : ` (${Math.round(level.replyRate)}/s)`}, ack p99 ${level.ackMs.p99.toFixed(1)} ms` +
  `${level.replyMs.count > 0 ? `, reply p99 ${level.replyMs.p99.toFixed(1)} ms` : ''}, errors ${JSON.stringify(level.errors)}, ` +
  `${level.unanswered.length === 0 ? '' : `not answered (first ${level.unanswered.length}): ${level.unanswered.map((u) => `update ${u.updateId} (user ${u.userId}, ${u.kind}, #${u.index})`).join(', ')}, `}` +
  `generator lag p99 ${level.generatorLagMs.p99.toFixed(1)} ms, drained ${level.drainedAfterMs === undefined ? 'no' : `${Math.round(level.drainedAfterMs)} ms`} after the last send → ${level.sustained ? 'sustained' : 'NOT sustained'}`;

interface Child {
  /** Where the webhook is. */
  readonly url: string;
  /** Every process's base URL, for /metrics. */
  readonly metricsUrls: readonly string[];
  /** Starts a census (census.ts) in every process; no-op without --census. */
  resetCensus(): void;
  /** Each process's census since the last reset (JSON text). */
  dumpCensus(): Promise<string[]>;
  /** Starts a measurement of every process's event loop (delay, utilization). */
  resetLoop(): void;
  /** Each process's event loop since the last resetLoop. */
  dumpLoop(): Promise<LoopStats[]>;
  stop(): Promise<void>;
}

/** Sends a request to a server child over IPC and resolves with its first answer of the given type. */
const ask = <T extends ServerMessage['type']>(child: ChildProcess, request: string, answerType: T): Promise<Extract<ServerMessage, { type: T }>> =>
  new Promise((resolve) => {
    const listen = (message: ServerMessage): void => {
      if (message.type !== answerType) return;
      child.off('message', listen);
      resolve(message as Extract<ServerMessage, { type: T }>);
    };
    child.on('message', listen);
    child.send(request);
  });

const startChild = async (target: BenchTarget, env: Record<string, string>, options: BenchOptions, roles?: string): Promise<Child> => {
  const script = fileURLToPath(new URL('./server.js', import.meta.url));
  const profileName = roles === undefined ? target : `${target}-${roles.replaceAll(',', '+')}`;
  const child: ChildProcess = fork(script, [], {
    env: {
      ...process.env,
      ...env,
      BENCH_TARGET: target,
      BENCH_PROFILE_NAME: profileName,
      ...(roles === undefined ? {} : { BENCH_ROLES: roles }),
      ...(options.cpuProfDir === undefined ? {} : { BENCH_CPU_PROF_DIR: options.cpuProfDir }),
      ...(options.censusDir === undefined ? {} : { BENCH_CENSUS: '1' }),
      ...(options.intakeMaxLoopDelay === undefined ? {} : { BENCH_INTAKE_MAX_LOOP_DELAY_MS: String(options.intakeMaxLoopDelay) }),
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: ServerMessage) => (message.type === 'ready' ? resolve(message.url) : reject(new Error(`${target} failed to start: ${message.type === 'failed' ? message.error : message.type}`))));
    child.once('exit', (code) => reject(new Error(`${target} exited with ${String(code)} before it was ready`)));
  });
  return {
    url,
    metricsUrls: [url],
    resetCensus() {
      if (options.censusDir !== undefined) child.send('census-reset');
    },
    async dumpCensus() {
      if (options.censusDir === undefined) return [];
      const answer = await ask(child, 'census-dump', 'census');
      return [answer.json];
    },
    resetLoop() {
      child.send('loop-reset');
    },
    async dumpLoop() {
      const answer = await ask(child, 'loop-dump', 'loop');
      return [answer.loop];
    },
    async stop() {
      child.send('stop');
      const killer = setTimeout(() => {
        log(`${target} did not stop within 30 s: killed`);
        child.kill('SIGKILL');
      }, 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
};

interface Emulator {
  readonly apiRoot: string;
  readonly token: string;
  addChat(chat: { readonly id: number; readonly first_name: string }): void;
  /** The emulator's clock minus this one's (ms), from the quickest of a few IPC round trips (its midpoint). */
  clockOffset(): Promise<{ offsetMs: number; roundTripMs: number }>;
  close(): Promise<void>;
}

/** The Bot API emulator in a child process; every call it records is handed to `onCall`. */
const startEmulator = async (onCall: (call: CallRecord) => void): Promise<Emulator> => {
  const script = fileURLToPath(new URL('./emulatorProcess.js', import.meta.url));
  const child: ChildProcess = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const clockAnswers: ((message: { sentAt: number; childAt: number }) => void)[] = [];
  const ready = new Promise<{ apiRoot: string; token: string }>((resolve, reject) => {
    child.on('message', (message: EmulatorChildMessage) => {
      if (message.type === 'calls') for (const call of message.calls) onCall(call);
      else if (message.type === 'clock') clockAnswers.shift()?.(message);
      else resolve(message);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${String(code)} before it was ready`)));
  });
  const { apiRoot, token } = await ready;
  const send = (message: EmulatorParentMessage): void => {
    child.send(message);
  };
  return {
    apiRoot,
    token,
    addChat(chat) {
      send({ type: 'chats', chats: [chat] });
    },
    async clockOffset() {
      const samples: { offsetMs: number; roundTripMs: number }[] = [];
      for (let i = 0; i < 9; i += 1) {
        const answer = await new Promise<{ sentAt: number; childAt: number }>((resolve) => {
          clockAnswers.push(resolve);
          send({ type: 'clock', sentAt: now() });
        });
        const back = now();
        samples.push({ offsetMs: answer.childAt - (answer.sentAt + back) / 2, roundTripMs: back - answer.sentAt });
      }
      samples.sort((a, b) => a.roundTripMs - b.roundTripMs);
      return samples[0]!;
    },
    async close() {
      send('stop');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
};

const bench = async (options: BenchOptions): Promise<BenchResult> => {
  const loadAverage = os.loadavg();
  let current: Workload | undefined;
  // Every recorded Bot API call goes to the workload of the target being measured.
  const emulator = await startEmulator((call) => current?.observe(call));
  const clock = await emulator.clockOffset();
  log(`emulator in its own process; its clock − this one's: ${clock.offsetMs.toFixed(3)} ms (IPC round trip ${clock.roundTripMs.toFixed(3)} ms)`);
  // The disk's flush stalls, beside each level: every append and claim waits for one (commitProbe.ts).
  const probe = await startCommitProbe(TEST_DATABASE_URL);

  const targets: Partial<Record<BenchTarget, TargetResult>> = {};
  const durationMs = options.seconds * 1000;
  const fixed = (rate: number): LevelSpec => ({ rate, durationMs, graceMs: options.graceMs, drainMs: 30_000 });
  const step = (rate: number): LevelSpec => ({ rate, durationMs: options.stepSeconds * 1000, graceMs: options.graceMs, drainMs: 10_000 });

  for (const [index, name] of options.targets.entries()) {
    const nats = await createTestNats();
    let database: TestDatabase | undefined;
    let child: Child | undefined;
    let projector: Child | undefined;
    let watch: ProjectionWatch | undefined;
    let watchClient: pg.Client | undefined;
    let unansweredSeen = false;
    try {
      const env: Record<string, string> = { NATS_URL: TEST_NATS_URL, NATS_PREFIX: nats.prefix, PARTITIONS: String(options.partitions) };
      if (name !== 'bare') {
        database = await createTestDatabase();
        Object.assign(env, {
          DATABASE_URL: database.url,
          HTTP_HOST: '127.0.0.1',
          HTTP_PORT: '0',
          TELEGRAM_BOT_TOKEN: emulator.token,
          TELEGRAM_API_ROOT: emulator.apiRoot,
          TELEGRAM_MODE: 'webhook',
          TELEGRAM_WEBHOOK_SECRET: SECRET,
          LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
        });
      }
      const pulls = process.env.BENCH_TRACE_UNANSWERED === '1' ? watchPulls(nats.connection, nats.prefix) : undefined;
      log(`${name}: starting…`);
      if (name === 'split' || name === 'split3' || name === 'splitgd') {
        // Actors and dispatcher first (they create nothing the gateway needs, but should be consuming when it opens);
        // the gateway last. Its loop comes first in the level's line, then the others in this order.
        const started: Child[] = [];
        try {
          const workerRoles = { split: ['actors,dispatcher'], split3: ['actors', 'dispatcher'], splitgd: ['actors'] }[name];
          for (const roles of workerRoles) started.push(await startChild('unthrottled', env, options, roles));
          started.unshift(await startChild('unthrottled', env, options, name === 'splitgd' ? 'gateway,dispatcher' : 'gateway'));
        } catch (error) {
          for (const each of started) await each.stop();
          throw error;
        }
        const [gateway, ...workers] = started as [Child, ...Child[]];
        const all = [gateway, ...workers];
        child = {
          url: gateway.url,
          metricsUrls: all.map((each) => each.url),
          resetCensus: () => all.forEach((each) => each.resetCensus()),
          dumpCensus: async () => (await Promise.all(all.map((each) => each.dumpCensus()))).flat(),
          resetLoop: () => all.forEach((each) => each.resetLoop()),
          dumpLoop: async () => (await Promise.all(all.map((each) => each.dumpLoop()))).flat(),
          stop: async () => {
            for (const each of all) await each.stop();
          },
        };
      } else child = await startChild(name, env, options);
      if (name === 'unthrottled' && options.projection) {
        // The read-model projector in a process of its own (as `lexbot start --roles projector`), so the pipeline's
        // process — and its CPU per update, compared with the bare route's — is the same as without it.
        projector = await startChild('unthrottled', env, options, 'projector');
        watchClient = new pg.Client({ connectionString: database!.url });
        watchClient.on('error', () => undefined);
        await watchClient.connect();
        watch = watchProjection(watchClient, {
          projection: READ_MODELS_PROJECTION,
          checkpointTable: `${DEFAULT_READ_MODEL_SCHEMA}.${CHECKPOINT_TABLE}`,
          eventsTable: `${EVENTSTORE_SCHEMA}.events`,
          pollMs: 5,
        });
      }
      const expectReplies = name !== 'bare';
      const workload = createWorkload({
        emulator,
        expectReplies,
        cooldownMs: options.cooldownMs,
        firstUserId: 100_000_000 * (index + 1),
        keepCalls: process.env.BENCH_TRACE_UNANSWERED === '1',
      });
      current = workload;
      const target: Target = { url: child.url, secret: expectReplies ? SECRET : undefined, expectReplies, workload };
      // Transactions committed in the pipeline's database (pg_stat_database, flushed about once a second).
      const stats = database === undefined ? undefined : new pg.Client({ connectionString: database.url });
      // When a phase fails, its database is dropped with force while this client is connected: without a listener
      // that termination would crash the benchmark and hide the phase's own error.
      stats?.on('error', () => undefined);
      await stats?.connect();
      const commits = async (): Promise<number | undefined> => {
        if (stats === undefined) return undefined;
        const { rows } = await stats.query<{ commits: string }>('select xact_commit::text as commits from pg_stat_database where datname = current_database()');
        return Number(rows[0]?.commits ?? Number.NaN);
      };
      const measure = async (spec: LevelSpec): Promise<MeasuredLevel> => {
        const scrapeAll = async (): Promise<Awaited<ReturnType<typeof scrape>>> => mergeScrapes(await Promise.all(child!.metricsUrls.map((url) => scrape(url))));
        const cpuAll = async (): Promise<number> => (await Promise.all(child!.metricsUrls.map((url) => cpuSeconds(url)))).reduce((a, b) => a + b, 0);
        const handOffsAll = async (): Promise<{ accepted: number; refused: number }> =>
          (await Promise.all(child!.metricsUrls.map((url) => handOffCounts(url)))).reduce((a, b) => ({ accepted: a.accepted + b.accepted, refused: a.refused + b.refused }), { accepted: 0, refused: 0 });
        const handOffsBefore = expectReplies ? await handOffsAll() : undefined;
        const before = expectReplies ? await scrapeAll() : undefined;
        const commitsBefore = await commits();
        const watchBefore = watch?.transactions() ?? 0;
        const cpuBefore = await cpuAll();
        const machineBefore = machineBusySeconds();
        child!.resetCensus();
        child!.resetLoop();
        probe.reset();
        let cpuAfter = Number.NaN;
        let machineAfter: number | undefined;
        let commitProbe: CommitProbeStats | undefined;
        let loop: LoopStats[] = [];
        let projectionMs: MeasuredLevel['projectionMs'];
        const level = await runLevel(target, spec, async (shots) => {
          cpuAfter = await cpuAll();
          machineAfter = machineBusySeconds();
          commitProbe = probe.stats();
          loop = await child!.dumpLoop();
          projectionMs = await watch?.measure(shots, spec.drainMs);
        });
        const cpuMsPerUpdate = ((cpuAfter - cpuBefore) * 1000) / level.sent;
        const machineCpuMsPerUpdate = machineBefore === undefined || machineAfter === undefined ? undefined : ((machineAfter - machineBefore) * 1000) / level.sent;
        if (options.censusDir !== undefined) {
          const counts = await child!.dumpCensus();
          await mkdir(options.censusDir, { recursive: true });
          const file = path.join(options.censusDir, `${name}-${spec.rate}-${Date.now()}.json`);
          await writeFile(file, JSON.stringify({ target: name, rate: spec.rate, updates: level.sent, processes: counts.map((json) => JSON.parse(json) as unknown) }, null, 2));
          log(`${name} at ${spec.rate}/s: census in ${file}`);
        }
        const stages = before === undefined ? {} : stagesBetween(before, await scrapeAll());
        const handOffsAfter = handOffsBefore === undefined ? undefined : await handOffsAll();
        const handOffs =
          handOffsBefore === undefined || handOffsAfter === undefined
            ? undefined
            : { accepted: handOffsAfter.accepted - handOffsBefore.accepted, refused: handOffsAfter.refused - handOffsBefore.refused };
        // Let the statistics collector catch up (it flushes at most once a second).
        if (stats !== undefined) await new Promise((resolve) => setTimeout(resolve, 1100));
        const commitsAfter = await commits();
        // Without the benchmark's own polls of the projector's checkpoint (the projector's transactions do count).
        const watchTransactions = (watch?.transactions() ?? 0) - watchBefore;
        const postgresCommitsPerUpdate = commitsBefore === undefined || commitsAfter === undefined ? undefined : (commitsAfter - commitsBefore - watchTransactions) / level.sent;
        log(
          `${name} at ${spec.rate}/s: ${describeLevel(level)}${postgresCommitsPerUpdate === undefined ? '' : `, ${postgresCommitsPerUpdate.toFixed(1)} Postgres commits per update`}` +
            `, ${cpuMsPerUpdate.toFixed(2)} CPU ms per update` +
            `${machineCpuMsPerUpdate === undefined ? '' : ` (machine, every process: ${machineCpuMsPerUpdate.toFixed(2)})`}` +
            `, ${describeCommitProbe(commitProbe!)}` +
            `${handOffs === undefined ? '' : `, appends handed to the dispatcher in-process ${handOffs.accepted} (refused ${handOffs.refused})`}` +
            // A stalled mailbox consumer (a pull request the server dropped silently: FINDINGS, 27 Nov, "unanswered").
            `${stages.lexbot_mailbox_wait_seconds === undefined ? '' : `, mailbox waits over 5 s ${stages.lexbot_mailbox_wait_seconds.overFiveSeconds}`}` +
            `, event loop ${loop.map((stats) => `delay p99 ${stats.delayP99Ms.toFixed(1)} / max ${stats.delayMaxMs.toFixed(1)} ms, CPU between ticks p99 ${stats.cpuBetweenTicksP99Ms.toFixed(1)} / max ${stats.cpuBetweenTicksMaxMs.toFixed(1)} ms, utilization ${stats.utilization.toFixed(2)}`).join(' | ')}` +
            `${projectionMs === undefined ? '' : `, update → projection p50 ${projectionMs.p50.toFixed(1)} / p99 ${projectionMs.p99.toFixed(1)} ms (${projectionMs.projected}/${projectionMs.acked})`}`,
        );
        return {
          ...level,
          loadAverage: os.loadavg()[0]!,
          stages,
          cpuMsPerUpdate,
          commitProbe: commitProbe!,
          ...(handOffs === undefined ? {} : { handOffs }),
          ...(machineCpuMsPerUpdate === undefined ? {} : { machineCpuMsPerUpdate }),
          loop,
          ...(postgresCommitsPerUpdate === undefined ? {} : { postgresCommitsPerUpdate }),
          ...(projectionMs === undefined ? {} : { projectionMs }),
        };
      };

      log(`${name}: warm-up, ${options.quick ? 1 : 3} s at 100/s (not counted)…`);
      await runLevel(target, { rate: 100, durationMs: options.quick ? 1000 : 3000, graceMs: options.graceMs, drainMs: 30_000 });

      // Order: the lowest fixed level, the ramp, then the higher fixed levels — a level the pipeline cannot sustain
      // leaves a backlog behind it that would spoil whatever ran next.
      const levels: MeasuredLevel[] = [];
      const [lowest, ...higher] = options.fixedRates;
      if (name !== 'bare' && lowest !== undefined) levels.push(await measure(fixed(lowest)));
      const ramp: MeasuredLevel[] = [];
      if (name !== 'shipped' && options.ramp) {
        for (let rate = options.rampStart; rate <= 50_000; rate = Math.round(rate * options.rampFactor)) {
          const level = await measure(step(rate));
          ramp.push(level);
          if (!level.sustained) break;
        }
      }
      // Split too: the ack of a gateway in a process of its own under overload (the actors' backlog is not on its loop).
      if (name === 'unthrottled' || name === 'split' || name === 'split3' || name === 'splitgd') for (const rate of higher) levels.push(await measure(fixed(rate)));
      const unanswered = [...levels, ...ramp].flatMap((level) => level.unanswered.map((update) => update.updateId));
      if (unanswered.length > 0) {
        unansweredSeen = true;
        // Late or lost: a reply after the drain still reaches the shot (the workload keeps waiting for it).
        const late = unanswered.flatMap((updateId) => {
          const shot = workload.shot(updateId);
          return shot?.repliedAt === undefined ? [] : [`update ${updateId} +${((shot.repliedAt - shot.scheduledAt) / 1000).toFixed(1)} s`];
        });
        log(`${name}: of the ${unanswered.length} updates listed without a reply, answered later (by the end of the target): ${late.length === 0 ? 'none' : late.join(', ')}`);
      }
      if (unanswered.length > 0 && process.env.BENCH_TRACE_UNANSWERED === '1' && database !== undefined) {
        for (const line of await traceUnanswered({ updateIds: unanswered, workload, databaseUrl: database.url, nats: nats.connection, prefix: nats.prefix, partitions: options.partitions, ...(pulls === undefined ? {} : { pulls }) })) {
          log(`${name}: trace: ${line}`);
        }
      }
      const sustained = ramp.filter((level) => level.sustained);
      targets[name] = { levels, ramp, maxSustained: sustained.at(-1)?.rate ?? 0, users: workload.users(), unmatchedCalls: workload.unmatched() };
      await stats?.end();
    } finally {
      current = undefined;
      await watch?.stop();
      await watchClient?.end();
      await projector?.stop();
      await child?.stop();
      const keep = process.env.BENCH_KEEP_DATA;
      if (keep === '1' || (keep === 'unanswered' && unansweredSeen)) {
        // For tracing what became of an update after the run (BENCH_KEEP_DATA=1 always, =unanswered when a level left
        // an update without a reply): the streams and the database stay; drop them by hand.
        log(`${name}: kept NATS prefix ${nats.prefix} and database ${database?.url ?? '(none)'} (BENCH_KEEP_DATA=${keep})`);
        await nats.connection.close();
      } else {
        await nats.cleanup();
        await database?.drop();
      }
    }
  }
  await emulator.close();
  await probe.stop();

  const bare = targets.bare?.maxSustained;
  const pipeline = targets.unthrottled?.maxSustained;
  const ratio = bare === undefined || pipeline === undefined || bare === 0 ? Number.NaN : pipeline / bare;
  const at500 = targets.unthrottled?.levels.find((level) => level.rate === 500);
  return {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown', node: process.version, loadAverageAtStart: loadAverage, loadAverageAtEnd: os.loadavg() },
    settings: {
      seconds: options.seconds,
      stepSeconds: options.stepSeconds,
      rampStart: options.rampStart,
      rampFactor: options.rampFactor,
      graceMs: options.graceMs,
      partitions: options.partitions,
      quick: options.quick,
    },
    targets,
    ratio,
    goals: {
      throughputVsBare: { target: 0.6, value: ratio, met: ratio >= 0.6 },
      ackP99At500: { targetMs: 20, valueMs: at500?.ackMs.p99 ?? Number.NaN, met: (at500?.ackMs.p99 ?? Number.POSITIVE_INFINITY) <= 20 },
      replyP99At500: {
        targetMs: 100,
        valueMs: at500?.replyMs.p99 ?? Number.NaN,
        met: at500 !== undefined && at500.replied === at500.sent && at500.replyMs.p99 <= 100,
      },
      projectionP99At500: {
        targetMs: 250,
        valueMs: at500?.projectionMs?.p99 ?? Number.NaN,
        met: at500?.projectionMs !== undefined && at500.projectionMs.projected === at500.projectionMs.acked && at500.projectionMs.p99 <= 250,
      },
    },
  };
};

const main = async (): Promise<void> => {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(help);
    return;
  }
  const result = await bench(options);
  console.log(options.json ? formatJson(result) : formatTable(result));
};

main().then(
  // Keep-alive sockets of the generator's agent would hold the process: leave explicitly.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
