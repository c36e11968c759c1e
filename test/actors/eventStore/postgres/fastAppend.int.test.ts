// The one-statement fast path of appends (actors/eventStore/postgres/fastAppend.ts): it settles only the common
// case and hands everything else to append_events, so these tests check both sides of that line, and the
// commit-order property with writers on either path whose commits finish out of order.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvents, createPostgresEventStore, sqlNames, type SqlNames } from '../../../../actors/eventStore/postgres/index.js';
import { ConcurrencyError } from '../../../../actors/eventStore/errors.js';
import { fastAppend } from '../../../../actors/eventStore/postgres/fastAppend.js';
import { prepareEvents } from '../../../../actors/eventStore/validate.js';
import type { AppendOutcome, AppendRequest, EventStore, NewEvent } from '../../../../actors/eventStore/types.js';
import { runMigrations } from '../../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet } from '../../../../ops/migrations/sets.js';
import { commitOrderContract } from '../../../contract/eventStore/commitOrder.js';
import { sleep, type EventStoreHarness } from '../../../contract/eventStore/harness.js';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../../../support/postgres.js';
import { settle } from '../../../support/settlePostgres.js';

const event = (): NewEvent => ({ id: randomUUID(), type: 'Tested', schemaVersion: 1, data: { at: randomUUID() }, metadata: { correlationId: randomUUID() } });
const stream = (): string => `fast-${randomUUID()}`;

