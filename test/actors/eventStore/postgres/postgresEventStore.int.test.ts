// What only the Postgres adapter has: commit-order visibility under open transactions, LISTEN/NOTIFY wake-ups
// across processes, the polling fallback, and a clear message when the schema is not migrated.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvents, createPostgresEventStore, sqlNames, type PostgresEventStoreOptions } from '../../../../actors/eventStore/postgres/index.js';
import { START, type EventStore, type NewEvent, type RecordedEvent } from '../../../../actors/eventStore/types.js';
import { runMigrations } from '../../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet } from '../../../../ops/migrations/sets.js';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../../../support/postgres.js';
import { settle } from '../../../support/settlePostgres.js';

const event = (): NewEvent => ({ id: randomUUID(), type: 'Tested', schemaVersion: 1, data: { at: randomUUID() } });
const ids = (events: readonly { id: string }[]): string[] => events.map((e) => e.id);

/** Collects what a subscription delivers; `until(n)` resolves once n events arrived (the test timeout bounds it). */
const collect = (store: EventStore) => {
  const received: RecordedEvent[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const subscription = store.subscribe({
    after: START,
    handler: async (batch) => {
      received.push(...batch);
      for (const waiter of waiters) if (received.length >= waiter.count) waiter.resolve();
    },
  });
  return {
    received,
    until: (count: number) =>
      new Promise<void>((resolve) => {
        if (received.length >= count) resolve();
        else waiters.push({ count, resolve });
      }),
    close: () => subscription.close(),
  };
};

describe('postgres event store', () => {
  let db: TestSchema;
  const stores: EventStore[] = [];
  const open = (options: Partial<PostgresEventStoreOptions> = {}): EventStore => {
    const store = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: db.schema, ...options });
    stores.push(store);
    return store;
  };

  /** Waits until some session has run LISTEN on the channel (its last statement), and read once after it. */
  const listening = async (channel: string): Promise<void> => {
    for (;;) {
      const { rows } = await db.pool.query('select 1 from pg_stat_activity where query = $1', [`listen "${channel}"`]);
      if (rows.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Connecting wakes the subscription for one read; let it finish against the still-empty log.
    await new Promise((resolve) => setTimeout(resolve, 100));
  };

  beforeEach(async () => {
    db = await createTestSchema('espg');
    await runMigrations(db.pool, eventStoreMigrationSet(db.schema));
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await db.drop();
  });

  it('hides events committed after an older transaction that is still open, then reads both in transaction order', async () => {
    const store = open();
    const names = sqlNames(db.schema);
    const early = event();
    const late = event();
    const slow = await db.pool.connect();
    try {
      await slow.query('begin');
      // The slow transaction takes its id and position first, and commits last.
      const [held] = await appendEvents(slow, names, [{ stream: 'user-1', expected: 'any', events: [early] }]);
      expect(held).toMatchObject({ ok: true });
      await store.append('user-2', 'any', [late]);
      expect((await store.readAll(START, 10)).events).toEqual([]);
      expect(await store.headCheckpoint()).toEqual(START);
      await slow.query('commit');
    } finally {
      slow.release();
    }
    await settle(db.pool);
    const page = await store.readAll(START, 10);
    expect(ids(page.events)).toEqual([early.id, late.id]);
    expect(page.events[0]!.checkpoint.commit < page.events[1]!.checkpoint.commit).toBe(true);
  });

  it('orders the log by transaction id as a number, then position', async () => {
    const store = open();
    // Rows as transactions 100 and 99 would have written them (both long finished): 99 committed first.
    await db.pool.query(
      `insert into ${db.schema}.events (transaction_id, stream_name, stream_version, event_id, event_type, schema_version, data, metadata)
       values ('100', 'user-a', 1, $1, 'Tested', 1, '{}', '{}'), ('100', 'user-a', 2, $2, 'Tested', 1, '{}', '{}'),
              ('99', 'user-b', 1, $3, 'Tested', 1, '{}', '{}')`,
      [randomUUID(), randomUUID(), randomUUID()],
    );
    const page = await store.readAll(START, 10);
    expect(page.events.map((e) => [e.checkpoint.commit, e.checkpoint.position])).toEqual([[99n, 3n], [100n, 1n], [100n, 2n]]);
    expect((await store.readAll({ commit: 99n, position: 3n }, 10)).events.map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(await store.headCheckpoint()).toEqual({ commit: 100n, position: 2n });
  });

  it('wakes a subscriber in another process through LISTEN/NOTIFY', async () => {
    // An hour-long poll interval: only a notification can deliver the event within the test's timeout.
    const reader = open({ pollIntervalMs: 3_600_000 });
    const writer = open({ listen: false });
    const sub = collect(reader);
    await listening(sqlNames(db.schema).channel);
    // The subscription has read (an empty log) and sleeps; only a notification can wake it now.
    await writer.append('user-1', 'no_stream', [event()]);
    await writer.append('user-2', 'no_stream', [event()]);
    await sub.until(2);
    expect(sub.received.map((e) => e.streamName)).toEqual(['user-1', 'user-2']);
    await sub.close();
  });

  it('delivers an event that an unrelated open transaction held back, without waiting for a poll', async () => {
    // No LISTEN/NOTIFY and an hour-long poll interval: after the append's own wake-up finds the event hidden,
    // only the held-back retry can deliver it.
    const store = open({ pollIntervalMs: 3_600_000, listen: false, notify: false });
    const sub = collect(store);
    const other = await db.pool.connect();
    try {
      await other.query('begin');
      await other.query('select pg_current_xact_id()');
      await store.append('user-1', 'no_stream', [event()]);
      expect((await store.readAll(START, 10)).events).toEqual([]);
      // Let the subscription's read after the append happen while the event is still hidden.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.query('commit');
    } finally {
      other.release();
    }
    await sub.until(1);
    expect(sub.received.map((e) => e.streamName)).toEqual(['user-1']);
    await sub.close();
  });

  it('falls back to polling when LISTEN is off (PgBouncer in transaction mode), with plain statements', async () => {
    const reader = open({ listen: false, pollIntervalMs: 50, preparedStatements: false });
    const writer = open({ notify: false, preparedStatements: false });
    const sub = collect(reader);
    const appended = [event(), event(), event()];
    await writer.append('user-1', 'no_stream', appended);
    await sub.until(3);
    expect(ids(sub.received)).toEqual(ids(appended));
    await sub.close();
  });

  it('settles a race of the same event ids on two streams: one stream gets them, the other a typed error', async () => {
    const store = open();
    const shared = [event(), event()];
    const results = await Promise.allSettled([store.append('user-a', 'any', shared), store.append('user-b', 'any', shared)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
    await settle(db.pool);
    expect((await store.readAll(START, 10)).events).toHaveLength(2);
  });

  it('says to run `lexbot ops migrate` when the schema is not migrated', async () => {
    const store = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: `${db.schema}_none` });
    stores.push(store);
    await expect(store.append('user-1', 'any', [event()])).rejects.toThrow(/not migrated: run `lexbot ops migrate`/);
    await expect(store.readAll(START, 10)).rejects.toThrow(/not migrated/);
  });

  it('refuses schema names that are not plain identifiers', () => {
    expect(() => createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: 'x; drop table y' })).toThrow(/invalid event store schema/);
  });
});
