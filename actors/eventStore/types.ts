// The event store port. Every adapter (memory, postgres, kurrentdb) implements EventStore and passes the same
// contract suite (test/contract/eventStore). Wire formats stay inside the adapters.

/** Position of an event in the global log, in commit order: compare `commit` first, then `position`. */
export interface Checkpoint {
  /** Postgres: the appending transaction's id (xid8); KurrentDB: commit position; memory: the position. */
  readonly commit: bigint;
  /** Postgres: global sequence number; KurrentDB: prepare position; memory: the position. */
  readonly position: bigint;
}

/** What the caller knows about the stream before appending. Stream versions start at 1; 0 means "no stream". */
export type ExpectedVersion = number | 'any' | 'no_stream';

export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  /** W3C trace context, carried gateway → NATS headers → event metadata → dispatcher. */
  readonly traceparent?: string;
  readonly tracestate?: string;
  readonly [key: string]: string | number | boolean | undefined;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** Caller-generated UUID; re-appending the same ids at the same expected version is a no-op. */
  readonly id: string;
  readonly type: Type;
  /** The event type's schema version, so upcasters can lift older shapes on read. */
  readonly schemaVersion: number;
  /** Must be JSON-serialisable; at most MAX_EVENT_BYTES once serialised. */
  readonly data: Data;
  readonly metadata?: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly streamName: string;
  /** 1-based version of the event within its stream. */
  readonly streamVersion: number;
  /** Unique, increasing per adapter; not the read order of the global log (use `checkpoint` for that). */
  readonly globalPosition: bigint;
  readonly checkpoint: Checkpoint;
  readonly recordedAt: Date;
}

export interface AppendRequest {
  readonly stream: string;
  readonly expected: ExpectedVersion;
  readonly events: readonly NewEvent[];
}

export interface AppendResult {
  readonly stream: string;
  /** Stream version after the append (the version of its last event). */
  readonly nextVersion: number;
  /** Global positions of the appended events, in order. */
  readonly positions: readonly bigint[];
  /** True when every event id was already stored at these versions, so nothing was written. */
  readonly duplicate: boolean;
}

/** Per-stream outcome of a grouped append: one stream's conflict never blocks the others. */
export type AppendOutcome =
  | ({ readonly ok: true } & AppendResult)
  | { readonly ok: false; readonly stream: string; readonly error: Error };

