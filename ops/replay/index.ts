// The operator's replay: where the log is read from, and the fold spread over worker threads.
export { openReplayStore, type ReplayStoreSpec } from './replayStore.js';
export { defaultFoldWorkers, foldInWorkers, launchCompiledFoldWorker, type FoldWorkerLauncher, type WorkerFoldOptions } from './foldInWorkers.js';
export type { FoldJob } from './foldJob.js';
