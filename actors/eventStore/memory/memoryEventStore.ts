// The in-memory twin of the event store: same port, same validation, same idempotency rules as the Postgres
// adapter, for unit tests and single-node experiments. Appends are atomic because they never await midway.
import { ConcurrencyError, EventStoreError } from '../errors.js';
import { createPollingSubscription, createWakeUps } from '../subscription.js';
import {
  START,
  compareCheckpoints,
  type AppendOutcome,
  type AppendRequest,
  type AppendResult,
  type Checkpoint,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type RecordedEvent,
  type Snapshot,
} from '../types.js';
import { streamSliceFilter } from '../streamSlice.js';
import { prepareEvents, validateExpectedVersion, validateStreamName, type PreparedEvent } from '../validate.js';

export interface MemoryEventStoreOptions {
  /** Clock for `recordedAt`; tests pass a fixed one. */
  readonly now?: () => Date;
  readonly pollIntervalMs?: number;
}

export const createMemoryEventStore = (options: MemoryEventStoreOptions = {}): EventStore => {
  const now = options.now ?? (() => new Date());
  const log: RecordedEvent[] = [];
  const streams = new Map<string, RecordedEvent[]>();
  const byId = new Map<string, RecordedEvent>();
  const snapshots = new Map<string, string>();
  const wakeUps = createWakeUps();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new EventStoreError('INVALID_EVENT', 'event store is closed');
  };

  /** The shared idempotency rule: every id already stored, in this stream, consecutively, where expected. */
  const findDuplicate = (stream: string, expected: ExpectedVersion, events: readonly PreparedEvent[]): AppendResult | null => {
    const found = events.map((event) => byId.get(event.id));
    if (found.every((event) => event === undefined)) return null;
    const first = found[0];
    const startsWhereExpected =
      first !== undefined &&
      (expected === 'any' || first.streamVersion === (expected === 'no_stream' ? 1 : expected + 1));
    const consecutive = found.every(
      (event, index) => event !== undefined && event.streamName === stream && event.streamVersion === first!.streamVersion + index,
    );
    if (!startsWhereExpected || !consecutive) {
      throw new EventStoreError('DUPLICATE_EVENT_ID', `append to ${stream}: some event ids are already stored elsewhere`, { stream });
    }
    const last = found[found.length - 1]!;
    return { stream, nextVersion: last.streamVersion, positions: found.map((event) => event!.globalPosition), duplicate: true };
  };

  const appendOne = (request: AppendRequest): AppendResult => {
    ensureOpen();
    const stream = validateStreamName(request.stream);
    const expected = validateExpectedVersion(request.expected);
    const prepared = prepareEvents(stream, request.events);
    const duplicate = findDuplicate(stream, expected, prepared);
    if (duplicate) return duplicate;

    const existing = streams.get(stream) ?? [];
    const actual = existing.length;
    const wanted = expected === 'no_stream' ? 0 : expected;
    if (wanted !== 'any' && wanted !== actual) throw new ConcurrencyError(stream, expected, actual);

    const recordedAt = now();
    const recorded = prepared.map((event, index): RecordedEvent => {
      const position = BigInt(log.length + index + 1);
      return {
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        // Round-trip through the serialised text so readers get exactly what a durable adapter would return.
        data: JSON.parse(event.data) as unknown,
        metadata: JSON.parse(event.metadata) as RecordedEvent['metadata'],
        streamName: stream,
        streamVersion: actual + index + 1,
        globalPosition: position,
        checkpoint: { commit: position, position },
        recordedAt,
      };
    });
    for (const event of recorded) {
      log.push(event);
      byId.set(event.id, event);
    }
    streams.set(stream, [...existing, ...recorded]);
    wakeUps.notify();
    return { stream, nextVersion: actual + recorded.length, positions: recorded.map((e) => e.globalPosition), duplicate: false };
  };

  const readAll = async (after: Checkpoint, limit: number, readOptions?: ReadAllOptions): Promise<ReadAllResult> => {
    ensureOpen();
    const inSlice = streamSliceFilter(readOptions?.streams);
    // Memory checkpoints are (position, position), so the first unread index is the position itself.
    const from = Number(after.commit === after.position ? after.position : after.commit);
    const events: RecordedEvent[] = [];
    for (let i = from; i < log.length && events.length < limit; i += 1) {
      const event = log[i]!;
      if (compareCheckpoints(event.checkpoint, after) > 0 && inSlice(event.streamName)) events.push(event);
    }
    return { events, checkpoint: events.length > 0 ? events[events.length - 1]!.checkpoint : after };
  };

  const store: EventStore = {
    async append(stream: string, expected: ExpectedVersion, events: readonly NewEvent[]) {
      return appendOne({ stream, expected, events });
    },
    async appendMany(requests) {
      return requests.map((request): AppendOutcome => {
        try {
          return { ok: true, ...appendOne(request) };
        } catch (error) {
          if (!(error instanceof EventStoreError)) throw error;
          return { ok: false, stream: request.stream, error };
        }
      });
    },
    async readStream(stream, readOptions = {}) {
      ensureOpen();
      validateStreamName(stream);
      const from = Math.max(1, readOptions.fromVersion ?? 1);
      const events = (streams.get(stream) ?? []).slice(from - 1);
      return readOptions.maxCount === undefined ? events : events.slice(0, readOptions.maxCount);
    },
    async readLatest(stream, readOptions = {}) {
      ensureOpen();
      validateStreamName(stream);
      const text = readOptions.snapshotSchemaVersion === undefined ? undefined : snapshots.get(stream);
      const found = text === undefined ? null : (JSON.parse(text) as Snapshot);
      const snapshot = found !== null && found.schemaVersion === readOptions.snapshotSchemaVersion ? found : null;
      const skip = new Set(readOptions.skipTypes);
      const all = streams.get(stream) ?? [];
      const events = all.slice(snapshot?.version ?? 0).filter((event) => !skip.has(event.type));
      return { snapshot, events, version: all.length };
    },
    readAll,
    async headCheckpoint() {
      ensureOpen();
      return log.length === 0 ? START : log[log.length - 1]!.checkpoint;
    },
    subscribe(subscribeOptions) {
      ensureOpen();
      return createPollingSubscription({ readAll, wakeUps, pollIntervalMs: options.pollIntervalMs ?? 1000 }, subscribeOptions);
    },
    async saveSnapshot(snapshot: Snapshot) {
      ensureOpen();
      validateStreamName(snapshot.stream);
      const current = snapshots.get(snapshot.stream);
      // A snapshot never moves backwards: a slow writer must not replace a newer one.
      if (current !== undefined && (JSON.parse(current) as Snapshot).version > snapshot.version) return;
      snapshots.set(snapshot.stream, JSON.stringify(snapshot));
    },
    async loadSnapshot(stream) {
      ensureOpen();
      validateStreamName(stream);
      const text = snapshots.get(stream);
      return text === undefined ? null : (JSON.parse(text) as Snapshot);
    },
    async close() {
      closed = true;
      wakeUps.notify();
    },
  };
  return store;
};
