// Starts a worker thread on a TypeScript module of this repo (tests run the sources; production runs dist/):
// registers tsx's loader in this thread, then imports the module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
