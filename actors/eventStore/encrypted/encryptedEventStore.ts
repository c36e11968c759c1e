// Crypto-shredding around any EventStore (Guarantee 7). Appends seal the personal fields of a user stream's events
// (and its captured Bot API calls and snapshots) with the stream owner's key; reads open them again, or show them
// redacted once the key is gone, so redacted events still parse and projections and replays keep working. A
// UserForgotten event ends its key version: events after it in the same append take the next version (the goodbye
// message stays sendable), and the old version's key is deleted once the append committed. Readers that meet a
// UserForgotten delete that version too (idempotent), which closes the crash window between commit and delete.
import type { KeyStore } from '../../keys/index.js';
import type { AppendOutcome, AppendRequest, EventStore, LatestEvent, NewEvent, Snapshot } from '../types.js';
import { createKeyCache, type KeyCacheOptions } from './keyCache.js';
import { FORGOTTEN_EVENT_TYPE, isSealedState, needsKey, openEvent, openState, sealEvent, sealState, versionOf } from './sealing.js';

export interface EncryptedEventStoreOptions {
  readonly store: EventStore;
  readonly keys: KeyStore;
  readonly cache?: KeyCacheOptions;
  /** The owner of a stream, or null for streams with no personal data; default: `user-<id>` → `<id>`. */
  readonly ownerOf?: (stream: string) => string | null;
}

export const userStreamOwner = (stream: string): string | null => (stream.startsWith('user-') && stream.length > 'user-'.length ? stream.slice('user-'.length) : null);

interface Prepared {
  readonly request: AppendRequest;
  /** The key version a UserForgotten in this append ends, deleted after the commit. */
  readonly forgets: number | null;
}

