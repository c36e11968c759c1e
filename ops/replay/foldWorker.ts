// A fold worker thread: opens its own connection to the log, folds its slice of the streams up to the rebuild's
// checkpoint, and hands back its rows as COPY text (strings cross threads far cheaper than the docs' object graph).
import { parentPort, workerData } from 'node:worker_threads';
import { foldedRowsOf } from '../../projections/readModels/index.js';
import { foldLog } from '../../projections/replay/index.js';
import type { FoldJob, FoldWorkerMessage } from './foldJob.js';
import { openReplayStore } from './replayStore.js';

const port = parentPort;
if (port === null) throw new Error('foldWorker.js runs as a worker thread of `lexbot ops replay`');
const { job } = workerData as { readonly job: FoldJob };
const post = (message: FoldWorkerMessage): void => port.postMessage(message);

const store = openReplayStore(job.store);
try {
  const outcome = await foldLog({
    store,
    upTo: job.upTo,
    slice: job.slice,
    pageSize: job.pageSize,
    failureMode: job.failureMode,
    onPage: (events, checkpoint) => post({ kind: 'progress', events, checkpoint }),
  });
  post({ kind: 'done', part: { rows: foldedRowsOf(outcome.state), events: outcome.events, failures: outcome.failures, halted: outcome.halted } });
} finally {
  await store.close();
}
