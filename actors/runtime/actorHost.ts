// Hosts live actors of one kind: loads each from its snapshot plus later events, runs its messages strictly one at a
// time, appends what it decides with the expected version (reload and retry on conflict), snapshots every N events,
// and passivates actors that sit idle or that exceed the live cap (least recently used first).
import { EventStoreError, isConcurrencyError } from '../eventStore/errors.js';
import type { EventMetadata, EventStore, NewEvent } from '../eventStore/types.js';
import { deterministicId } from './deterministicId.js';
import type { GroupCommitter } from './groupCommit.js';
import type { EventCodec, StateCodec } from './types.js';

export interface ActorBehavior<Message, Event, State> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  /**
   * events.reduce(evolve, state), cheaper where the behaviour can build the result once for the whole batch (a cold
   * load folds every event since the snapshot). Must equal the reduce and must not mutate `state`.
   */
  readonly fold?: (state: State, events: readonly Event[]) => State;
  /**
   * Decides the events one message causes. May be async (a grammY pass), must not do I/O of its own: after a
   * version conflict it runs again on the reloaded state.
   */
  readonly handle: (message: Message, state: State, key: string) => Promise<readonly Event[]> | readonly Event[];
  /** Identifies the message for deterministic event ids (e.g. `tg:<update_id>`, or the causing event id). */
  readonly causationOf: (message: Message) => string;
  readonly metadataOf?: (message: Message) => EventMetadata;
  /**
   * Stored event types `evolve` leaves the state as it is with (an outbox): a cold load asks the store to leave them
   * out (no row, transfer, parsing or decryption), and takes the stream's version, which counts them, from the store.
   */
  readonly unfoldedTypes?: readonly string[];
}

export interface ActorHostOptions<Message, Event, State> {
  readonly store: Pick<EventStore, 'readLatest' | 'saveSnapshot'>;
  readonly committer: GroupCommitter;
  readonly behavior: ActorBehavior<Message, Event, State>;
  readonly codec: EventCodec<Event>;
  /** Without one, actors never snapshot and always fold their whole stream. */
  readonly stateCodec?: StateCodec<State>;
  readonly streamOf: (key: string) => string;
  readonly snapshotEvery?: number;
  readonly maxLive?: number;
  readonly idleMs?: number;
  readonly maxConflictRetries?: number;
  readonly onSnapshotError?: (key: string, error: unknown) => void;
}

export interface TellResult<Event> {
  readonly events: readonly Event[];
  readonly version: number;
  /** The store already held these events (a redelivery): nothing new was written. */
  readonly duplicate: boolean;
}

export interface ActorHost<Message, Event, State> {
  tell(key: string, message: Message): Promise<TellResult<Event>>;
  /** The live state, loading the actor if needed (for tests and read-your-writes paths). */
  inspect(key: string): Promise<{ state: State; version: number }>;
  liveCount(): number;
  /** Drops idle actors now (the sweep does this on its own every idleMs / 2). */
  passivateIdle(now?: number): number;
  close(): Promise<void>;
}

interface Live<State> {
  state: State;
  version: number;
  sinceSnapshot: number;
  lastUsed: number;
}

export class ActorHostClosedError extends Error {
  constructor() {
    super('actor host is closed');
    this.name = 'ActorHostClosedError';
  }
}

