// Splits the users over loader threads (loadThread.ts), one world.ts namespace each, and adds up what they loaded.
import { Worker } from 'node:worker_threads';
import type { WorldStats } from '../replay/world.js';
import type { LoadThreadInput, LoadThreadMessage } from './loadThread.js';

export interface ThreadedLoad {
  readonly world: WorldStats;
  /** Users per namespace, in namespace order (worker.ts derives the user ids from them). */
  readonly usersPerNamespace: readonly number[];
  readonly keys: number;
  readonly snapshots: number;
  /** The slowest thread's time for its log, then for its snapshots. */
  readonly seconds: number;
  readonly snapshotSeconds: number;
}

export const loadInThreads = async (
  base: Omit<LoadThreadInput, 'namespace' | 'users'>,
  users: number,
  threads: number,
  onProgress: (events: number) => void,
): Promise<ThreadedLoad> => {
  const count = Math.max(1, Math.min(10, threads));
  const progress = new Array<number>(count).fill(0);
  const results = await Promise.all(
    Array.from({ length: count }, (_, namespace) => {
      const share = Math.floor(users / count) + (namespace < users % count ? 1 : 0);
      const input: LoadThreadInput = { ...base, users: share, namespace };
      return new Promise<Extract<LoadThreadMessage, { kind: 'done' }>>((resolve, reject) => {
        const worker = new Worker(new URL('./loadThread.js', import.meta.url), { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 6144 } });
        let done: Extract<LoadThreadMessage, { kind: 'done' }> | undefined;
        worker.on('message', (message: LoadThreadMessage) => {
          if (message.kind === 'done') done = message;
          else {
            progress[namespace] = message.events;
            onProgress(progress.reduce((a, b) => a + b, 0));
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (done === undefined ? reject(new Error(`loader thread ${namespace} exited with code ${code}`)) : resolve(done)));
      });
    }),
  );
  const world: WorldStats = { users: 0, events: 0, outboxEvents: 0, refusals: 0 };
  for (const r of results) for (const key of Object.keys(world) as (keyof WorldStats)[]) world[key] += r.world[key];
  return {
    world,
    usersPerNamespace: results.map((r) => r.world.users),
    keys: results.reduce((n, r) => n + r.keys, 0),
    snapshots: results.reduce((n, r) => n + r.snapshots, 0),
    seconds: Math.max(...results.map((r) => r.seconds)),
    snapshotSeconds: Math.max(...results.map((r) => r.snapshotSeconds)),
  };
};
