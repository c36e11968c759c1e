// --verify without holding anything back: the comparison reads each side of a partition in a statement of its own
// (no transaction id, so the log's readers go on), the live projector keeps applying between partitions and the
// shadow follows it, a tampered shadow row is still reported, and live tables behind the shadow are still compared
// at the shadow's checkpoint without being changed.
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareCheckpoints, type Checkpoint } from '../../../actors/eventStore/types.js';
import { readCheckpointRow } from '../../../projections/readModels/checkpointRow.js';
import { createReadModelTarget, READ_MODELS_PROJECTION } from '../../../projections/readModels/index.js';
import { rebuildInto, replayReadModels, tableChecksums, verifyAgainstLive, type VerifyPart } from '../../../projections/replay/index.js';
import { createLease, createProjectionRunner, type ProjectionRunner } from '../../../projections/runner/index.js';
import { settle } from '../../support/settlePostgres.js';
import { appendAll, createProjectionDb, PARTITIONS, world, type ProjectionDb } from '../support/projectionDb.js';
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
  const verify = (onPartCompared?: (part: VerifyPart) => Promise<void> | void) =>
    verifyAgainstLive({
      ...finish,
      store: db.store,
      pool: db.pool,
      liveSchema: db.readModels,
      shadowSchema: shadow(),
      deadLetters: db.deadLetters,
      ...(onPartCompared === undefined ? {} : { onPartCompared }),
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
    runner = createProjectionRunner({
      store: db.store,
      target: createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters }),
      lease: createLease({ pool: db.pool, projection: READ_MODELS_PROJECTION, owner: 'live', schema: db.runnerSchema }),
      deadLetters: db.deadLetters,
      pool: db.pool,
      batchSize: 50,
      maxWaitMs: 10,
      leaseIntervalMs: 100,
      retryDelayMs: 100,
    });
    runner.start();
    return runner;
  };

  it('reads each side of a partition in one statement without a transaction id, so the log readers are not held', async () => {
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
    // A table of each side locked (which takes no transaction id either), so that the comparison waits on its read:
    // the live users from the start; the shadow's user_languages once the shadow has been caught up (after the first
    // partition), as the catch-up writes there too.
    const lock = async (relation: string) => {
      const client = await db.pool.connect();
      await client.query('begin');
      await client.query(`lock table ${relation} in access exclusive mode`);
      return client;
    };
    const blockers: (pg.PoolClient | undefined)[] = [await lock(`${db.readModels}.users`)];
    const release = async (i: number) => {
      const client = blockers[i];
      blockers[i] = undefined;
      await client?.query('commit');
      client?.release();
    };
    const verifying = verify(async () => {
      if (blockers.length === 1) blockers.push(await lock(`${shadow()}.user_languages`));
    });
    try {
      for (const [i, relation] of [`${db.readModels}.users_p`, `${shadow()}.user_languages_p`].entries()) {
        let waiting: { xid: string | null; query: string } | undefined;
        await waitFor(async () => {
          const { rows } = await db.pool.query<{ xid: string | null; query: string }>(
            `select backend_xid::text as xid, query from pg_stat_activity where wait_event_type = 'Lock' and position($1 in query) > 0`,
            [`from ${relation}`],
          );
          waiting = rows[0];
          return waiting !== undefined;
        }, `the comparison to wait on ${relation}…`);
        expect(waiting!.query).toMatch(/^select count\(\*\)/);
        expect(waiting!.xid).toBeNull();
        // Every transaction that began before now ends, the comparison's included: the log's readers would see past it.
        await settle(db.pool);
        await release(i);
      }
    } finally {
      for (const i of blockers.keys()) await release(i);
      await verifying.catch(() => undefined);
    }
    const result = await verifying;
    expect(result.differences).toEqual([]);
    expect(result.checkpoint).toEqual(checkpoint);
    expect(await readCheckpointRow(db.pool, shadow(), READ_MODELS_PROJECTION)).toEqual(checkpoint);
  });

  it('lets the live projector go on between partitions and catches the shadow up to it each time', async () => {
    const rebuilt = await liveAndShadow(62);
    const live = startRunner();
    let appended = 0;
    // After each of the first comparisons, new events that the live projector applies before the next one: with
    // the live checkpoint table locked through the comparison (as before), it could not.
    const result = await verify(async () => {
      if (appended >= 3) return;
      appended += 1;
      await appendAll(db.store, world({ seed: 62 + appended, events: 100, eventsPerUser: 10, namespace: appended }));
      const head = await db.store.headCheckpoint();
      await waitFor(() => compareCheckpoints(live.status().checkpoint, head) >= 0, 'the live projector to apply the new events');
    });
    expect(appended).toBe(3);
    expect(result.differences).toEqual([]);
    expect(compareCheckpoints(result.checkpoint, rebuilt.checkpoint)).toBeGreaterThan(0);
    expect(result.checkpoint).toEqual(await liveCheckpoint());
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

  it('compares whole tables when the shadow is partitioned otherwise, with the checksums of tableChecksums', async () => {
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
