// The crypto-shredding wrapper: what it stores, what readers see before and after a forget, and key versions.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEncryptedEventStore, KEY_VERSION_METADATA } from '../../../../actors/eventStore/encrypted/index.js';
import { createMemoryEventStore } from '../../../../actors/eventStore/memory/memoryEventStore.js';
import { START, type EventStore, type NewEvent, type RecordedEvent } from '../../../../actors/eventStore/types.js';
import { createMemoryKeyStore, type KeyStore } from '../../../../actors/keys/index.js';
import { REDACTED_TEXT } from '../../../../domain/personalData/index.js';
import { toOutboxEntry } from '../../../../gateway/dispatcher/outboxEntry.js';

const at = '2026-01-01T00:00:00.000Z';
const event = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, schemaVersion: 1, data: { at, causationId: randomUUID(), ...data } });
const started = (): NewEvent => event('UserStarted', { telegramId: '5', firstName: 'Ярослава', username: 'yarik', telegramLanguageCode: 'ru' });
// A lone surrogate too: sealing must give back exactly what was appended.
const bio = (): NewEvent => event('BioSet', { bio: 'I love حروف and 🐈 \ud800 end' });
const call = (text: string): NewEvent => event('OutboxTelegramCallQueued', { method: 'sendMessage', payload: { chat_id: 5, text }, chatId: 5 });
const forgotten = (): NewEvent => event('UserForgotten', {});

const setup = (): { inner: EventStore; keys: KeyStore; store: EventStore } => {
  const inner = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  return { inner, keys, store: createEncryptedEventStore({ store: inner, keys }) };
};

const dataOf = (events: readonly Pick<RecordedEvent, 'data'>[]): Record<string, unknown>[] => events.map((e) => e.data as Record<string, unknown>);

