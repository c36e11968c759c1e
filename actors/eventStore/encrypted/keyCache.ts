// A bounded cache in front of the key store: the actor's hot path (every append, every cold load) and the
// projector's replays would otherwise ask the database for the same key over and over. A deleted version is
// deleted for good, so "gone" is cached without expiry; a live key expires after `ttlMs`, which bounds how long
// another process may still open a key deleted elsewhere (reading the UserForgotten event drops it sooner).
import type { KeyRef, KeyStore, UserKey } from '../../keys/index.js';

export interface KeyCacheOptions {
  readonly maxEntries?: number;
  readonly ttlMs?: number;
  readonly now?: () => number;
}

export interface KeyCache {
  current(owner: string): Promise<UserKey>;
  /**
   * The key for the first append to a stream with no events: nothing of it was ever sealed, so the first live
   * version is as good as the highest, and `next(owner, 0)` finds or creates it in one store round trip instead
   * of current()'s read then insert (a new user's first update).
   */
  currentForNewStream(owner: string): Promise<UserKey>;
  /** currentForNewStream for many owners, with one store round trip for those not cached (a batch's new users). */
  prefetchForNewStreams(owners: readonly string[]): Promise<void>;
  next(owner: string, after: number): Promise<UserKey>;
  get(owner: string, version: number): Promise<UserKey | null>;
  /** What get() would answer from the cache alone: the key, null for a version known gone, undefined if not cached. */
  cached(owner: string, version: number): UserKey | null | undefined;
  /** Loads every uncached version among `refs` in one store round trip (a page of a replay). */
  prefetch(refs: readonly KeyRef[]): Promise<void>;
  /**
   * Loads every version of the owner's key, live and deleted, without creating one, unless the owner's current key
   * is cached (then the versions a stream names are most likely cached too). A cold load starts this beside its
   * stream read, so opening the events (and the first append's current()) finds the keys without another round
   * trip. Versions created after this lookup are not marked gone: get() asks the store for them.
   */
  prefetchOwner(owner: string): Promise<void>;
  /** Deletes in the store (idempotent) and remembers the version as gone. */
  delete(owner: string, version: number): Promise<void>;
  /** True when this process already knows the version is gone (no store round trip). */
  knownGone(owner: string, version: number): boolean;
}

interface Entry {
  readonly key: UserKey | null;
  readonly expiresAt: number;
}

export const createKeyCache = (store: KeyStore, options: KeyCacheOptions = {}): KeyCache => {
  const maxEntries = options.maxEntries ?? 10_000;
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  // Map keeps insertion order: re-inserting on a hit makes the first entry the least recently used.
  const versions = new Map<string, Entry>();
  const currents = new Map<string, Entry>();
  const id = (owner: string, version: number): string => `${owner}\u0000${version}`;

  const put = (map: Map<string, Entry>, key: string, entry: Entry): void => {
    map.delete(key);
    map.set(key, entry);
    if (map.size > maxEntries) map.delete(map.keys().next().value as string);
  };
  const hit = (map: Map<string, Entry>, key: string): Entry | undefined => {
    const entry = map.get(key);
    if (entry === undefined) return undefined;
    if (entry.key !== null && entry.expiresAt <= now()) {
      map.delete(key);
      return undefined;
    }
    put(map, key, entry);
    return entry;
  };
  const remember = (key: UserKey): UserKey => {
    const name = id(key.owner, key.version);
    // A deletion is final: a lookup that started before a delete() and ends after it must not bring the key back.
    if (versions.get(name)?.key === null) return key;
    put(versions, name, { key, expiresAt: now() + ttlMs });
    return key;
  };
  const gone = (owner: string, version: number): void => put(versions, id(owner, version), { key: null, expiresAt: Number.POSITIVE_INFINITY });
  /** The owner's cached current key, unless it expired or its version has since been deleted. */
  const cachedCurrent = (owner: string): UserKey | undefined => {
    const cached = hit(currents, owner);
    return cached?.key && versions.get(id(owner, cached.key.version))?.key !== null ? cached.key : undefined;
  };

  return {
    async current(owner) {
      const cached = cachedCurrent(owner);
      if (cached !== undefined) return cached;
      const key = remember(await store.current(owner));
      put(currents, owner, { key, expiresAt: now() + ttlMs });
      return key;
    },
    async currentForNewStream(owner) {
      const cached = cachedCurrent(owner);
      if (cached !== undefined) return cached;
      const key = remember(await store.next(owner, 0));
      put(currents, owner, { key, expiresAt: now() + ttlMs });
      return key;
    },
    async prefetchForNewStreams(owners) {
      const missing = owners.filter((owner) => cachedCurrent(owner) === undefined);
      if (missing.length === 0) return;
      const found = store.firstMany ? await store.firstMany(missing) : await Promise.all(missing.map((owner) => store.next(owner, 0)));
      for (const key of found) {
        remember(key);
        put(currents, key.owner, { key, expiresAt: now() + ttlMs });
      }
    },
    async next(owner, after) {
      const key = remember(await store.next(owner, after));
      put(currents, owner, { key, expiresAt: now() + ttlMs });
      return key;
    },
    async get(owner, version) {
      const cached = hit(versions, id(owner, version));
      if (cached !== undefined) return cached.key;
      const key = await store.get(owner, version);
      if (key === null) gone(owner, version);
      else remember(key);
      return key;
    },
    cached(owner, version) {
      return hit(versions, id(owner, version))?.key;
    },
    async prefetch(refs) {
      const wanted = new Map<string, KeyRef>();
      for (const ref of refs) {
        const name = id(ref.owner, ref.version);
        if (!wanted.has(name) && hit(versions, name) === undefined) wanted.set(name, ref);
      }
      if (wanted.size === 0) return;
      const found = await store.getMany([...wanted.values()]);
      for (const key of found) {
        remember(key);
        wanted.delete(id(key.owner, key.version));
      }
      for (const ref of wanted.values()) gone(ref.owner, ref.version);
    },
    async prefetchOwner(owner) {
      if (store.allVersions === undefined || cachedCurrent(owner) !== undefined) return;
      const found = await store.allVersions(owner);
      for (const { version, key } of found) {
        if (key === null) gone(owner, version);
        else remember({ owner, version, key });
      }
      // What current() would have read: the highest version, if it is live (and was not deleted meanwhile).
      const top = found.at(-1);
      if (top?.key && versions.get(id(owner, top.version))?.key !== null) put(currents, owner, { key: { owner, version: top.version, key: top.key }, expiresAt: now() + ttlMs });
    },
    async delete(owner, version) {
      await store.delete(owner, version);
      gone(owner, version);
      if (currents.get(owner)?.key?.version === version) currents.delete(owner);
    },
    knownGone(owner, version) {
      const entry = versions.get(id(owner, version));
      return entry !== undefined && entry.key === null;
    },
  };
};
