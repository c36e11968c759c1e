// subscribe's dataOnlyOf (the dispatcher's read): every event still comes, in order with its checkpoint, but only
// the named types carry data and metadata; through the crypto-shredding wrapper those are opened and the others
// pass unopened (nothing to open).
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEncryptedEventStore } from '../../../../actors/eventStore/encrypted/index.js';
import { createPostgresEventStore } from '../../../../actors/eventStore/postgres/index.js';
import { START, type EventStore, type NewEvent, type RecordedEvent } from '../../../../actors/eventStore/types.js';
import { createMemoryKeyStore } from '../../../../actors/keys/index.js';
import { OUTBOX_EVENT_TYPES } from '../../../../actors/outbox/outboxEvents.js';
import { runMigrations } from '../../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet } from '../../../../ops/migrations/sets.js';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../../../support/postgres.js';
import { settle } from '../../../support/settlePostgres.js';

const OUTBOX = Object.values(OUTBOX_EVENT_TYPES);
const at = '2026-01-01T10:00:00.000Z';

const started = (name: string): NewEvent => ({
  id: randomUUID(),
  type: 'UserStarted',
  schemaVersion: 1,
  data: { telegramId: '1001', firstName: name, username: null, telegramLanguageCode: 'en', at },
  metadata: { correlationId: 'c-1' },
});
const reply = (text: string): NewEvent => ({
  id: randomUUID(),
  type: OUTBOX_EVENT_TYPES.telegramCall,
  schemaVersion: 1,
  data: { method: 'sendMessage', payload: { chat_id: 1001, text }, chatId: 1001 },
  metadata: { correlationId: 'c-1' },
});
const plain = (n: number): NewEvent => ({ id: randomUUID(), type: 'Tested', schemaVersion: 1, data: { n }, metadata: { n } });

/** Every event a subscription delivers until it has `count`, in pages of `batchSize`. */
const subscribeFor = async (store: EventStore, count: number, batchSize: number, dataOnlyOf?: readonly string[]): Promise<RecordedEvent[]> => {
  const seen: RecordedEvent[] = [];
  let reached!: () => void;
  const enough = new Promise<void>((resolve) => (reached = resolve));
  const subscription = store.subscribe({
    after: START,
    batchSize,
    ...(dataOnlyOf === undefined ? {} : { dataOnlyOf }),
    handler: async (events) => {
      seen.push(...events);
      if (seen.length >= count) reached();
    },
  });
  await enough;
  await subscription.close();
  return seen;
};

describe('subscribe with dataOnlyOf (postgres)', () => {
  let db: TestSchema;
  const stores: EventStore[] = [];

  beforeEach(async () => {
    db = await createTestSchema('essub');
    await runMigrations(db.pool, eventStoreMigrationSet(db.schema));
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await db.drop();
  });

  const open = (): EventStore => {
    const store = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: db.schema, listen: false, notify: false, pollIntervalMs: 20 });
    stores.push(store);
    return store;
  };

  it('delivers every event with its checkpoint, only the named types with data and metadata', async () => {
    const store = open();
    await store.append('user-1001', 'no_stream', [started('Ann'), reply('hello Ann'), plain(1)]);
    await store.appendMany([
      { stream: 'other-1', expected: 'no_stream', events: [plain(2), reply('two')] },
      { stream: 'other-2', expected: 'no_stream', events: [reply('three'), plain(3)] },
    ]);
    await settle(db.pool);
    const whole = await subscribeFor(store, 7, 3);
    const only = await subscribeFor(store, 7, 3, OUTBOX);
    expect(only).toHaveLength(7);
    expect(only.map((e) => [e.id, e.type, e.streamName, e.streamVersion, e.checkpoint, e.recordedAt.getTime()])).toEqual(
      whole.map((e) => [e.id, e.type, e.streamName, e.streamVersion, e.checkpoint, e.recordedAt.getTime()]),
    );
    for (const [i, event] of only.entries()) {
      if (event.type === OUTBOX_EVENT_TYPES.telegramCall) {
        expect(event.data).toEqual(whole[i]!.data);
        expect(event.metadata).toEqual(whole[i]!.metadata);
      } else {
        expect(event.data).toBeNull();
        expect(event.metadata).toEqual({});
      }
    }
    expect(whole.filter((e) => e.type === 'Tested').map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('through the crypto-shredding wrapper: the named types are opened, the others pass without data', async () => {
    const store = createEncryptedEventStore({ store: open(), keys: createMemoryKeyStore() });
    await store.append('user-1001', 'no_stream', [started('Ann'), reply('hello Ann')]);
    await settle(db.pool);
    const [user, call] = await subscribeFor(store, 2, 10, OUTBOX);
    expect(user!.type).toBe('UserStarted');
    expect(user!.data).toBeNull();
    expect(user!.metadata).toEqual({});
    expect((call!.data as { payload: unknown }).payload).toEqual({ chat_id: 1001, text: 'hello Ann' });
    expect(call!.metadata).toEqual({ correlationId: 'c-1' });
    const [wholeUser] = await subscribeFor(store, 2, 10);
    expect((wholeUser!.data as { firstName: string }).firstName).toBe('Ann');
  });
});
