import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import type { EventStore } from '../../../actors/eventStore/types.js';
import { createActorHost } from '../../../actors/runtime/actorHost.js';
import { createGroupCommitter } from '../../../actors/runtime/groupCommit.js';
import { counterBehavior, counterCodec, counterStateCodec, type CounterMessage } from './counter.js';

const hostOn = (store: EventStore, overrides: { maxLive?: number; idleMs?: number; snapshotEvery?: number } = {}) =>
  createActorHost({
    store,
    committer: createGroupCommitter(store),
    behavior: counterBehavior,
    codec: counterCodec,
    stateCodec: counterStateCodec,
    streamOf: (key) => `counter-${key}`,
    ...overrides,
  });

describe('actor host', () => {
  it('runs one actor’s messages strictly in arrival order, whatever each one awaits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 12 }), async (s, amounts) => {
        const store = createMemoryEventStore();
        const host = hostOn(store);
        const messages: CounterMessage[] = amounts.map((amount, index) => ({ id: `m${index}`, amount, gate: s.schedule(Promise.resolve(), `m${index}`) }));
        const all = Promise.all(messages.map((message) => host.tell('a', message)));
        await s.waitFor(all);
        const stored = await store.readStream('counter-a');
        expect(stored.map((event) => (event.data as { by: string }).by)).toEqual(messages.map((m) => m.id));
        await host.close();
      }),
      { numRuns: 40 },
    );
  });

  it('applies a redelivered message once, even on a fresh host after the actor was forgotten', async () => {
    const store = createMemoryEventStore();
    const first = hostOn(store);
    await first.tell('a', { id: 'u1', amount: 5 });
    const again = await first.tell('a', { id: 'u1', amount: 5 });
    expect(again.events).toEqual([]);
    await first.close();

    const second = hostOn(store);
    await second.tell('a', { id: 'u1', amount: 5 });
    expect((await second.inspect('a')).state.total).toBe(5);
    expect(await store.readStream('counter-a')).toHaveLength(1);
    await second.close();
  });

  it('catches up and decides again when another owner wrote the stream meanwhile', async () => {
    const store = createMemoryEventStore();
    const stale = hostOn(store);
    const other = hostOn(store);
    await stale.tell('a', { id: 'x1', amount: 1 });
    await other.tell('a', { id: 'x2', amount: 10 });
    const result = await stale.tell('a', { id: 'x3', amount: 100 });
    expect(result.version).toBe(3);
    expect((await stale.inspect('a')).state.total).toBe(111);
    await Promise.all([stale.close(), other.close()]);
  });

  it('snapshots every N events and loads from the snapshot plus later events', async () => {
    const store = createMemoryEventStore();
    const host = hostOn(store, { snapshotEvery: 3 });
    for (let index = 0; index < 7; index += 1) await host.tell('a', { id: `s${index}`, amount: 1 });
    await host.close();
    const snapshot = await store.loadSnapshot('counter-a');
    expect(snapshot?.version).toBe(6);
    const fresh = hostOn(store, { snapshotEvery: 3 });
    expect(await fresh.inspect('a')).toEqual({ state: { total: 7, seen: ['s0', 's1', 's2', 's3', 's4', 's5', 's6'] }, version: 7 });
    await fresh.close();
  });

  /** The store with its reads counted, and the options of each readLatest call. */
  const watched = (store: EventStore) => {
    const calls = { readLatest: 0, readStream: 0, loadSnapshot: 0 };
    const options: unknown[] = [];
    const counted: EventStore = {
      ...store,
      readLatest: (stream, readOptions) => {
        calls.readLatest += 1;
        options.push(readOptions);
        return store.readLatest(stream, readOptions);
      },
      readStream: (stream, readOptions) => {
        calls.readStream += 1;
        return store.readStream(stream, readOptions);
      },
      loadSnapshot: (stream) => {
        calls.loadSnapshot += 1;
        return store.loadSnapshot(stream);
      },
    };
    return { counted, calls, options };
  };

  it('loads any stream with one store read: a short one whole, a long one from its snapshot', async () => {
    const store = createMemoryEventStore();
    const writer = hostOn(store, { snapshotEvery: 3 });
    await writer.tell('short', { id: 'x', amount: 2 });
    for (let index = 0; index < 8; index += 1) await writer.tell('long', { id: `l${index}`, amount: 1 });
    await writer.close();
    expect((await store.loadSnapshot('counter-long'))?.version).toBe(6);

    const { counted, calls, options } = watched(store);
    const reader = hostOn(counted, { snapshotEvery: 3 });
    expect(await reader.inspect('new')).toEqual({ state: { total: 0, seen: [] }, version: 0 });
    expect(await reader.inspect('short')).toEqual({ state: { total: 2, seen: ['x'] }, version: 1 });
    expect(await reader.inspect('long')).toEqual({ state: { total: 8, seen: ['l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7'] }, version: 8 });
    expect(calls).toEqual({ readLatest: 3, readStream: 0, loadSnapshot: 0 });
    expect(options).toEqual([{ snapshotSchemaVersion: 1 }, { snapshotSchemaVersion: 1 }, { snapshotSchemaVersion: 1 }]);
    // The next snapshot comes snapshotEvery events after the one it loaded from (version 6): at version 9.
    await reader.tell('long', { id: 'l8', amount: 1 });
    await reader.close();
    expect((await store.loadSnapshot('counter-long'))?.version).toBe(9);
  });

  describe('a stream with a snapshot', () => {
    /** `events` events of 1 each, no snapshot taken; then, if asked, a snapshot at `at` whose total tells it apart. */
    const streamOf = async (events: number, snapshot?: { at: number; schemaVersion?: number }) => {
      const store = createMemoryEventStore();
      const writer = hostOn(store, { snapshotEvery: 1000 });
      for (let index = 0; index < events; index += 1) await writer.tell('a', { id: `e${index}`, amount: 1 });
      await writer.close();
      if (snapshot) {
        const seen = Array.from({ length: snapshot.at }, (_, index) => `e${index}`);
        await store.saveSnapshot({ stream: 'counter-a', version: snapshot.at, schemaVersion: snapshot.schemaVersion ?? 1, state: { total: 100 * snapshot.at, seen } });
      }
      return store;
    };

    it('folds only the events after the snapshot onto it', async () => {
      for (const at of [1, 4, 9]) {
        const host = hostOn(await streamOf(9, { at }), { snapshotEvery: 3 });
        expect(await host.inspect('a')).toEqual({ state: { total: 100 * at + 9 - at, seen: Array.from({ length: 9 }, (_, index) => `e${index}`) }, version: 9 });
        await host.close();
      }
    });

    it('a snapshot of another schema is passed over: the stream is folded', async () => {
      const host = hostOn(await streamOf(5, { at: 4, schemaVersion: 9 }), { snapshotEvery: 3 });
      expect(await host.inspect('a')).toMatchObject({ state: { total: 5 }, version: 5 });
      await host.close();
    });

    it('without a state codec, snapshots are not asked for', async () => {
      const { counted, options } = watched(await streamOf(5, { at: 4 }));
      const host = createActorHost({ store: counted, committer: createGroupCommitter(counted), behavior: counterBehavior, codec: counterCodec, streamOf: (key) => `counter-${key}` });
      expect(await host.inspect('a')).toMatchObject({ state: { total: 5 }, version: 5 });
      expect(options).toEqual([{}]);
      await host.close();
    });

    it('counts only the events after the snapshot towards the next one', async () => {
      const store = await streamOf(9, { at: 8 });
      const host = hostOn(store, { snapshotEvery: 3 });
      expect((await host.inspect('a')).state.total).toBe(801);
      await host.tell('a', { id: 'x', amount: 1 }); // 2 events since the snapshot: none due yet
      expect((await store.loadSnapshot('counter-a'))?.version).toBe(8);
      await host.tell('a', { id: 'y', amount: 1 });
      await host.close();
      expect((await store.loadSnapshot('counter-a'))?.version).toBe(11);
    });
  });

  it('asks the store to leave out the types evolve leaves alone, and takes the version from a stream that ends in them', async () => {
    const store = createMemoryEventStore();
    const writer = hostOn(store);
    await writer.tell('a', { id: 'x', amount: 2 });
    await writer.close();
    const outboxed = (text: string) => ({ id: randomUUID(), type: 'Outboxed', schemaVersion: 1, data: { text } });
    await store.append('counter-a', 1, [outboxed('hi'), outboxed('again')]);
    const { counted, options } = watched(store);
    const host = createActorHost({
      store: counted,
      committer: createGroupCommitter(counted),
      behavior: { ...counterBehavior, unfoldedTypes: ['Outboxed'] },
      codec: {
        ...counterCodec,
        decode: (stored) => {
          if (stored.type !== 'Added') throw new Error(`decoded ${stored.type}`);
          return counterCodec.decode(stored);
        },
      },
      stateCodec: counterStateCodec,
      streamOf: (key) => `counter-${key}`,
      snapshotEvery: 5,
    });
    // The stream's last version is an Outboxed one the fold never saw.
    expect(await host.inspect('a')).toEqual({ state: { total: 2, seen: ['x'] }, version: 3 });
    expect(options).toEqual([{ snapshotSchemaVersion: 1, skipTypes: ['Outboxed'] }]);
    // Appends expect that version (no conflict, no reload), and the skipped events count towards the next snapshot.
    expect((await host.tell('a', { id: 'y', amount: 3 })).version).toBe(4);
    expect(await store.loadSnapshot('counter-a')).toBeNull();
    expect((await host.tell('a', { id: 'z', amount: 1 })).version).toBe(5);
    expect(options).toHaveLength(1);
    expect((await store.readStream('counter-a')).map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5]);
    await host.close();
    expect(await store.loadSnapshot('counter-a')).toMatchObject({ version: 5, state: { total: 6 } });
  });

  it('keeps at most maxLive actors, evicting the least recently used', async () => {
    const store = createMemoryEventStore();
    const host = hostOn(store, { maxLive: 2 });
    await host.tell('a', { id: '1', amount: 1 });
    await host.tell('b', { id: '2', amount: 1 });
    await host.tell('a', { id: '3', amount: 1 });
    await host.tell('c', { id: '4', amount: 1 });
    expect(host.liveCount()).toBe(2);
    // 'b' was least recently used; it comes back from the store intact.
    expect((await host.inspect('b')).state.total).toBe(1);
    await host.close();
  });

  it('passivates actors idle for idleMs', async () => {
    const store = createMemoryEventStore();
    const host = hostOn(store, { idleMs: 60_000 });
    await host.tell('a', { id: '1', amount: 1 });
    expect(host.passivateIdle(Date.now())).toBe(0);
    expect(host.passivateIdle(Date.now() + 60_000)).toBe(1);
    expect(host.liveCount()).toBe(0);
    await host.close();
  });
});

describe('actor host, late redelivery', () => {
  it('treats a message whose events are already stored at an earlier version as applied', async () => {
    const store = createMemoryEventStore();
    const host = createActorHost({
      store,
      committer: createGroupCommitter(store),
      // No idempotency memory in this behaviour: only the causation-derived event ids can tell the repeat.
      behavior: { ...counterBehavior, handle: (message) => [{ type: 'Added' as const, amount: message.amount, by: message.id }] },
      codec: counterCodec,
      streamOf: (key) => `counter-${key}`,
    });
    await host.tell('a', { id: 'first', amount: 1 });
    await host.tell('a', { id: 'second', amount: 2 });
    const repeat = await host.tell('a', { id: 'first', amount: 1 });
    expect(repeat).toEqual({ events: [], version: 2, duplicate: true });
    expect(await store.readStream('counter-a')).toHaveLength(2);
    await host.close();
  });
});
