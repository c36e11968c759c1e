// One loader thread: fills its share of the users (its own world.ts namespace) into the log with loadUsers, on
// its own connections, then writes the snapshots its users' actors would have taken, and reports to the main thread. Several run at once,
// since generating and sealing is CPU-bound and Postgres takes the COPY on another core.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import type { WorldStats } from '../replay/world.js';
import { loadUsers } from './loadUsers.js';
import { openBenchStore } from './openStore.js';
import { writeSnapshots } from './writeSnapshots.js';

export interface LoadThreadInput {
  readonly url: string;
  readonly eventSchema: string;
  readonly keySchema: string;
  readonly users: number;
  readonly eventsPerUser: number;
  readonly snapshotEvery: number;
  readonly namespace: number;
}

export type LoadThreadMessage =
  | { readonly kind: 'progress'; readonly events: number }
  | { readonly kind: 'done'; readonly world: WorldStats; readonly keys: number; readonly snapshots: number; readonly seconds: number; readonly snapshotSeconds: number };

const input = workerData as LoadThreadInput;
const pool = new pg.Pool({ connectionString: input.url, max: 2 });
const post = (message: LoadThreadMessage): void => parentPort?.postMessage(message);
const started = performance.now();
try {
  const result = await loadUsers({
    pool,
    eventSchema: input.eventSchema,
    keySchema: input.keySchema,
    users: input.users,
    eventsPerUser: input.eventsPerUser,
    snapshotEvery: input.snapshotEvery,
    namespace: input.namespace,
    seed: 7 + input.namespace,
    onProgress: (events) => post({ kind: 'progress', events }),
  });
  const loadedAt = performance.now();
  // Snapshots need the keys in the key table, so they come after this thread's log and keys are in.
  const bench = openBenchStore(input.url, input.eventSchema, input.keySchema, { store: 3, keys: 2 });
  let snapshots: number;
  try {
    snapshots = await writeSnapshots(bench.store, result.snapshotAt, 3);
  } finally {
    await bench.close();
  }
  post({ kind: 'done', world: result.world, keys: result.keys, snapshots, seconds: (loadedAt - started) / 1000, snapshotSeconds: (performance.now() - loadedAt) / 1000 });
} finally {
  await pool.end();
}