describe('encrypted event store', () => {
  it('stores personal fields and Bot API payloads sealed and reads them back as appended', async () => {
    const { inner, store } = setup();
    const written = [started(), bio(), call('Hello, Ярослава!'), event('NativeLanguagesSet', { languages: ['ru'] })];
    await store.append('user-5', 'no_stream', written);
    const raw = JSON.stringify((await inner.readStream('user-5')).map((e) => e.data));
    expect(raw).not.toMatch(/Ярослава|yarik|حروف|Hello/);
    expect(raw).toContain('"languages":["ru"]');
    const read = await store.readStream('user-5');
    expect(read.map((e) => e.data)).toEqual(written.map((e) => e.data));
    expect(read.every((e) => !(KEY_VERSION_METADATA in e.metadata))).toBe(true);
    expect((await store.readAll(START, 10)).events.map((e) => e.data)).toEqual(written.map((e) => e.data));
  });

  it('passes streams without an owner and events without personal text through untouched', async () => {
    const { inner, store } = setup();
    await store.append('system-1', 'any', [event('UserStarted', { firstName: 'Ana', username: null })]);
    await store.append('user-6', 'any', [event('UserReported', { target: '7', reason: 'spam', comment: null })]);
    expect(dataOf(await inner.readStream('system-1'))[0]?.firstName).toBe('Ana');
    const stored = (await inner.readStream('user-6'))[0]!;
    expect(stored.metadata[KEY_VERSION_METADATA]).toBeUndefined();
    expect((stored.data as Record<string, unknown>).comment).toBeNull();
  });

  it('after a forget, every reader sees redacted fields and a null payload; later events take a new key version', async () => {
    const { inner, keys, store } = setup();
    await store.append('user-5', 'no_stream', [started(), bio(), call('Hi Ярослава')]);
    await store.append('user-5', 3, [forgotten(), call('Goodbye')]);
    expect(await keys.liveVersions('5')).toEqual([2]);
    const read = dataOf(await store.readStream('user-5'));
    expect(read[0]).toMatchObject({ firstName: REDACTED_TEXT, username: null, telegramId: '5', telegramLanguageCode: 'ru' });
    expect(read[1]?.bio).toBe(REDACTED_TEXT);
    expect(read[2]?.payload).toBeNull();
    expect(read[4]?.payload).toEqual({ chat_id: 5, text: 'Goodbye' });
    // The dispatcher skips a call it can no longer read (counted as invalid) and still sends the goodbye.
    const opened = await store.readStream('user-5');
    expect(toOutboxEntry(opened[2]!)?.kind).toBe('invalid');
    expect(toOutboxEntry(opened[4]!)).toMatchObject({ kind: 'telegram', method: 'sendMessage', payload: { text: 'Goodbye' } });
    // A fresh reader (another process, a replay) with no cache sees the same.
    const replay = createEncryptedEventStore({ store: inner, keys });
    const all = dataOf((await replay.readAll(START, 100)).events);
    expect(JSON.stringify(all)).not.toMatch(/Ярослава|yarik|حروف/);
    // The user starts again: version 2 opens the new events.
    await store.append('user-5', 5, [started()]);
    expect(dataOf(await replay.readStream('user-5', { fromVersion: 6 }))[0]?.firstName).toBe('Ярослава');
    expect((await inner.readStream('user-5', { fromVersion: 6 }))[0]?.metadata[KEY_VERSION_METADATA]).toBe(2);
  });

  it('a value sealed with one version does not open with another, nor in another user\'s stream', async () => {
    const { inner, keys, store } = setup();
    await store.append('user-5', 'no_stream', [started()]);
    const stored = (await inner.readStream('user-5'))[0]!;
    // Relabel the stored event as sealed by version 2 (a live key): the wrong key reads as redacted, never as junk.
    await keys.next('5', 1);
    const relabelled = { ...stored, id: randomUUID(), metadata: { ...stored.metadata, [KEY_VERSION_METADATA]: 2 } };
    await inner.append('user-5', 1, [relabelled]);
    await inner.append('user-8', 'no_stream', [{ ...stored, id: randomUUID() }]);
    expect(dataOf(await store.readStream('user-5'))[1]?.firstName).toBe(REDACTED_TEXT);
    expect(dataOf(await store.readStream('user-8'))[0]?.firstName).toBe(REDACTED_TEXT);
  });

  it('a reader that meets UserForgotten deletes its key version (the crash window after a commit)', async () => {
    const { inner, keys, store } = setup();
    await store.append('user-5', 'no_stream', [started()]);
    // Written past the wrapper, as if the process died between the commit and the key deletion.
    await inner.append('user-5', 1, [{ ...forgotten(), metadata: { [KEY_VERSION_METADATA]: 1 } }]);
    expect(await keys.liveVersions('5')).toEqual([1]);
    const reader = createEncryptedEventStore({ store: inner, keys });
    const events: RecordedEvent[] = [];
    const subscription = reader.subscribe({ after: START, handler: async (batch) => void events.push(...batch) });
    await expect.poll(() => events.length).toBe(2);
    await subscription.close();
    expect(await keys.liveVersions('5')).toEqual([]);
    // Opened before the forget took the key; a replay afterwards sees it redacted.
    expect((events[0]?.data as Record<string, unknown>).firstName).toBe('Ярослава');
    expect(dataOf(await reader.readStream('user-5'))[0]?.firstName).toBe(REDACTED_TEXT);
  });

  it('seals snapshots and drops them once the key is gone', async () => {
    const { inner, keys, store } = setup();
    await store.saveSnapshot({ stream: 'user-5', version: 3, schemaVersion: 2, state: { profile: { firstName: 'Ярослава' } } });
    expect(JSON.stringify(await inner.loadSnapshot('user-5'))).not.toContain('Ярослава');
    expect(await store.loadSnapshot('user-5')).toEqual({ stream: 'user-5', version: 3, schemaVersion: 2, state: { profile: { firstName: 'Ярослава' } } });
    await keys.delete('5', 1);
    expect(await createEncryptedEventStore({ store: inner, keys }).loadSnapshot('user-5')).toBeNull();
  });

  it('readLatest opens the snapshot and the events after it; with the key gone, no snapshot and the stream redacted', async () => {
    const { inner, keys, store } = setup();
    await store.append('user-5', 'no_stream', [started(), call('Привет, Ярослава'), bio()]);
    await store.saveSnapshot({ stream: 'user-5', version: 1, schemaVersion: 2, state: { firstName: 'Ярослава' } });
    const latest = await createEncryptedEventStore({ store: inner, keys }).readLatest('user-5', { snapshotSchemaVersion: 2 });
    expect(latest.snapshot).toEqual({ stream: 'user-5', version: 1, schemaVersion: 2, state: { firstName: 'Ярослава' } });
    expect(latest.events.map((e) => e.streamVersion)).toEqual([2, 3]);
    expect(latest.events).toEqual((await store.readStream('user-5')).slice(1));
    expect(latest.version).toBe(3);
    // A skipped type is left out; the version still counts it.
    const skipping = await createEncryptedEventStore({ store: inner, keys }).readLatest('user-5', { snapshotSchemaVersion: 2, skipTypes: ['OutboxTelegramCallQueued'] });
    expect([skipping.events.map((e) => e.type), skipping.version]).toEqual([['BioSet'], 3]);
    expect(dataOf(skipping.events)[0]?.bio).toBe('I love حروف and 🐈 \ud800 end');
    await keys.delete('5', 1);
    const gone = await createEncryptedEventStore({ store: inner, keys }).readLatest('user-5', { snapshotSchemaVersion: 2 });
    expect(gone.snapshot).toBeNull();
    expect(gone.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(gone.version).toBe(3);
    expect(dataOf(gone.events)).toMatchObject([{ firstName: REDACTED_TEXT }, { payload: null }, { bio: REDACTED_TEXT }]);
  });

  it('appendMany seals per stream and deletes only the forgotten stream\'s key, after its commit', async () => {
    const { keys, store } = setup();
    await store.appendMany([
      { stream: 'user-1', expected: 'no_stream', events: [started()] },
      { stream: 'user-2', expected: 'no_stream', events: [started()] },
    ]);
    const outcomes = await store.appendMany([
      { stream: 'user-1', expected: 1, events: [forgotten()] },
      { stream: 'user-2', expected: 7, events: [forgotten()] },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
    expect(await keys.liveVersions('1')).toEqual([]);
    expect(await keys.liveVersions('2')).toEqual([1]);
  });
});
