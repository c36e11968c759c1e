// readAll's omitDataOf (the rebuild's read): the omitted types still come back, in the same order with the same
// checkpoints, only without data and metadata; the other events come back whole — also through the crypto-shredding
// wrapper, which opens the personal fields of the events it gets whole and leaves the omitted ones alone.
import { describe, expect, it } from 'vitest';
import { createEncryptedEventStore } from '../../../../actors/eventStore/encrypted/index.js';
import { START, type EventStore, type ReadAllOptions, type ReadAllResult } from '../../../../actors/eventStore/types.js';
import { createMemoryKeyStore } from '../../../../actors/keys/index.js';
import { OUTBOX_EVENT_TYPES } from '../../../../actors/outbox/outboxEvents.js';
import { appendOutboxMix, reply, started, usePostgresStores } from './outboxMixFixture.js';

const OMIT: ReadAllOptions = { omitDataOf: Object.values(OUTBOX_EVENT_TYPES) };

const readEverything = async (store: EventStore, options?: ReadAllOptions): Promise<ReadAllResult['events'][number][]> => {
  const all: ReadAllResult['events'][number][] = [];
  let after = START;
  for (;;) {
    // Pages of 3: page boundaries fall between omitted and whole events.
    const page = await store.readAll(after, 3, options);
    if (page.events.length === 0) return all;
    all.push(...page.events);
    after = page.checkpoint;
  }
};

describe('readAll omitting the data of some event types (postgres)', () => {
  const { open, opened, settled } = usePostgresStores('esom');

  it('returns every event in the same order with the same checkpoints, the omitted types without data or metadata', async () => {
    const store = open();
    await appendOutboxMix(store);
    await settled(); // other tests' open transactions hold the visibility bound back
    const whole = await readEverything(store);
    const omitting = await readEverything(store, OMIT);
    expect(omitting.map((e) => [e.id, e.type, e.streamName, e.streamVersion, e.checkpoint, e.globalPosition, e.recordedAt.getTime()])).toEqual(
      whole.map((e) => [e.id, e.type, e.streamName, e.streamVersion, e.checkpoint, e.globalPosition, e.recordedAt.getTime()]),
    );
    expect(omitting).toHaveLength(7);
    for (const [i, event] of omitting.entries()) {
      if (event.type === OUTBOX_EVENT_TYPES.telegramCall) {
        expect(event.data).toBeNull();
        expect(event.metadata).toEqual({});
      } else {
        expect(event.data).toEqual(whole[i]!.data);
        expect(event.metadata).toEqual(whole[i]!.metadata);
      }
    }
    // Without options, or with an empty list, nothing is omitted.
    expect(await readEverything(store, { omitDataOf: [] })).toEqual(whole);
  });

  it('through the crypto-shredding wrapper: whole events are opened, omitted ones pass unopened', async () => {
    const store = createEncryptedEventStore({ store: open(), keys: createMemoryKeyStore() });
    await store.append('user-1001', 'no_stream', [started('Ann'), reply('hello Ann')]);
    await settled();
    // The name is sealed in the log, the reply's payload too.
    const stored = await readEverything(opened()[0]!);
    expect((stored[0]!.data as { firstName: string }).firstName).not.toBe('Ann');
    expect((stored[1]!.data as { payload: unknown }).payload).not.toEqual({ chat_id: 1001, text: 'hello Ann' });

    const [user, call] = await readEverything(store, OMIT);
    expect((user!.data as { firstName: string }).firstName).toBe('Ann');
    expect(user!.metadata).toEqual({ correlationId: 'c-1' });
    expect(call!.type).toBe(OUTBOX_EVENT_TYPES.telegramCall);
    expect(call!.data).toBeNull();
    const [, whole] = await readEverything(store);
    expect((whole!.data as { payload: unknown }).payload).toEqual({ chat_id: 1001, text: 'hello Ann' });
  });
});
