// A fold worker thread: folds its slice of the streams up to the rebuild's checkpoint — read through its own
// connection, or (fed) from the pages the main thread's one reader sends it — and hands back its rows as COPY text
// (strings cross threads far cheaper than the docs' object graph).
import { parentPort, workerData } from 'node:worker_threads';
import type { Checkpoint } from '../../actors/eventStore/types.js';
import { foldedRowsOf } from '../../projections/readModels/index.js';
import { foldLog } from '../../projections/replay/index.js';
import { createFedLog } from './fedLog.js';
import type { FeedMessage, FoldJob, FoldWorkerMessage } from './foldJob.js';
import { openReplayStore } from './replayStore.js';

const port = parentPort;
if (port === null) throw new Error('foldWorker.js runs as a worker thread of `lexbot ops replay`');
const { job } = workerData as { readonly job: FoldJob };
const post = (message: FoldWorkerMessage): void => port.postMessage(message);

let events = 0;
const progress = (folded: number, checkpoint: Checkpoint): void => {
  events = folded;
  post({ kind: 'progress', events, checkpoint });
};
const fed = job.fed ? createFedLog(job.upTo, (through) => progress(events, through)) : undefined;
const onFeed = (message: FeedMessage): void => fed?.push(message);
if (fed !== undefined) port.on('message', onFeed);
const store = openReplayStore(job.store, fed?.store);
try {
  const outcome = await foldLog({
    store,
    upTo: job.upTo,
    ...(fed === undefined ? { slice: job.slice } : {}),
    pageSize: job.pageSize,
    failureMode: job.failureMode,
    onPage: progress,
  });
  post({ kind: 'done', part: { rows: foldedRowsOf(outcome.state), events: outcome.events, failures: outcome.failures, halted: outcome.halted } });
} finally {
  // The listener would keep the thread alive after its last page.
  port.off('message', onFeed);
  await store.close();
}