describe('postgres event store: fast append path', () => {
  let db: TestSchema;
  let names: SqlNames;
  let store: EventStore;

  const count = async (): Promise<number> => Number((await db.pool.query<{ n: string }>(`select count(*) as n from ${names.events}`)).rows[0]!.n);
  beforeEach(async () => {
    db = await createTestSchema('esfast');
    await runMigrations(db.pool, eventStoreMigrationSet(db.schema));
    names = sqlNames(db.schema);
    store = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: db.schema, listen: false, groupCommit: false });
  });

  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('keeps its connection when the fast path is refused (a repeat, a version conflict)', async () => {
    // pool.query would destroy the connection on any error, so each refusal would cost a new backend.
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    const single = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: db.schema, pool, listen: false, groupCommit: false });
    try {
      const backend = async (): Promise<number> => (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      const s = stream();
      const first = event();
      await single.append(s, 'no_stream', [first]);
      const before = await backend();
      expect((await single.append(s, 'no_stream', [first])).duplicate).toBe(true);
      await expect(single.append(s, 0, [event()])).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(single.append(s, 5, [event()])).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await backend()).toBe(before);
    } finally {
      await single.close();
      await pool.end();
    }
  });

  it('appends one event and several events at the expected version, with their versions and positions', async () => {
    const s = stream();
    const first = await store.append(s, 'no_stream', [event()]);
    expect(first.nextVersion).toBe(1);
    const more = await store.append(s, 1, [event(), event(), event()]);
    expect(more.nextVersion).toBe(4);
    expect(more.positions).toHaveLength(3);
    const any = await store.append(s, 'any', [event()]);
    expect(any.nextVersion).toBe(5);
    const read = await store.readStream(s);
    expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
    expect(read.map((e) => e.globalPosition)).toEqual([...first.positions, ...more.positions, ...any.positions]);
  });

  it('refuses a wrong expected version with a typed error and writes nothing', async () => {
    const s = stream();
    await store.append(s, 'no_stream', [event()]);
    await expect(store.append(s, 'no_stream', [event()])).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append(s, 3, [event(), event()])).rejects.toBeInstanceOf(ConcurrencyError);
    // One event at a version the stream has not reached: no gap is written.
    await expect(store.append(s, 2, [event()])).rejects.toMatchObject({ actual: 1 });
    await expect(store.append(s, 2 ** 40, [event()])).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append(stream(), 1, [event()])).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await count()).toBe(1);
    expect((await store.append(s, 1, [event()])).nextVersion).toBe(2);
  });

  it('settles a re-append of the same ids as a duplicate with the stored positions', async () => {
    const s = stream();
    const events = [event(), event()];
    const first = await store.append(s, 'no_stream', events);
    const again = await store.append(s, 'no_stream', events);
    expect(again).toEqual({ ...first, duplicate: true });
    const anyAgain = await store.append(s, 'any', events);
    expect(anyAgain.duplicate).toBe(true);
    expect(await count()).toBe(2);
  });

  it('appends a group of distinct streams at once, and settles a group with a conflict request by request', async () => {
    const [a, b, c] = [stream(), stream(), stream()];
    await store.append(b, 'no_stream', [event()]);
    const fine = await store.appendMany([
      { stream: a, expected: 'no_stream', events: [event(), event()] },
      { stream: b, expected: 1, events: [event()] },
    ]);
    expect(fine.map((o) => o.ok && o.nextVersion)).toEqual([2, 2]);

    const mixed = await store.appendMany([
      { stream: c, expected: 'no_stream', events: [event()] },
      { stream: a, expected: 'no_stream', events: [event()] },
    ]);
    expect(mixed[0]).toMatchObject({ ok: true, nextVersion: 1 });
    expect(mixed[1]!.ok).toBe(false);
    if (!mixed[1]!.ok) expect(mixed[1]!.error).toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream(a)).map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('sends requests of one stream in one call to append_events, in order', async () => {
    const s = stream();
    const outcomes = await store.appendMany([
      { stream: s, expected: 'no_stream', events: [event()] },
      { stream: s, expected: 1, events: [event()] },
    ]);
    expect(outcomes.map((o) => o.ok && o.nextVersion)).toEqual([1, 2]);
  });

  it('gives concurrent appends with any version to one stream distinct versions in order, each event once', async () => {
    const s = stream();
    const results = await Promise.all(Array.from({ length: 12 }, () => store.append(s, 'any', [event()])));
    expect(results.map((r) => r.nextVersion).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const read = await store.readStream(s);
    expect(read.map((e) => e.streamVersion)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('refuses an event id stored in another stream, writing nothing', async () => {
    const shared = event();
    await store.append(stream(), 'no_stream', [shared]);
    await expect(store.append(stream(), 'no_stream', [event(), shared])).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
    expect(await count()).toBe(1);
  });
});

describe('postgres event store: commit order with fast-path and append_events writers mixed', () => {
  let current: (EventStoreHarness & { drop(): Promise<void> }) | undefined;
  beforeEach(async () => {
    const test = await createTestSchema('esfastorder');
    await runMigrations(test.pool, eventStoreMigrationSet(test.schema));
    const names = sqlNames(test.schema);
    const store = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: test.schema, poolSize: 16 });
    let turn = 0;
    current = {
      store,
      // Every other writer takes the fast path inside a transaction held open (its first write, as in autocommit).
      // What the fast path cannot settle runs through append_events in a new transaction, and a collision there
      // with a writer that held no lock runs again — as the store does in autocommit.
      async appendWithCommitDelay(request: AppendRequest, delayMs: number): Promise<AppendOutcome> {
        const fast = (turn += 1) % 2 === 0;
        for (let attempt = 1; ; attempt += 1) {
          const client = await test.pool.connect();
          try {
            await client.query('begin');
            let outcome: AppendOutcome | undefined;
            if (fast && attempt === 1) {
              const expected = request.expected === 'any' ? null : request.expected === 'no_stream' ? 0 : request.expected;
              [outcome] = (await fastAppend(client, names, [{ stream: request.stream, expected, events: prepareEvents(request.stream, request.events) }], false)) ?? [];
              if (outcome === undefined) {
                await client.query('rollback');
                await client.query('begin');
              }
            }
            outcome ??= (await appendEvents(client, names, [request]))[0];
            await sleep(delayMs);
            await client.query('commit');
            await client.query('select pg_notify($1, $2)', [names.channel, '']);
            if (outcome === undefined) throw new Error('appendEvents returned no outcome');
            return outcome;
          } catch (error) {
            await client.query('rollback').catch(() => undefined);
            if ((error as { code?: string }).code === '23505' && attempt < 20) continue;
            throw error;
          } finally {
            client.release();
          }
        }
      },
      settle: () => settle(test.pool),
      async cleanup() {
        await store.close();
      },
      drop: () => test.drop(),
    };
  });
  afterEach(async () => {
    await current?.cleanup();
    await current?.drop();
    current = undefined;
  });
  commitOrderContract(() => {
    if (current === undefined) throw new Error('no harness');
    return current;
  }, { propertyRuns: 15 });
});
