// The live probe of liveDuringRebuild.ts in a thread of its own, so that the rebuild's work on the main thread's event
// loop (merging parts, feeding COPY) does not show up as live latency: a live system runs in other processes.
import { parentPort, workerData } from 'node:worker_threads';
import { createPostgresEventStore } from '../../../actors/eventStore/postgres/index.js';
import { startLiveProbe, type LiveProbeCommand, type LiveProbeSpec } from './liveDuringRebuild.js';
import { generateWorld } from './world.js';

const spec = workerData as LiveProbeSpec;
const store = createPostgresEventStore({ connectionString: spec.url, schema: spec.schema, poolSize: 2, pollIntervalMs: 200 });
const world = generateWorld({ seed: 3, events: Number.MAX_SAFE_INTEGER, eventsPerUser: 40, namespace: 8, start: new Date('2026-05-01T00:00:00Z') });
const probe = await startLiveProbe(store, spec.url, world, spec.rate);
parentPort!.postMessage({ started: true });
parentPort!.on('message', (command: LiveProbeCommand) => {
  if (command.mark !== undefined) probe.mark(command.mark);
  else
    void probe.stop().then(async (result) => {
      await store.close();
      parentPort!.postMessage({ result });
    });
});
