// A rebuild writes in short transactions (every write transaction in the cluster holds the log's live readers back):
// with a tiny bound it builds the same tables in many COPY transactions, a live subscription keeps receiving events
// between them, the swap's catch-up goes in steps, and a rebuild that stops half-way leaves the live tables as they
// were and is redone from scratch by the next one.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSIONS } from '../../../domain/events/index.js';
import { compareCheckpoints, type Subscription } from '../../../actors/eventStore/types.js';
import { READ_MODEL_TABLES, READ_MODELS_PROJECTION } from '../../../projections/readModels/index.js';
import { rebuildInto, replayReadModels, swapIn, tableChecksums, type ChunkCommitted } from '../../../projections/replay/index.js';
import { settle } from '../../support/settlePostgres.js';
import { appendAll, createProjectionDb, PARTITIONS, world, type ProjectionDb } from '../support/projectionDb.js';

describe('a rebuild in short transactions', () => {
  let db: ProjectionDb;
  let subscription: Subscription | null = null;
  beforeEach(async () => {
    db = await createProjectionDb();
  });
  afterEach(async () => {
    await subscription?.close();
    subscription = null;
    await db.drop();
  });

  const shadow = (): string => `${db.readModels}_shadow`;
  const rebuild = (maxTransactionMs?: number, onChunkCommitted?: (chunk: ChunkCommitted) => Promise<void> | void) =>
    rebuildInto({
      store: db.store,
      pool: db.pool,
      shadowSchema: shadow(),
      partitions: PARTITIONS,
      projection: READ_MODELS_PROJECTION,
      failureMode: 'halt',
      deadLetters: db.deadLetters,
      ...(maxTransactionMs === undefined ? {} : { maxTransactionMs }),
      ...(onChunkCommitted === undefined ? {} : { onChunkCommitted }),
    });

  it('builds the same tables with a tiny bound as with the default, in many COPY transactions', async () => {
    await appendAll(db.store, world({ seed: 51, events: 1200, eventsPerUser: 20 }));
    await settle(db.pool);
    const reference = await rebuild();
    const expected = await tableChecksums(db.pool, shadow());
    expect(expected.users.rows).toBeGreaterThan(20);
    const chunks: ChunkCommitted[] = [];
    const small = await rebuild(1, (chunk) => void chunks.push(chunk));
    expect(small.checkpoint).toEqual(reference.checkpoint);
    expect(small.rows).toEqual(reference.rows);
    const sums = await tableChecksums(db.pool, shadow());
    for (const table of READ_MODEL_TABLES) expect({ table, ...sums[table] }).toEqual({ table, ...expected[table] });
    // Each table's rows arrive over several commits, the last of which has them all.
    const users = chunks.filter((c) => c.table === `${shadow()}.users`);
    expect(users.length).toBeGreaterThan(1);
    expect(users.at(-1)!.rows).toBe(reference.rows.users);
  });

  it("builds the partitioned tables' indexes after the COPY into the schema a migration creates: same indexes, same constraints, all valid", async () => {
    await appendAll(db.store, world({ seed: 53, events: 1200, eventsPerUser: 20 }));
    await settle(db.pool);
    await rebuild(1);
    // Every index and constraint of a schema, its name replaced (the live one was created by the migrations).
    const catalog = async (schema: string) => {
      const indexes = await db.pool.query<{ table: string; name: string; def: string; valid: boolean }>(
        `select c.relname as table, i.relname as name, replace(pg_get_indexdef(x.indexrelid), $1::text || '.', 'S.') as def, x.indisvalid as valid
           from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = $1::text order by 1, 2`,
        [schema],
      );
      const constraints = await db.pool.query<{ table: string; name: string; def: string; inherited: boolean }>(
        `select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as def, k.conparentid <> 0 as inherited
           from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = $1::text order by 1, 2`,
        [schema],
      );
      const attached = await db.pool.query<{ index: string; parent: string }>(
        `select i.relname as index, p.relname as parent from pg_inherits h join pg_class i on i.oid = h.inhrelid join pg_class p on p.oid = h.inhparent
          where p.relkind = 'I' and i.relnamespace = $1::text::regnamespace order by 1`,
        [schema],
      );
      return { indexes: indexes.rows, constraints: constraints.rows, attached: attached.rows };
    };
    const live = await catalog(db.readModels);
    const rebuilt = await catalog(shadow());
    // The migrations' bookkeeping table is the live schema's own (the swap copies it over).
    const own = (rows: readonly { table: string }[]) => rows.filter((r) => r.table !== 'schema_migrations');
    expect(live.attached.length).toBeGreaterThan(PARTITIONS * 10);
    expect(rebuilt.indexes.every((i) => i.valid)).toBe(true);
    expect(rebuilt.indexes).toEqual(own(live.indexes));
    expect(rebuilt.constraints).toEqual(own(live.constraints));
    expect(rebuilt.attached).toEqual(live.attached.filter((a) => !a.parent.startsWith('schema_migrations')));
  });

  it('a live subscription receives events appended during the COPY phase before that phase ends', async () => {
    await appendAll(db.store, world({ seed: 52, events: 1200, eventsPerUser: 20 }));
    await settle(db.pool);
    const delivered = new Set<string>();
    const waiting = new Map<string, () => void>();
    subscription = db.store.subscribe({
      after: await db.store.headCheckpoint(),
      handler: async (events) => {
        for (const event of events) {
          delivered.add(event.id);
          waiting.get(event.id)?.();
        }
      },
    });
    // After each of the first commits, a live append, and the rebuild goes on only once the subscription has it.
    // With the rebuild's COPY in one transaction per table (as before), that transaction would still be open here
    // and hide the event from every reader: the rebuild would never go on.
    const appended: string[] = [];
    await rebuild(1, async () => {
      // Tables copy in parallel, so hooks overlap: count on entry.
      if (appended.length >= 3) return;
      const id = randomUUID();
      appended.push(id);
      // Of a type no read model reads: only its delivery matters here.
      await db.store.append(`user-${970 + appended.length}`, 'any', [{ id, type: 'DialogChanged', schemaVersion: CURRENT_SCHEMA_VERSIONS.DialogChanged, data: {} }]);
      if (!delivered.has(id)) await new Promise<void>((resolve) => waiting.set(id, resolve));
    });
    expect(appended).toHaveLength(3);
    expect(appended.every((id) => delivered.has(id))).toBe(true);
  });

  it('catches up before the swap in steps; a rebuild that stops half-way leaves the live tables as they were', async () => {
    await appendAll(db.store, world({ seed: 54, events: 1200, eventsPerUser: 20 }));
    await settle(db.pool);
    await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, partitions: PARTITIONS });
    const live = await tableChecksums(db.pool, db.readModels);

    // Stopped after its second COPY transaction: the live tables are untouched, the partial shadow stays behind.
    let commits = 0;
    const stopped = await replayReadModels({
      store: db.store,
      pool: db.pool,
      schema: db.readModels,
      partitions: PARTITIONS,
      maxTransactionMs: 1,
      onChunkCommitted: () => {
        commits += 1;
        if (commits === 2) throw new Error('stopped by the test');
      },
    }).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(Error);
    expect((stopped as Error).message).toBe('stopped by the test');
    expect(await tableChecksums(db.pool, db.readModels)).toEqual(live);
    expect((await db.pool.query('select 1 from pg_namespace where nspname = $1', [shadow()])).rowCount).toBe(1);

    // The next one starts over: events appended after its read are applied before the swap, a few per transaction.
    await rebuild(1);
    const more = await appendAll(db.store, world({ seed: 55, events: 300, eventsPerUser: 15, namespace: 3 }));
    await settle(db.pool);
    const swapped = await swapIn({
      store: db.store,
      pool: db.pool,
      liveSchema: db.readModels,
      shadowSchema: shadow(),
      projection: READ_MODELS_PROJECTION,
      failureMode: 'halt',
      deadLetters: db.deadLetters,
      maxTransactionMs: 1,
    });
    expect(swapped.caughtUp).toBe(more);
    expect(compareCheckpoints(swapped.checkpoint, await db.store.headCheckpoint())).toBe(0);
    const verified = await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, verify: true });
    if (verified.mode !== 'verify') throw new Error('expected a verification');
    expect(verified.verify.differences).toEqual([]);
    const left = await db.pool.query('select nspname from pg_namespace where nspname in ($1, $2)', [shadow(), `${db.readModels}_old`]);
    expect(left.rows).toEqual([]);
  });
});
