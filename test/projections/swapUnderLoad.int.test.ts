// Replay while the live runner keeps applying new events: the swap happens under the runner's feet, the runner
// notices its checkpoint moved, resumes on the swapped-in tables, and the result still equals a rebuild.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareCheckpoints } from '../../actors/eventStore/types.js';
import { replayReadModels } from '../../projections/replay/index.js';
import type { ProjectionRunner } from '../../projections/runner/index.js';
import { appendAll, createProjectionDb, startLiveProjector, world, type ProjectionDb } from './support/projectionDb.js';
import { waitFor } from './support/waitFor.js';

describe('replay while the live projection runs', () => {
  let db: ProjectionDb;
  let runner: ProjectionRunner;
  beforeEach(async () => {
    db = await createProjectionDb();
  });
  afterEach(async () => {
    await runner.stop();
    await db.drop();
  });

  it('swaps without losing or repeating an event', async () => {
    await appendAll(db.store, world({ seed: 41, events: 1500, eventsPerUser: 20 }));
    runner = startLiveProjector(db);
    await waitFor(() => runner.status().applied > 0, 'the runner to start applying');

    // New users keep arriving during the replay.
    let appending = true;
    const more = (async () => {
      for (let n = 1; appending && n < 9; n += 1) await appendAll(db.store, world({ seed: 100 + n, events: 150, eventsPerUser: 15, namespace: n }));
    })();
    const swapped = await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels });
    expect(swapped.mode).toBe('swap');
    appending = false;
    await more;

    await waitFor(async () => compareCheckpoints(runner.status().checkpoint, await db.store.headCheckpoint()) >= 0, 'the runner to catch up');
    expect(runner.status().role).toBe('active');
    const verified = await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, verify: true });
    if (verified.mode !== 'verify') throw new Error('expected a verification');
    expect(verified.verify.differences).toEqual([]);
  });
});
