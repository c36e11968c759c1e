// A small log that mixes a user's events with outbox entries, on a Postgres store of a test schema of its own: what
// the partial reads (readAll's omitDataOf, subscribe's dataOnlyOf) are checked against.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import { createPostgresEventStore, type PostgresEventStoreOptions } from '../../../../actors/eventStore/postgres/index.js';
import type { EventStore, NewEvent } from '../../../../actors/eventStore/types.js';
import { OUTBOX_EVENT_TYPES } from '../../../../actors/outbox/outboxEvents.js';
import { runMigrations } from '../../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet } from '../../../../ops/migrations/sets.js';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../../../support/postgres.js';
import { settle } from '../../../support/settlePostgres.js';

const at = '2026-01-01T10:00:00.000Z';

/** A user's first event: its first name is personal data, sealed by the crypto-shredding wrapper. */
export const started = (name: string): NewEvent => ({
  id: randomUUID(),
  type: 'UserStarted',
  schemaVersion: 1,
  data: { telegramId: '1001', firstName: name, username: null, telegramLanguageCode: 'en', at },
  metadata: { correlationId: 'c-1' },
});

/** An outbox entry: a reply to the user. */
export const reply = (text: string): NewEvent => ({
  id: randomUUID(),
  type: OUTBOX_EVENT_TYPES.telegramCall,
  schemaVersion: 1,
  data: { method: 'sendMessage', payload: { chat_id: 1001, text }, chatId: 1001 },
  metadata: { correlationId: 'c-1' },
});

export const plain = (n: number): NewEvent => ({ id: randomUUID(), type: 'Tested', schemaVersion: 1, data: { n }, metadata: { n } });

/** Seven events over three streams, outbox entries and others interleaved in one stream and across streams. */
export const appendOutboxMix = async (store: EventStore): Promise<void> => {
  await store.append('user-1001', 'no_stream', [started('Ann'), reply('hello Ann'), plain(1)]);
  await store.appendMany([
    { stream: 'other-1', expected: 'no_stream', events: [plain(2), reply('two')] },
    { stream: 'other-2', expected: 'no_stream', events: [reply('three'), plain(3)] },
  ]);
};

export interface PostgresStores {
  /** A store on the test's schema, closed after the test. */
  readonly open: () => EventStore;
  /** The stores opened so far, in order. */
  readonly opened: () => readonly EventStore[];
  /** Resolves once no older transaction of the cluster hides what this test appended (the log's visibility bound). */
  readonly settled: () => Promise<void>;
}

/** Registers the hooks that give each test a migrated schema of its own and close its stores and drop it after. */
export const usePostgresStores = (schemaPrefix: string, options: Partial<PostgresEventStoreOptions> = {}): PostgresStores => {
  let db: TestSchema | undefined;
  const stores: EventStore[] = [];
  beforeEach(async () => {
    db = await createTestSchema(schemaPrefix);
    await runMigrations(db.pool, eventStoreMigrationSet(db.schema));
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await db?.drop();
  });
  const schema = (): TestSchema => {
    if (db === undefined) throw new Error('usePostgresStores: only inside a test');
    return db;
  };
  return {
    open: () => {
      const store = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: schema().schema, listen: false, notify: false, ...options });
      stores.push(store);
      return store;
    },
    opened: () => stores,
    settled: () => settle(schema().pool),
  };
};