export const createActorHost = <Message, Event, State>(
  options: ActorHostOptions<Message, Event, State>,
): ActorHost<Message, Event, State> => {
  const { store, committer, behavior, codec, stateCodec, streamOf } = options;
  const snapshotEvery = options.snapshotEvery ?? 100;
  const maxLive = options.maxLive ?? 100_000;
  const idleMs = options.idleMs ?? 10 * 60_000;
  const maxRetries = options.maxConflictRetries ?? 5;
  // Map keeps insertion order; re-inserting on use makes its first key the least recently used.
  const live = new Map<string, Live<State>>();
  const loading = new Map<string, Promise<Live<State>>>();
  // Tail of each busy actor's mailbox, set synchronously in tell() so arrival order is processing order.
  const tails = new Map<string, Promise<unknown>>();
  let closed = false;

  const unfolded = behavior.unfoldedTypes ?? [];
  const foldAll = behavior.fold ?? ((state: State, events: readonly Event[]): State => events.reduce(behavior.evolve, state));
  const readOptions = {
    ...(stateCodec === undefined ? {} : { snapshotSchemaVersion: stateCodec.schemaVersion }),
    ...(unfolded.length === 0 ? {} : { skipTypes: unfolded }),
  };

  // Cold load: the latest snapshot (a cache of the fold, of the state codec's schema version) and the events after
  // it, in one store read (one round trip on Postgres), whatever the stream's length.
  const load = async (key: string): Promise<Live<State>> => {
    const { snapshot, events, version } = await store.readLatest(streamOf(key), readOptions);
    let state: State;
    let from = 0;
    if (snapshot !== null && stateCodec !== undefined) {
      state = stateCodec.decode(snapshot.state);
      from = snapshot.version;
    } else state = behavior.initialState();
    const decoded: Event[] = [];
    for (const recorded of events) if (recorded.streamVersion > from) decoded.push(codec.decode(recorded));
    if (decoded.length > 0) state = foldAll(state, decoded);
    // The store's version counts the skipped (unfolded) events too: appends expect exactly the stream's last
    // version. Every event since the snapshot (or since the start, without one) counts towards the next snapshot.
    return { state, version, sinceSnapshot: version - from, lastUsed: Date.now() };
  };

  const touch = (key: string, actor: Live<State>): void => {
    actor.lastUsed = Date.now();
    live.delete(key);
    live.set(key, actor);
  };

  const evictOverCap = (): void => {
    if (live.size <= maxLive) return;
    for (const key of live.keys()) {
      if (live.size <= maxLive) break;
      if (!tails.has(key)) live.delete(key);
    }
  };

  const activate = async (key: string): Promise<Live<State>> => {
    const existing = live.get(key);
    if (existing) return existing;
    let pending = loading.get(key);
    let actor: Live<State>;
    if (pending) actor = await pending;
    else {
      // The caller that started the load clears it (a try/finally here costs no promises, .finally() three).
      pending = load(key);
      loading.set(key, pending);
      try {
        actor = await pending;
      } finally {
        loading.delete(key);
      }
    }
    // Another caller may have installed it while this one awaited the same load.
    const installed = live.get(key) ?? actor;
    live.set(key, installed);
    evictOverCap();
    return installed;
  };

  const maybeSnapshot = (key: string, actor: Live<State>): void => {
    if (!stateCodec || actor.sinceSnapshot < snapshotEvery) return;
    actor.sinceSnapshot = 0;
    store
      .saveSnapshot({ stream: streamOf(key), version: actor.version, schemaVersion: stateCodec.schemaVersion, state: stateCodec.encode(actor.state) })
      .catch((error: unknown) => options.onSnapshotError?.(key, error));
  };

  const process = async (key: string, actor: Live<State>, message: Message): Promise<TellResult<Event>> => {
    const causation = behavior.causationOf(message);
    const metadata = { causationId: causation, ...behavior.metadataOf?.(message) };
    for (let attempt = 0; ; attempt += 1) {
      const events = await behavior.handle(message, actor.state, key);
      if (events.length === 0) return { events, version: actor.version, duplicate: false };
      const newEvents = events.map((event, index): NewEvent => ({
        id: deterministicId(streamOf(key), causation, index),
        ...codec.encode(event),
        metadata,
      }));
      const outcome = await committer.commit({ stream: streamOf(key), expected: actor.version, events: newEvents });
      if (outcome.ok) {
        // A duplicate means an earlier delivery stored exactly these events right after our version (same state,
        // same message, same ids): the cache is one step behind, so fold them in just the same.
        actor.state = foldAll(actor.state, events);
        actor.version = outcome.nextVersion;
        actor.sinceSnapshot += events.length;
        maybeSnapshot(key, actor);
        return { events, version: actor.version, duplicate: outcome.duplicate };
      }
      const alreadyApplied = outcome.error instanceof EventStoreError && outcome.error.code === 'DUPLICATE_EVENT_ID';
      if (alreadyApplied || (isConcurrencyError(outcome.error) && attempt < maxRetries)) {
        // Another owner wrote this stream meanwhile (catch up and decide again), or — ids derive from the cause —
        // this very message was applied earlier at another version: catch up, and it decides nothing new.
        const fresh = await load(key);
        actor.state = fresh.state;
        actor.version = fresh.version;
        if (alreadyApplied) return { events: [], version: actor.version, duplicate: true };
        continue;
      }
      throw outcome.error;
    }
  };

  const sweep = setInterval(() => host.passivateIdle(), Math.max(1000, idleMs / 2));
  sweep.unref();

  const host: ActorHost<Message, Event, State> = {
    tell(key, message) {
      if (closed) return Promise.reject(new ActorHostClosedError());
      const previous = tails.get(key) ?? Promise.resolve();
      // Assigned before the body below can run (it waits for `previous`), so the body can tell if it is the last.
      let tail: Promise<unknown> = previous;
      const run = previous.then(async () => {
        const actor = await activate(key);
        touch(key, actor);
        try {
          return await process(key, actor, message);
        } catch (error) {
          // A failed message may leave the cached state unsure (e.g. a store error mid-append): reload next time.
          if (live.get(key) === actor) live.delete(key);
          throw error;
        } finally {
          if (tails.get(key) === tail) tails.delete(key);
        }
      });
      tail = run.catch(() => undefined);
      tails.set(key, tail);
      return run;
    },
    async inspect(key) {
      const tail = tails.get(key);
      if (tail !== undefined) await tail;
      const actor = await activate(key);
      return { state: actor.state, version: actor.version };
    },
    liveCount: () => live.size,
    passivateIdle(now = Date.now()) {
      let dropped = 0;
      for (const [key, actor] of live) {
        if (!tails.has(key) && now - actor.lastUsed >= idleMs) {
          live.delete(key);
          dropped += 1;
        }
      }
      return dropped;
    },
    async close() {
      closed = true;
      clearInterval(sweep);
      await Promise.all([...tails.values()]);
      await committer.drain();
      live.clear();
    },
  };
  return host;
};
