// The key cache: one store lookup per key while it is fresh, bounded size, "gone" remembered for good, live keys
// asked again after their time to live (so a key deleted by another process stops opening here).
import { describe, expect, it } from 'vitest';
import { createKeyCache } from '../../../../actors/eventStore/encrypted/index.js';
import { createMemoryKeyStore, type KeyStore } from '../../../../actors/keys/index.js';

const counting = (store: KeyStore) => {
  const calls = { get: 0, current: 0, getMany: 0, next: 0, firstMany: 0, allVersions: 0 };
  const counted: KeyStore = {
    ...store,
    get: async (owner, version) => {
      calls.get += 1;
      return store.get(owner, version);
    },
    getMany: async (refs) => {
      calls.getMany += 1;
      return store.getMany(refs);
    },
    current: async (owner) => {
      calls.current += 1;
      return store.current(owner);
    },
    next: async (owner, after) => {
      calls.next += 1;
      return store.next(owner, after);
    },
    firstMany: async (owners) => {
      calls.firstMany += 1;
      return store.firstMany!(owners);
    },
    allVersions: async (owner) => {
      calls.allVersions += 1;
      return store.allVersions!(owner);
    },
  };
  return { counted, calls };
};

describe('key cache', () => {
  it('asks the store once per fresh key and once for a version that is gone', async () => {
    const store = createMemoryKeyStore();
    const { counted, calls } = counting(store);
    const cache = createKeyCache(counted);
    const key = await cache.current('1');
    expect((await cache.current('1')).key.equals(key.key)).toBe(true);
    expect(calls.current).toBe(1);
    for (let i = 0; i < 5; i += 1) expect((await cache.get('1', 1))?.version).toBe(1);
    expect(calls.get).toBe(0);
    for (let i = 0; i < 5; i += 1) expect(await cache.get('1', 9)).toBeNull();
    expect(calls.get).toBe(1);
    await cache.delete('1', 1);
    expect(cache.knownGone('1', 1)).toBe(true);
    expect(await cache.get('1', 1)).toBeNull();
    expect((await cache.current('1')).version).toBe(2);
  });

  it('gives a new stream its key in one store call, the same key current() gives, and after a forget the next version', async () => {
    const store = createMemoryKeyStore();
    const { counted, calls } = counting(store);
    const cache = createKeyCache(counted);
    const fresh = await cache.currentForNewStream('7');
    expect(calls).toMatchObject({ next: 1, current: 0 });
    expect(fresh.version).toBe(1);
    expect((await cache.current('7')).key.equals(fresh.key)).toBe(true);
    expect((await cache.currentForNewStream('7')).key.equals(fresh.key)).toBe(true);
    expect(calls).toMatchObject({ next: 1, current: 0 });
    expect((await createKeyCache(store).current('7')).key.equals(fresh.key)).toBe(true);
    // Forgotten (version 1 deleted): a stream starting again gets version 2, never the deleted one.
    await cache.delete('7', 1);
    expect((await createKeyCache(counted).currentForNewStream('7')).version).toBe(2);
  });

  it('fetches a batch of new streams’ keys in one store call, only those not cached', async () => {
    const store = createMemoryKeyStore();
    const { counted, calls } = counting(store);
    const cache = createKeyCache(counted);
    const first = await cache.currentForNewStream('31');
    await cache.prefetchForNewStreams(['31', '32', '33']);
    expect(calls).toMatchObject({ next: 1, firstMany: 1 });
    expect((await cache.currentForNewStream('31')).key.equals(first.key)).toBe(true);
    expect((await cache.currentForNewStream('32')).key.equals((await store.current('32')).key)).toBe(true);
    expect((await cache.currentForNewStream('33')).version).toBe(1);
    expect(calls).toMatchObject({ next: 1, firstMany: 1, current: 0 });
  });

  it('forgets live keys after their time to live, so a deletion elsewhere shows', async () => {
    let now = 0;
    const store = createMemoryKeyStore();
    const cache = createKeyCache(store, { ttlMs: 1000, now: () => now });
    await cache.current('5');
    await store.delete('5', 1); // another process
    expect(await cache.get('5', 1)).not.toBeNull();
    now = 1001;
    expect(await cache.get('5', 1)).toBeNull();
  });

  it('holds at most maxEntries keys, dropping the least recently used', async () => {
    const store = createMemoryKeyStore();
    const { counted, calls } = counting(store);
    const cache = createKeyCache(counted, { maxEntries: 2 });
    for (const owner of ['a', 'b', 'c']) await store.current(owner);
    await cache.get('a', 1);
    await cache.get('b', 1);
    await cache.get('a', 1); // a is now the most recent
    await cache.get('c', 1); // evicts b
    expect(calls.get).toBe(3);
    await cache.get('a', 1);
    expect(calls.get).toBe(3);
    await cache.get('b', 1);
    expect(calls.get).toBe(4);
  });

  it('prefetches a page of versions in one store call, remembering the gone ones too', async () => {
    const store = createMemoryKeyStore();
    const { counted, calls } = counting(store);
    const cache = createKeyCache(counted);
    for (const owner of ['a', 'b', 'c']) await store.current(owner);
    await store.delete('c', 1);
    await cache.prefetch(['a', 'b', 'c', 'a'].map((owner) => ({ owner, version: 1 })));
    expect(calls.getMany).toBe(1);
    expect((await cache.get('a', 1))?.version).toBe(1);
    expect(await cache.get('c', 1)).toBeNull();
    expect(calls.get).toBe(0);
    await cache.prefetch([{ owner: 'a', version: 1 }]);
    expect(calls.getMany).toBe(1);
  });

  it('prefetches all of an owner\'s versions in one read-only call: live ones, gone ones and the current key', async () => {
    const store = createMemoryKeyStore();
    const { counted, calls } = counting(store);
    const cache = createKeyCache(counted);
    await store.current('5');
    await store.delete('5', 1);
    const live = await store.current('5');
    await cache.prefetchOwner('5');
    expect(calls.allVersions).toBe(1);
    expect(await cache.get('5', 1)).toBeNull();
    expect((await cache.get('5', 2))?.key.equals(live.key)).toBe(true);
    expect((await cache.current('5')).key.equals(live.key)).toBe(true);
    expect(calls).toMatchObject({ get: 0, current: 0, next: 0 });
    // The current key is cached now: a second cold read of the same owner asks nothing.
    await cache.prefetchOwner('5');
    expect(calls.allVersions).toBe(1);
  });

  it('prefetchOwner never creates a key: an unknown owner stays unknown, a forgotten one stays forgotten', async () => {
    const store = createMemoryKeyStore();
    const { counted, calls } = counting(store);
    const cache = createKeyCache(counted);
    await cache.prefetchOwner('8');
    expect(await store.allVersions!('8')).toEqual([]);
    await store.current('9');
    await store.delete('9', 1);
    await cache.prefetchOwner('9');
    expect(await store.liveVersions('9')).toEqual([]);
    expect(cache.knownGone('9', 1)).toBe(true);
    // With no live current key, each cold read asks again (the user may have come back elsewhere).
    await cache.prefetchOwner('9');
    expect(calls.allVersions).toBe(3);
  });

  it('after prefetchOwner, a version created later is asked for, not taken as gone', async () => {
    const store = createMemoryKeyStore();
    const { counted, calls } = counting(store);
    const cache = createKeyCache(counted);
    await store.current('6');
    await cache.prefetchOwner('6');
    const later = await store.next('6', 1); // another process, after the lookup
    expect((await cache.get('6', 2))?.key.equals(later.key)).toBe(true);
    expect(calls.get).toBe(1);
  });

  it('a lookup that ends after a delete() does not bring the deleted key back', async () => {
    const store = createMemoryKeyStore();
    await store.current('4');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: KeyStore = {
      ...store,
      allVersions: async (owner) => {
        const found = await store.allVersions!(owner);
        await gate;
        return found;
      },
    };
    const cache = createKeyCache(slow);
    const lookup = cache.prefetchOwner('4');
    await cache.delete('4', 1);
    release();
    await lookup;
    expect(cache.knownGone('4', 1)).toBe(true);
    expect(await cache.get('4', 1)).toBeNull();
    expect((await cache.current('4')).version).toBe(2);
  });
});
