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

  it('loads a short stream with one read and no snapshot lookup, a long one from its snapshot', async () => {
    const store = createMemoryEventStore();
    const calls = { readStream: 0, loadSnapshot: 0 };
    const counted: EventStore = {
      ...store,
      readStream: (stream, options) => {
        calls.readStream += 1;
        return store.readStream(stream, options);
      },
      loadSnapshot: (stream) => {
        calls.loadSnapshot += 1;
        return store.loadSnapshot(stream);
      },
    };
    const writer = hostOn(store, { snapshotEvery: 3 });
    await writer.tell('short', { id: 'x', amount: 2 });
    for (let index = 0; index < 8; index += 1) await writer.tell('long', { id: `l${index}`, amount: 1 });
    await writer.close();
    expect((await store.loadSnapshot('counter-long'))?.version).toBe(6);

    const reader = hostOn(counted, { snapshotEvery: 3 });
    expect(await reader.inspect('new')).toEqual({ state: { total: 0, seen: [] }, version: 0 });
    expect(await reader.inspect('short')).toEqual({ state: { total: 2, seen: ['x'] }, version: 1 });
    expect(calls).toEqual({ readStream: 2, loadSnapshot: 0 });
    expect(await reader.inspect('long')).toEqual({ state: { total: 8, seen: ['l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7'] }, version: 8 });
    // The first page (1–3), then the snapshot (6) beside the next page (4–6), then what follows the snapshot (7–8).
    expect(calls).toEqual({ readStream: 5, loadSnapshot: 1 });
    // The next snapshot comes snapshotEvery events after the one it loaded from (version 6): at version 9.
    await reader.tell('long', { id: 'l8', amount: 1 });
    await reader.close();
    expect((await store.loadSnapshot('counter-long'))?.version).toBe(9);
  });

  describe('a long stream (a full first page)', () => {
    /** The store with its calls counted, and the most calls it ever had under way at once. */
    const watched = (store: EventStore) => {
      const calls = { readStream: 0, loadSnapshot: 0, mostAtOnce: 0 };
      let underWay = 0;
      const track = async <T>(call: () => Promise<T>): Promise<T> => {
        underWay += 1;
        calls.mostAtOnce = Math.max(calls.mostAtOnce, underWay);
        try {
          return await call();
        } finally {
          underWay -= 1;
        }
      };
      const counted: EventStore = {
        ...store,
        readStream: (stream, options) => {
          calls.readStream += 1;
          return track(() => store.readStream(stream, options));
        },
        loadSnapshot: (stream) => {
          calls.loadSnapshot += 1;
          return track(() => store.loadSnapshot(stream));
        },
      };
      return { counted, calls };
    };
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
      return watched(store);
    };

    it('shorter than two pages: the snapshot and the rest of the stream in one round trip after the first page', async () => {
      const { counted, calls } = await streamOf(5, { at: 4 });
      const host = hostOn(counted, { snapshotEvery: 3 });
      expect(await host.inspect('a')).toEqual({ state: { total: 401, seen: ['e0', 'e1', 'e2', 'e3', 'e4'] }, version: 5 });
      expect(calls).toEqual({ readStream: 2, loadSnapshot: 1, mostAtOnce: 2 });
      await host.close();
    });

    it('a snapshot no newer than the first page, or of another schema, is passed over: the stream is folded', async () => {
      for (const snapshot of [{ at: 3 }, { at: 4, schemaVersion: 9 }]) {
        const { counted, calls } = await streamOf(5, snapshot);
        const host = hostOn(counted, { snapshotEvery: 3 });
        expect((await host.inspect('a')).state.total).toBe(5);
        expect(calls).toEqual({ readStream: 2, loadSnapshot: 1, mostAtOnce: 2 });
        await host.close();
      }
    });

    it('longer: reads on after the snapshot when it lies past the next page, else after that page', async () => {
      const past = await streamOf(9, { at: 7 });
      const host = hostOn(past.counted, { snapshotEvery: 3 });
      expect(await host.inspect('a')).toEqual({ state: { total: 702, seen: ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8'] }, version: 9 });
      expect(past.calls).toEqual({ readStream: 3, loadSnapshot: 1, mostAtOnce: 2 });
      await host.close();
      for (const snapshot of [undefined, { at: 5 }]) {
        const { counted, calls } = await streamOf(9, snapshot);
        const reader = hostOn(counted, { snapshotEvery: 3 });
        expect(await reader.inspect('a')).toMatchObject({ state: { total: snapshot ? 504 : 9 }, version: 9 });
        expect(calls).toEqual({ readStream: 3, loadSnapshot: 1, mostAtOnce: 2 });
        await reader.close();
      }
    });

    it('counts only the events after the snapshot towards the next one, not the next page read for nothing', async () => {
      const { counted } = await streamOf(9, { at: 8 });
      const host = hostOn(counted, { snapshotEvery: 3 });
      expect((await host.inspect('a')).state.total).toBe(801);
      await host.tell('a', { id: 'x', amount: 1 }); // 2 events since the snapshot: none due yet
      expect((await counted.loadSnapshot('counter-a'))?.version).toBe(8);
      await host.tell('a', { id: 'y', amount: 1 });
      await host.close();
      expect((await counted.loadSnapshot('counter-a'))?.version).toBe(11);
    });
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
