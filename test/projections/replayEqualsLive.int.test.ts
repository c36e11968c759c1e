// Replay equals live: the same log applied incrementally in batches (each batch delivered twice) and rebuilt in bulk
// gives the same rows in every table (row counts and checksums), and a swap installs exactly those rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { START, type RecordedEvent } from '../../actors/eventStore/types.js';
import { createReadModelTarget } from '../../projections/readModels/index.js';
import { replayReadModels, tableChecksums } from '../../projections/replay/index.js';
import { settle } from '../support/settlePostgres.js';
import { appendAll, createProjectionDb, world, type ProjectionDb } from './support/projectionDb.js';

const readEverything = async (db: ProjectionDb): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  let after = START;
  for (;;) {
    const page = await db.store.readAll(after, 1000);
    if (page.events.length === 0) return all;
    all.push(...page.events);
    after = page.checkpoint;
  }
};

describe('replay equals live', () => {
  let db: ProjectionDb;
  beforeEach(async () => {
    db = await createProjectionDb();
  });
  afterEach(async () => db.drop());

  it('incremental batches (each delivered twice) and the bulk rebuild produce identical tables', async () => {
    await appendAll(db.store, world({ seed: 7, events: 4000, eventsPerUser: 25 }));
    await settle(db.pool); // other tests' open transactions would hide the tail of the log from this first read
    const events = await readEverything(db);
    const target = createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters });
    await target.prepare();
    let checkpoint = START;
    for (let i = 0, size = 1; i < events.length; i += size, size = (size * 7) % 97 + 1) {
      const batch = events.slice(i, i + size);
      const result = await target.apply(batch, checkpoint, 'halt');
      // Idempotency: the same batch again, at the new checkpoint, changes nothing.
      const again = await target.apply(batch, result.checkpoint, 'halt');
      expect(again.applied).toBe(0);
      checkpoint = result.checkpoint;
    }
    const live = await tableChecksums(db.pool, db.readModels);
    expect(live.users.rows).toBeGreaterThan(50);
    expect(live.matches.rows).toBeGreaterThan(10);
    expect(live.daily_stats.rows).toBeGreaterThan(0);

    const verified = await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, verify: true });
    if (verified.mode !== 'verify') throw new Error('expected a verification');
    expect(verified.verify.differences).toEqual([]);
    expect(verified.rebuild.events).toBe(events.length);

    const swapped = await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels });
    if (swapped.mode !== 'swap') throw new Error('expected a swap');
    expect(swapped.swap.checkpoint).toEqual(checkpoint);
    expect(await tableChecksums(db.pool, db.readModels)).toEqual(live);
  });

  it('a verification reports a table that differs from the log', async () => {
    await appendAll(db.store, world({ seed: 8, events: 800, eventsPerUser: 20 }));
    await settle(db.pool);
    const target = createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters });
    await target.prepare();
    await target.apply(await readEverything(db), START, 'halt');
    await db.pool.query(`update ${db.readModels}.users set profile_completion_level = 1 where user_id = (select min(user_id) from ${db.readModels}.users)`);
    const verified = await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, verify: true });
    if (verified.mode !== 'verify') throw new Error('expected a verification');
    expect(verified.verify.differences.map((d) => d.table)).toEqual(['users']);
  });
});
