// The actor worker of the memory benchmark, run as its own process (node --expose-gc) so its RSS is only what an
// actor worker holds. It builds the actor host as ops/roles/actorsRole.ts does (same codec, snapshot policy, idle
// time, group committer, user behavior with the grammY handlers; store as infrastructure.ts opens it), then:
//   1. activates `live` distinct users one cold load each (`inspect`: snapshot + later events through the store),
//      `concurrency` at a time, timing each load;
//   2. measures RSS and heap, then again after a forced GC; then cold-loads `serial` further users one at a time
//      (with the live cap reached, each evicts one actor): a load's latency without queueing behind the others;
//   3. steady phase: `steady` further users each send a Telegram message (/help) through `tell`, so every one is a
//      cold load, a grammY pass and an append, while the live cap makes the LRU evict; RSS is sampled throughout.
// The result goes back to main.ts over IPC.
import { loadavg } from 'node:os';
import { GCProfiler, getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { createActorHost } from '../../../actors/runtime/actorHost.js';
import { createGroupCommitter } from '../../../actors/runtime/groupCommit.js';
import { createHandlers } from '../../../actors/userActor/bot/handlers/index.js';
import { userEventCodec, userStateCodec } from '../../../actors/userActor/codec.js';
import type { UserActorMessage } from '../../../actors/userActor/messages.js';
import { memoryServices } from '../../../actors/userActor/ports/index.js';
import { createUserBehavior, userStreamOfKey } from '../../../actors/userActor/userBehavior.js';
import { BOT_INFO, BOT_TOKEN, textUpdate } from '../../actors/userActor/fixtures.js';
import { createColdLoadRecorder } from './coldLoadSplit.js';
import { openBenchStore } from './openStore.js';
import { memorySample, pickUsers, summarize, type WorkerInput, type WorkerResult } from './workerTypes.js';

const input = JSON.parse(process.argv[2] ?? '{}') as WorkerInput;
const gc = (globalThis as { gc?: () => void }).gc;
const collect = (): void => {
  if (gc === undefined) throw new Error('run the worker with node --expose-gc');
  gc();
  gc();
};
const progress = (line: string): void => {
  if (!input.quiet) process.stderr.write(`  [worker] ${line}\n`);
};

const main = async (): Promise<WorkerResult> => {
  const { store, waiting, close } = openBenchStore(input.url, input.eventSchema, input.keySchema);
  const host = createActorHost({
    store,
    committer: createGroupCommitter({ appendMany: (requests) => store.appendMany(requests) }),
    behavior: createUserBehavior({ token: BOT_TOKEN, botInfo: BOT_INFO, handlers: createHandlers(), services: memoryServices() }),
    codec: userEventCodec,
    stateCodec: userStateCodec,
    streamOf: userStreamOfKey,
    maxLive: input.live,
    idleMs: 15 * 60_000,
    snapshotEvery: input.snapshotEvery,
    onSnapshotError: (key, error) => progress(`snapshot of ${key} failed: ${String(error)}`),
  });
  const { activate, serial, arrive } = pickUsers(input.usersPerNamespace, input.live, input.serial, input.steady, input.seed);
  collect();
  const baseline = memorySample();
  const loadBefore = loadavg()[0]!;

  /**
   * Cold-loads `users` (each once, through `inspect`), `concurrency` at a time: each load's wall time, CPU and bytes
   * allocated per load, the split. Allocated = the heap's growth between collections plus what each collection
   * found in use before it (GCProfiler's heap statistics around every GC of the phase).
   */
  const coldLoads = async (users: readonly number[], concurrency: number) => {
    const coldMs = new Float64Array(users.length);
    const recorder = createColdLoadRecorder(users.length);
    let nextIndex = 0;
    const gcProfiler = new GCProfiler();
    gcProfiler.start();
    const heapAtStart = getHeapStatistics().used_heap_size;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = nextIndex++; i < users.length; i = nextIndex++) {
          const poolWaiting = waiting();
          const t0 = performance.now();
          const { version } = await host.inspect(`user:${users[i]!}`);
          const t1 = performance.now();
          coldMs[i] = t1 - t0;
          recorder.record(i, t0, t1, version, poolWaiting);
          if ((i + 1) % 20_000 === 0) progress(`${i + 1} loaded, rss ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MiB`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const heapAtEnd = getHeapStatistics().used_heap_size;
    let allocated = 0;
    let used = heapAtStart;
    for (const { beforeGC, afterGC } of gcProfiler.stop()?.statistics ?? []) {
      allocated += beforeGC.heapStatistics.usedHeapSize - used;
      used = afterGC.heapStatistics.usedHeapSize;
    }
    allocated += heapAtEnd - used;
    return {
      users: users.length,
      seconds,
      cpuMicrosPerLoad: (cpu.user + cpu.system) / Math.max(1, users.length),
      allocatedBytesPerLoad: allocated / Math.max(1, users.length),
      coldLoadMs: summarize(coldMs),
      split: recorder.finish(input.snapshotEvery),
    };
  };

  // 1. Cold loads, `concurrency` at a time.
  const cold = await coldLoads(activate, input.concurrency);
  const loadAfterActivation = loadavg()[0]!;
  const activated = memorySample();
  collect();
  const activatedAfterGc = memorySample();
  const liveAfterActivation = host.liveCount();
  if (input.heapSnapshot !== undefined) progress(`heap snapshot: ${writeHeapSnapshot(input.heapSnapshot)}`);

  // 2. Cold loads one at a time: a load's own latency, without queueing behind the worker's other loads.
  const serialLoads = await coldLoads(serial, 1);

  // 3. Steady phase: new users keep arriving; the LRU keeps the cap.
  const tellMs = new Float64Array(arrive.length);
  let maxRss = activated.rss;
  let nextIndex = 0;
  const steadyStarted = performance.now();
  await Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      for (let i = nextIndex++; i < arrive.length; i = nextIndex++) {
        const id = arrive[i]!;
        // Unique per run: on a --reuse log, ids of an earlier run would make these redeliveries (the store's dedup path).
        const updateId = input.updateIdBase + i;
        const message: UserActorMessage = { kind: 'update', id: `tg:${updateId}`, update: textUpdate(updateId, { id, first_name: `User ${id}`, language_code: 'en' }, '/help') };
        const t0 = performance.now();
        await host.tell(`user:${id}`, message);
        tellMs[i] = performance.now() - t0;
        if ((i + 1) % 1000 === 0) maxRss = Math.max(maxRss, process.memoryUsage.rss());
        if ((i + 1) % 10_000 === 0) progress(`${i + 1} arrived, live ${host.liveCount()}, rss ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MiB`);
      }
    }),
  );
  const steadySeconds = (performance.now() - steadyStarted) / 1000;
  const afterSteady = memorySample();
  maxRss = Math.max(maxRss, afterSteady.rss);
  collect();
  const afterSteadyGc = memorySample();
  const result: WorkerResult = {
    baseline,
    activation: {
      users: cold.users,
      concurrency: input.concurrency,
      seconds: cold.seconds,
      perSecond: cold.users / cold.seconds,
      cpuMicrosPerLoad: cold.cpuMicrosPerLoad,
      allocatedBytesPerLoad: cold.allocatedBytesPerLoad,
      coldLoadMs: cold.coldLoadMs,
      split: cold.split,
      live: liveAfterActivation,
      memory: activated,
      memoryAfterGc: activatedAfterGc,
      retainedBytesPerActor: (activatedAfterGc.heapUsed - baseline.heapUsed) / Math.max(1, liveAfterActivation),
    },
    serial: serialLoads,
    steady: {
      users: arrive.length,
      seconds: steadySeconds,
      perSecond: arrive.length / Math.max(steadySeconds, 1e-9),
      tellMs: summarize(tellMs),
      live: host.liveCount(),
      maxRss,
      memory: afterSteady,
      memoryAfterGc: afterSteadyGc,
    },
    loadAverage: { before: loadBefore, afterActivation: loadAfterActivation, end: loadavg()[0]! },
  };
  await host.close();
  await close();
  return result;
};

main().then(
  (result) => {
    // Run by hand (no IPC channel), it prints the result instead.
    if (process.send === undefined) console.log(JSON.stringify(result, null, 1));
    else process.send(result);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
