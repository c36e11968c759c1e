// --verify without holding anything back: the comparison only reads (no transaction id, so the log's readers go on),
// the live projector keeps applying while it reads the live tables' snapshot, a tampered shadow row is still
// reported, and live tables behind the shadow are still compared at the shadow's checkpoint without being changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareCheckpoints, type Checkpoint } from '../../../actors/eventStore/types.js';
import { readCheckpointRow } from '../../../projections/readModels/checkpointRow.js';
import { createReadModelTarget, READ_MODEL_TABLES, READ_MODELS_PROJECTION } from '../../../projections/readModels/index.js';
import { rebuildInto, replayReadModels, tableChecksums, verifyAgainstLive } from '../../../projections/replay/index.js';
import type { ProjectionRunner } from '../../../projections/runner/index.js';
import { settle } from '../../support/settlePostgres.js';
import { appendAll, createProjectionDb, PARTITIONS, startLiveProjector, world, type ProjectionDb } from '../support/projectionDb.js';
import { waitFor } from '../support/waitFor.js';

describe('replay --verify in short read-only steps', () => {
  let db: ProjectionDb;
  let runner: ProjectionRunner | null = null;
  beforeEach(async () => {
    db = await createProjectionDb();
  });
  afterEach(async () => {
    await runner?.stop();
    runner = null;
    await db.drop();
  });

  const shadow = (): string => `${db.readModels}_shadow`;
  const finish = { projection: READ_MODELS_PROJECTION, failureMode: 'halt', maxTransactionMs: 1 } as const;
  const verify = (onTableCompared?: (table: string) => Promise<void> | void) =>
    verifyAgainstLive({
      ...finish,
      store: db.store,
      pool: db.pool,
      liveSchema: db.readModels,
      shadowSchema: shadow(),
      deadLetters: db.deadLetters,
      ...(onTableCompared === undefined ? {} : { onTableCompared }),
    });
  const rebuild = (upTo?: Checkpoint) =>
    rebuildInto({
      ...finish,
      store: db.store,
      pool: db.pool,
      shadowSchema: shadow(),
      partitions: PARTITIONS,
      deadLetters: db.deadLetters,
      ...(upTo === undefined ? {} : { upTo }),
    });
  const liveCheckpoint = () => readCheckpointRow(db.pool, db.readModels, READ_MODELS_PROJECTION);
  /** Live read models built from the log by a swap, and a shadow rebuilt up to their checkpoint. */
  const liveAndShadow = async (seed: number) => {
    await appendAll(db.store, world({ seed, events: 1200, eventsPerUser: 20 }));
    await settle(db.pool);
    await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, partitions: PARTITIONS });
    return rebuild(await liveCheckpoint());
  };
  const startRunner = () => {
    runner = startLiveProjector(db);
    return runner;
  };

  it('reads both sides without a transaction id, so the log readers are not held', async () => {
    await liveAndShadow(61);
    // The live tables a few hundred events further on: the shadow has a catch-up to write before its side is read.
    await appendAll(db.store, world({ seed: 68, events: 300, eventsPerUser: 10, namespace: 5 }));
    await settle(db.pool);
    const target = createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters });
    await target.prepare();
    let checkpoint = await liveCheckpoint();
    for (let page = await db.store.readAll(checkpoint, 500); page.events.length > 0; page = await db.store.readAll(checkpoint, 500)) {
      checkpoint = (await target.apply(page.events, checkpoint, 'halt')).checkpoint;
    }
    // After each table the live side's snapshot is still open: it has no transaction id, and every transaction that
    // began before now ends (the log's readers see past it).
    const open: (string | null)[] = [];
    const verifying = verify(async (table) => {
      const { rows } = await db.pool.query<{ xid: string | null }>(
        `select backend_xid::text as xid from pg_stat_activity where state = 'idle in transaction' and position($1 in query) > 0`,
        [`from ${db.readModels}.${table} t`],
      );
      open.push(...rows.map((r) => r.xid));
      await settle(db.pool);
    });
    const result = await verifying;
    expect(open).toEqual(READ_MODEL_TABLES.map(() => null));
    expect(result.differences).toEqual([]);
    expect(result.checkpoint).toEqual(checkpoint);
    expect(await readCheckpointRow(db.pool, shadow(), READ_MODELS_PROJECTION)).toEqual(checkpoint);
  });

  it('lets the live projector go on while it reads the live tables, and compares them at the checkpoint of its snapshot', async () => {
    await liveAndShadow(62);
    const live = startRunner();
    let appended = 0;
    // After each of the first tables, new events that the live projector applies before the next one: with the live
    // checkpoint table locked through the comparison (as before), it could not.
    const result = await verify(async () => {
      if (appended >= 3) return;
      appended += 1;
      await appendAll(db.store, world({ seed: 62 + appended, events: 100, eventsPerUser: 10, namespace: appended }));
      const head = await db.store.headCheckpoint();
      await waitFor(() => compareCheckpoints(live.status().checkpoint, head) >= 0, 'the live projector to apply the new events');
    });
    expect(appended).toBe(3);
    expect(result.differences).toEqual([]);
    expect(compareCheckpoints(await liveCheckpoint(), result.checkpoint)).toBeGreaterThan(0);
    expect(await readCheckpointRow(db.pool, shadow(), READ_MODELS_PROJECTION)).toEqual(result.checkpoint);
  });

  it('finds live equal to rebuilt while events keep arriving and the live projector applies them', async () => {
    await appendAll(db.store, world({ seed: 63, events: 1200, eventsPerUser: 20 }));
    startRunner();
    let appending = true;
    const more = (async () => {
      for (let n = 1; appending && n < 9; n += 1) await appendAll(db.store, world({ seed: 200 + n, events: 150, eventsPerUser: 15, namespace: n }));
    })();
    try {
      const verified = await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, verify: true });
      if (verified.mode !== 'verify') throw new Error('expected a verification');
      expect(verified.verify.differences).toEqual([]);
    } finally {
      appending = false;
      await more;
    }
  });

  it('reports a tampered shadow row, in a partitioned table and in an unpartitioned one', async () => {
    await liveAndShadow(64);
    await db.pool.query(`update ${shadow()}.users set profile_completion_level = profile_completion_level + 1 where user_id = (select min(user_id) from ${shadow()}.users)`);
    await db.pool.query(`delete from ${shadow()}.daily_stats where day = (select min(day) from ${shadow()}.daily_stats)`);
    const result = await verify();
    expect(result.differences.map((d) => d.table)).toEqual(['users', 'daily_stats']);
    const [users, daily] = result.differences;
    expect(users!.rebuilt.rows).toBe(users!.live.rows);
    expect(users!.rebuilt.md5).not.toBe(users!.live.md5);
    expect(daily!.rebuilt.rows).toBe(daily!.live.rows - 1);
  });

  it('compares live tables behind the shadow at the shadow checkpoint and leaves them as they were', async () => {
    await appendAll(db.store, world({ seed: 65, events: 1200, eventsPerUser: 20 }));
    await settle(db.pool);
    await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, partitions: PARTITIONS });
    await appendAll(db.store, world({ seed: 66, events: 300, eventsPerUser: 15, namespace: 4 }));
    await settle(db.pool);
    const before = { checkpoint: await liveCheckpoint(), sums: await tableChecksums(db.pool, db.readModels) };
    const rebuilt = await rebuild();
    expect(compareCheckpoints(rebuilt.checkpoint, before.checkpoint)).toBeGreaterThan(0);
    const result = await verify();
    expect(result.differences).toEqual([]);
    expect(result.checkpoint).toEqual(rebuilt.checkpoint);
    expect(await liveCheckpoint()).toEqual(before.checkpoint);
    expect(await tableChecksums(db.pool, db.readModels)).toEqual(before.sums);
  });

  it('reports the checksums of tableChecksums, also for a shadow partitioned otherwise', async () => {
    await appendAll(db.store, world({ seed: 67, events: 800, eventsPerUser: 20 }));
    await settle(db.pool);
    await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, partitions: PARTITIONS });
    const live = await tableChecksums(db.pool, db.readModels);
    const verified = await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, partitions: PARTITIONS + 1, verify: true });
    if (verified.mode !== 'verify') throw new Error('expected a verification');
    expect(verified.verify.differences).toEqual([]);
    expect(verified.verify.live).toEqual(live);
    expect(verified.verify.rebuilt).toEqual(live);
  });
});