export interface ReadStreamOptions {
  /** First version to return (inclusive); default 1. */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface ReadLatestOptions {
  /** The schema version of snapshots the caller can decode; without one, snapshots are passed over. */
  readonly snapshotSchemaVersion?: number;
  /**
   * Event types the caller does not fold (an actor's outbox entries): left out of `events` altogether — no row, no
   * data, nothing to parse — while `version` still counts them. Exact in every adapter.
   */
  readonly skipTypes?: readonly string[];
}

/**
 * What a cold load reads of an event: enough to decode, open and fold it. An adapter may return whole
 * RecordedEvents; Postgres leaves out the rest (ids, positions, times: about a quarter of the statement's CPU).
 */
export type LatestEvent = Pick<RecordedEvent, 'type' | 'schemaVersion' | 'data' | 'metadata' | 'streamName' | 'streamVersion'>;

/** A stream as a cold load needs it: its latest snapshot and what happened after it. */
export interface LatestOfStream {
  /** The stream's snapshot if it has one of the asked schema version, else null. */
  readonly snapshot: Snapshot | null;
  /**
   * The stream's events after the snapshot's version (all of them without a snapshot), in version order, except
   * those of the skipped types.
   */
  readonly events: readonly LatestEvent[];
  /**
   * The stream's last version as of the same moment (0 when it has no events), skipped events included: what an
   * append after this read expects. Not the last of `events` when the stream ends in skipped events.
   */
  readonly version: number;
}

export interface ReadAllOptions {
  /**
   * Event types whose data and metadata the caller has no use for (a rebuild skips outbox entries): an adapter may
   * return such events with `data` null and empty metadata, sparing their transfer, parsing and decryption. They
   * still come back, in order, each with its checkpoint. Adapters that cannot filter return them whole.
   */
  readonly omitDataOf?: readonly string[];
  /**
   * Only the events of the streams in this slice (a rebuild folds the slices in parallel, one reader each). Every
   * stream belongs to exactly one slice of a given count, always the same one; each slice reads in commit order,
   * with the same checkpoints as the whole log. Exact in every adapter.
   */
  readonly streams?: StreamSlice;
}

/** Slice `index` of `count` (0 ≤ index < count ≤ 1024) of the stream name space. */
export interface StreamSlice {
  readonly index: number;
  readonly count: number;
}

export interface ReadAllResult {
  readonly events: readonly RecordedEvent[];
  /** Checkpoint to pass as `after` for the next page: the last event's, or `after` itself when empty. */
  readonly checkpoint: Checkpoint;
}

export interface Snapshot<State = unknown> {
  readonly stream: string;
  /** Stream version the snapshot folds up to (inclusive). */
  readonly version: number;
  readonly schemaVersion: number;
  readonly state: State;
}

/**
 * How a page came to a handler (ms since the epoch, sub-ms precision): when the read that returned it started, and
 * when its events were in hand (rows received and mapped; a wrapper's work, such as opening sealed fields, after it).
 */
export interface PageRead {
  readonly startedAt: number;
  readonly fetchedAt: number;
}

/** `read` is for latency accounting only (a subscriber may ignore it; wrappers pass it on). */
export type BatchHandler = (events: readonly RecordedEvent[], read: PageRead) => Promise<void>;

export interface SubscribeOptions {
  readonly after: Checkpoint;
  /** Awaited before the next batch is read: a slow handler slows the subscription (back-pressure). */
  readonly handler: BatchHandler;
  readonly batchSize?: number;
  /**
   * Only these event types are needed whole: the others may come with data null and metadata empty (in order, with
   * their checkpoints, as readAll's omitDataOf; an adapter may send them whole anyway). The dispatcher reads only
   * outbox entries: the rest of the log need not be sent, parsed or opened for it.
   */
  readonly dataOnlyOf?: readonly string[];
}

export interface SubscriptionStatus {
  readonly checkpoint: Checkpoint;
  readonly delivered: number;
  readonly running: boolean;
}

export interface Subscription {
  /** Stops after the batch in flight; resolves when stopped. */
  close(): Promise<void>;
  /** Resolves when closed, rejects with the handler's (or the store's) error when it stops on one. */
  readonly done: Promise<void>;
  status(): SubscriptionStatus;
}

export interface EventStore {
  append(stream: string, expected: ExpectedVersion, events: readonly NewEvent[]): Promise<AppendResult>;
  /** Commits several streams' appends in one round trip where the adapter can; each has its own expected version. */
  appendMany(requests: readonly AppendRequest[]): Promise<readonly AppendOutcome[]>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>;
  /**
   * The stream's latest snapshot (of `snapshotSchemaVersion`) and every event after it, as of one moment: one round
   * trip where the adapter can (an actor's cold load).
   */
  readLatest(stream: string, options?: ReadLatestOptions): Promise<LatestOfStream>;
  /** Events strictly after `after`, in commit order, never skipping one that commits later. */
  readAll(after: Checkpoint, limit: number, options?: ReadAllOptions): Promise<ReadAllResult>;
  /** The checkpoint of the newest readable event (START when empty), for lag metrics. */
  headCheckpoint(): Promise<Checkpoint>;
  subscribe(options: SubscribeOptions): Subscription;
  saveSnapshot(snapshot: Snapshot): Promise<void>;
  loadSnapshot(stream: string): Promise<Snapshot | null>;
  close(): Promise<void>;
}

export const START: Checkpoint = Object.freeze({ commit: 0n, position: 0n });

const sign = (a: bigint, b: bigint): number => (a === b ? 0 : a < b ? -1 : 1);

export const compareCheckpoints = (a: Checkpoint, b: Checkpoint): number =>
  sign(a.commit, b.commit) || sign(a.position, b.position);

/** Serialised form for logs, CLI output and storage outside the store: "commit/position". */
export const formatCheckpoint = (c: Checkpoint): string => `${c.commit}/${c.position}`;

export const parseCheckpoint = (text: string): Checkpoint => {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new TypeError(`not a checkpoint: ${JSON.stringify(text)} (expected "commit/position")`);
  return { commit: BigInt(match[1]!), position: BigInt(match[2]!) };
};
