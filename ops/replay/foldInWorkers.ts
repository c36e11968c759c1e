// A rebuild's fold spread over worker threads, one slice of the streams each: every user's events are in one slice,
// so each thread folds whole users and the parts merge by concatenation and sums. On PostgreSQL the main thread
// reads the log once and routes each event's row to its slice's thread (routeLog.ts); elsewhere (or with
// `reader: 'per-thread'`) each thread reads its slice through its own connection, the database filtering its scan.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { START, compareCheckpoints, type Checkpoint } from '../../actors/eventStore/types.js';
import type { FoldedPart, FoldRunner } from '../../projections/replay/index.js';
import { READ_MODELS_REPLAY_READ_OPTIONS } from '../../projections/replay/readOptions.js';
import type { FeedMessage, FoldJob, FoldWorkerMessage } from './foldJob.js';
import { isPostgresLog, type ReplayStoreSpec } from './replayStore.js';
import { routeLog } from './routeLog.js';

/** Starts one fold worker thread for a job (tests running the TypeScript sources start it through a loader). */
export type FoldWorkerLauncher = (job: FoldJob) => Worker;

export const launchCompiledFoldWorker: FoldWorkerLauncher = (job) =>
  // A young generation four times the default (semi-spaces of 64 MiB): the fold makes many short-lived objects, and
  // scavenges took a fifth of its time; with it, 13–14 instead of 15–18 µs of CPU per event on the benchmark's log.
  new Worker(new URL('./foldWorker.js', import.meta.url), { workerData: { job }, resourceLimits: { maxYoungGenerationSizeMb: 192 } });

/**
 * Fold threads by default: none on one core; two on two (measured there once the fold updated its docs in place,
 * defc3cd: two threads 155–159k events/s against 129–137k in the main thread, for ~10 % more CPU, Postgres on the
 * same cores); else one per core but one left to the database, at most 8 (each holds its slice's docs). 0 folds in
 * the main thread.
 */
export const defaultFoldWorkers = (cores = availableParallelism()): number => (cores <= 1 ? 0 : Math.min(8, Math.max(2, cores - 1)));

export interface WorkerFoldOptions {
  readonly store: ReplayStoreSpec;
  /** Threads (and slices); at least 1. */
  readonly workers: number;
  readonly launch?: FoldWorkerLauncher;
  /**
   * Who reads the log: `shared` (default on PostgreSQL) one reader in this thread for all, `per-thread` each thread
   * its own slice (KurrentDB always).
   */
  readonly reader?: 'shared' | 'per-thread';
}

const foldOne = (
  worker: Worker,
  index: number,
  onProgress: (events: number, checkpoint: Checkpoint) => void,
  onDone: (part: FoldedPart) => void,
): Promise<FoldedPart> =>
  new Promise((resolve, reject) => {
    let part: FoldedPart | undefined;
    worker.on('message', (message: FoldWorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.events, message.checkpoint);
      else {
        part = message.part;
        onDone(part);
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (part === undefined ? reject(new Error(`fold worker ${index} exited with code ${code} before it finished`)) : resolve(part)));
  });

export const foldInWorkers =
  (options: WorkerFoldOptions): FoldRunner =>
  async ({ upTo, pageSize, failureMode, onProgress }) => {
    const count = Math.max(1, Math.floor(options.workers));
    const launch = options.launch ?? launchCompiledFoldWorker;
    const fed = (options.reader ?? 'shared') === 'shared' && isPostgresLog(options.store);
    const progress = Array.from({ length: count }, () => ({ events: 0, checkpoint: START }));
    // The shared reader waits on the threads' progress (and stops when one halted or anything failed).
    let stopped = false;
    let wake: (() => void) | null = null;
    const wakeReader = (): void => {
      const resolve = wake;
      wake = null;
      resolve?.();
    };
    const stop = (): void => {
      stopped = true;
      wakeReader();
    };
    const report = (): void => {
      const behind = progress.reduce((min, p) => (compareCheckpoints(p.checkpoint, min) < 0 ? p.checkpoint : min), upTo);
      onProgress(progress.reduce((sum, p) => sum + p.events, 0), behind);
    };
    const workers: Worker[] = [];
    let reading: Promise<unknown> = Promise.resolve();
    try {
      const folding = Promise.all(
        progress.map((_, index) => {
          const worker = launch({ store: options.store, upTo, slice: { index, count }, fed, pageSize, failureMode });
          workers.push(worker);
          return foldOne(
            worker,
            index,
            (events, checkpoint) => {
              progress[index] = { events, checkpoint };
              report();
              wakeReader();
            },
            (part) => {
              if (part.halted) stop();
            },
          );
        }),
      );
      if (fed) {
        reading = routeLog({
          connectionString: options.store.eventStoreUrl,
          schema: options.store.eventStoreSchema,
          upTo,
          omitDataOf: READ_MODELS_REPLAY_READ_OPTIONS.omitDataOf ?? [],
          pageSize,
          threads: count,
          send: (thread: number, message: FeedMessage, transfer: ArrayBuffer[]) => workers[thread]!.postMessage(message, transfer),
          acknowledged: (thread) => progress[thread]!.events,
          nextAcknowledgement: () => (stopped ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve))),
          stopped: () => stopped,
        });
      }
      const [parts] = await Promise.all([folding, reading]);
      return parts;
    } finally {
      // After a failure the others stop too; after success they have exited already.
      stop();
      await Promise.all(workers.map((worker) => worker.terminate()));
      await reading.catch(() => undefined);
    }
  };
