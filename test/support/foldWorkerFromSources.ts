// The replay's fold worker threads, started from the TypeScript sources (through test/support/tsWorker.mjs).
import { Worker } from 'node:worker_threads';
import type { FoldWorkerLauncher } from '../../ops/replay/index.js';

const BOOT = new URL('./tsWorker.mjs', import.meta.url);
const ENTRY = new URL('../../ops/replay/foldWorker.ts', import.meta.url).href;

export const launchFoldWorkerFromSources: FoldWorkerLauncher = (job) => new Worker(BOOT, { workerData: { job, entry: ENTRY } });
