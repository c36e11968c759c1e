// subscribe's dataOnlyOf (the dispatcher's read): every event still comes, in order with its checkpoint, but only
// the named types carry data and metadata; through the crypto-shredding wrapper those are opened and the others
// pass unopened (nothing to open).
import { describe, expect, it } from 'vitest';
import { createEncryptedEventStore } from '../../../../actors/eventStore/encrypted/index.js';
import { START, type EventStore, type RecordedEvent } from '../../../../actors/eventStore/types.js';
import { createMemoryKeyStore } from '../../../../actors/keys/index.js';
import { OUTBOX_EVENT_TYPES } from '../../../../actors/outbox/outboxEvents.js';
import { appendOutboxMix, reply, started, usePostgresStores } from './outboxMixFixture.js';

const OUTBOX = Object.values(OUTBOX_EVENT_TYPES);

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
  const { open, settled } = usePostgresStores('essub', { pollIntervalMs: 20 });

  it('delivers every event with its checkpoint, only the named types with data and metadata', async () => {
    const store = open();
    await appendOutboxMix(store);
    await settled();
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
    await settled();
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
