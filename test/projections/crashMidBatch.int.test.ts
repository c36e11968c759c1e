// A projector killed in the middle of a batch (its connection terminated after the rows were written, before the
// commit) leaves nothing behind; the next one resumes from the stored checkpoint and counts every event once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { START } from '../../actors/eventStore/types.js';
import { applyEventsInTransaction, createReadModelTarget, readCheckpointRow } from '../../projections/readModels/index.js';
import { replayReadModels } from '../../projections/replay/index.js';
import { settle } from '../support/settlePostgres.js';
import { appendAll, createProjectionDb, world, type ProjectionDb } from './support/projectionDb.js';

describe('projector killed mid-batch', () => {
  let db: ProjectionDb;
  beforeEach(async () => {
    db = await createProjectionDb();
  });
  afterEach(async () => db.drop());

  it('never double counts', async () => {
    await appendAll(db.store, world({ seed: 11, events: 1500, eventsPerUser: 20 }));
    await settle(db.pool); // other tests' open transactions would hide the tail of the log from the reads below
    const target = createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters });
    await target.prepare();
    const first = await db.store.readAll(START, 600);
    await target.apply(first.events.slice(0, 300), START, 'halt');
    const committed = await readCheckpointRow(db.pool, db.readModels, 'read_models');

    // The doomed batch: written inside its transaction, then the connection dies before the commit.
    const victim = await db.pool.connect();
    const pid = (await victim.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    await victim.query('begin');
    const result = await applyEventsInTransaction(victim, db.readModels, 'read_models', first.events.slice(300), committed, 'halt', db.deadLetters);
    expect(result.applied).toBeGreaterThan(0);
    victim.on('error', () => undefined);
    await db.pool.query('select pg_terminate_backend($1)', [pid]);
    await expect(victim.query('commit')).rejects.toThrow();
    victim.release(true);
    expect(await readCheckpointRow(db.pool, db.readModels, 'read_models')).toEqual(committed);

    // A new projector resumes from the stored checkpoint and applies the rest of the log.
    const restarted = createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters });
    let checkpoint = await restarted.checkpoint();
    for (;;) {
      const page = await db.store.readAll(checkpoint, 250);
      if (page.events.length === 0) break;
      checkpoint = (await restarted.apply(page.events, checkpoint, 'halt')).checkpoint;
    }
    const dailyNewUsers = await db.pool.query<{ n: number }>(`select coalesce(sum(new_users), 0)::int as n from ${db.readModels}.daily_stats`);
    const started = await db.pool.query<{ n: number }>(`select count(*)::int as n from ${db.test.schema}.events where event_type = 'UserStarted'`);
    expect(dailyNewUsers.rows[0]!.n).toBe(started.rows[0]!.n);
    const verified = await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, verify: true });
    if (verified.mode !== 'verify') throw new Error('expected a verification');
    expect(verified.verify.differences).toEqual([]);
  });

  it('a stale owner whose checkpoint moved writes nothing', async () => {
    await appendAll(db.store, world({ seed: 12, events: 300, eventsPerUser: 20 }));
    await settle(db.pool); // other tests' open transactions would hide the tail of the log from the reads below
    const target = createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters });
    await target.prepare();
    const page = await db.store.readAll(START, 1000);
    await target.apply(page.events, START, 'halt');
    const before = await db.pool.query(`select * from ${db.readModels}.daily_stats order by day`);
    // Another instance believed the checkpoint was still at the start.
    await expect(target.apply(page.events, START, 'halt')).rejects.toThrow(/checkpoint moved/);
    expect((await db.pool.query(`select * from ${db.readModels}.daily_stats order by day`)).rows).toEqual(before.rows);
  });
});