export const createEncryptedEventStore = (options: EncryptedEventStoreOptions): EventStore => {
  const { store } = options;
  const ownerOf = options.ownerOf ?? userStreamOwner;
  const keys = createKeyCache(options.keys, options.cache);

  const prepare = async (request: AppendRequest): Promise<Prepared> => {
    const owner = ownerOf(request.stream);
    if (owner === null || !request.events.some(needsKey)) return { request, forgets: null };
    let key = request.expected === 0 || request.expected === 'no_stream' ? await keys.currentForNewStream(owner) : await keys.current(owner);
    let forgets: number | null = null;
    const events: NewEvent[] = [];
    for (const event of request.events) {
      if (!needsKey(event)) {
        events.push(event);
        continue;
      }
      if (forgets !== null && key.version === forgets) key = await keys.next(owner, forgets);
      events.push(sealEvent(event, key));
      if (event.type === FORGOTTEN_EVENT_TYPE) forgets = key.version;
    }
    return { request: { ...request, events }, forgets };
  };

  const afterCommit = async (prepared: Prepared): Promise<void> => {
    const owner = ownerOf(prepared.request.stream);
    if (prepared.forgets !== null && owner !== null) await keys.delete(owner, prepared.forgets);
  };

  const openOne = async <E extends LatestEvent>(event: E): Promise<E> => {
    const version = versionOf(event);
    if (version === undefined) return event;
    const owner = ownerOf(event.streamName);
    if (owner === null) return event;
    if (event.type === FORGOTTEN_EVENT_TYPE && !keys.knownGone(owner, version)) await keys.delete(owner, version);
    return openEvent(event, owner, await keys.get(owner, version));
  };

  /**
   * The events opened with cached keys only, or null when one needs the key store (a key not cached, or a
   * UserForgotten, which deletes its version): a cold load's keys were looked up beside its read, so it usually
   * opens here without a promise.
   */
  const openCached = <E extends LatestEvent>(events: readonly E[]): E[] | null => {
    const opened: E[] = [];
    for (const event of events) {
      const version = versionOf(event);
      const owner = version === undefined ? null : ownerOf(event.streamName);
      if (owner === null || version === undefined) {
        opened.push(event);
        continue;
      }
      const key = event.type === FORGOTTEN_EVENT_TYPE ? undefined : keys.cached(owner, version);
      if (key === undefined) return null;
      opened.push(openEvent(event, owner, key));
    }
    return opened;
  };

  const openAll = async <E extends LatestEvent>(events: readonly E[]): Promise<E[]> => {
    const refs = events.flatMap((event) => {
      const version = versionOf(event);
      const owner = version === undefined ? null : ownerOf(event.streamName);
      return owner === null || version === undefined ? [] : [{ owner, version }];
    });
    if (refs.length > 1) await keys.prefetch(refs);
    // In order: a UserForgotten must take its key only after the events sealed before it were opened.
    const opened: E[] = [];
    for (const event of events) opened.push(versionOf(event) === undefined ? event : await openOne(event));
    return opened;
  };

  return {
    async append(stream, expected, events) {
      const prepared = await prepare({ stream, expected, events });
      const result = await store.append(stream, expected, prepared.request.events);
      await afterCommit(prepared);
      return result;
    },
    async appendMany(requests) {
      // A batch of new users' first appends: their keys in one round trip, not one commit each before the append.
      const newOwners = requests.flatMap((request) => {
        const owner = ownerOf(request.stream);
        return owner !== null && (request.expected === 0 || request.expected === 'no_stream') && request.events.some(needsKey) ? [owner] : [];
      });
      if (newOwners.length > 1) await keys.prefetchForNewStreams(newOwners);
      const prepared = await Promise.all(requests.map(prepare));
      const outcomes: readonly AppendOutcome[] = await store.appendMany(prepared.map((p) => p.request));
      await Promise.all(outcomes.map((outcome, i) => (outcome.ok ? afterCommit(prepared[i]!) : undefined)));
      return outcomes;
    },
    async readStream(stream, readOptions) {
      // The owner is known from the name, so its keys are looked up beside the read, not after it: a cold load
      // waits for one round trip instead of two. Only a hint for openAll(), which asks again for what it lacks
      // (and surfaces that failure, if the key store is down).
      const owner = ownerOf(stream);
      const keysLookedUp = owner === null ? undefined : keys.prefetchOwner(owner).catch(() => undefined);
      const [events] = await Promise.all([store.readStream(stream, readOptions), keysLookedUp]);
      return openCached(events) ?? openAll(events);
    },
    async readLatest(stream, readOptions = {}) {
      // The owner's keys beside the read, as readStream. Skipped events are not there to open.
      const owner = ownerOf(stream);
      const keysLookedUp = owner === null ? undefined : keys.prefetchOwner(owner).catch(() => undefined);
      const [latest] = await Promise.all([store.readLatest(stream, readOptions), keysLookedUp]);
      const sealed = latest.snapshot;
      if (sealed === null || owner === null || !isSealedState(sealed.state)) return { snapshot: sealed, events: openCached(latest.events) ?? (await openAll(latest.events)), version: latest.version };
      const keyVersion = sealed.state.personalDataKey;
      const state = openState(sealed.state, owner, keys.cached(owner, keyVersion) ?? (await keys.get(owner, keyVersion)));
      if (state !== undefined) return { snapshot: { ...sealed, state }, events: openCached(latest.events) ?? (await openAll(latest.events)), version: latest.version };
      // The key that sealed the snapshot is gone: no snapshot, the whole (redacted) stream instead.
      const { snapshotSchemaVersion: _, ...withoutSnapshot } = readOptions;
      const whole = await store.readLatest(stream, withoutSnapshot);
      return { snapshot: null, events: await openAll(whole.events), version: whole.version };
    },
    async readAll(after, limit, readOptions) {
      // Events whose data the store omitted carry no key version either: they pass unopened.
      const page = await store.readAll(after, limit, readOptions);
      return { ...page, events: await openAll(page.events) };
    },
    headCheckpoint: () => store.headCheckpoint(),
    subscribe(subscribeOptions) {
      return store.subscribe({ ...subscribeOptions, handler: async (events, read) => subscribeOptions.handler(await openAll(events), read) });
    },
    async saveSnapshot(snapshot) {
      const owner = ownerOf(snapshot.stream);
      if (owner === null) return store.saveSnapshot(snapshot);
      return store.saveSnapshot({ ...snapshot, state: sealState(snapshot.state, await keys.current(owner)) });
    },
    async loadSnapshot(stream): Promise<Snapshot | null> {
      const owner = ownerOf(stream);
      const keysLookedUp = owner === null ? undefined : keys.prefetchOwner(owner).catch(() => undefined);
      const [snapshot] = await Promise.all([store.loadSnapshot(stream), keysLookedUp]);
      if (snapshot === null || owner === null || !isSealedState(snapshot.state)) return snapshot;
      const state = openState(snapshot.state, owner, await keys.get(owner, snapshot.state.personalDataKey));
      // A key gone since: no snapshot, so the caller folds the (redacted) stream instead.
      return state === undefined ? null : { ...snapshot, state };
    },
    async close() {
      await store.close();
    },
  };
};
