// Fills a fresh event store schema with a million users' log, fast. The users come from the replay benchmark's world
// (test/bench/replay/world.ts: the domain's deciders, never random rows); each append passes through the shipped
// crypto-shredding wrapper, so personal fields, Bot API payloads and snapshots are sealed exactly as an actor's
// append seals them (key versions in the metadata, a forget ending its version); the sealed events then go into
// `<schema>.events` with COPY, one transaction per chunk, the next chunk generated while the last one is copied.
// The keys follow into the key table at the end. Snapshots are marked where the actor host would have taken them
// (after an append that brings the events since the last one to `snapshotEvery`) and written in a second pass
// through the real store (writeSnapshots.ts).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createEncryptedEventStore } from '../../../actors/eventStore/encrypted/index.js';
import type { AppendRequest, EventStore, NewEvent } from '../../../actors/eventStore/types.js';
import { generateWorld, type WorldStats } from '../replay/world.js';
import { createRecordingKeyStore } from './recordingKeys.js';

export interface LoadOptions {
  readonly pool: pg.Pool;
  readonly eventSchema: string;
  readonly keySchema: string;
  readonly users: number;
  readonly eventsPerUser: number;
  readonly snapshotEvery: number;
  readonly seed?: number;
  /** world.ts's namespace (0–9): distinct user and event ids, so several loaders can fill one log at once. */
  readonly namespace?: number;
  readonly chunkEvents?: number;
  readonly onProgress?: (events: number) => void;
}

export interface LoadResult {
  readonly world: WorldStats;
  readonly keys: number;
  /** Stream → the version its latest snapshot should fold up to. */
  readonly snapshotAt: Map<string, number>;
}

const escape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');

/** An inner store that only hands back what the wrapper sealed: the append "commits" at the expected version. */
const captureStore = (sink: (request: AppendRequest) => void): EventStore => {
  const unsupported = (): never => {
    throw new Error('the capture store only appends');
  };
  return {
    async append(stream, expected, events) {
      sink({ stream, expected, events });
      const from = typeof expected === 'number' ? expected : 0;
      return { stream, nextVersion: from + events.length, positions: [], duplicate: false };
    },
    appendMany: unsupported,
    readStream: unsupported,
    readLatest: unsupported,
    readAll: unsupported,
    headCheckpoint: unsupported,
    subscribe: unsupported,
    saveSnapshot: unsupported,
    loadSnapshot: unsupported,
    close: async () => undefined,
  };
};

const copyChunk = async (pool: pg.Pool, schema: string, text: string): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const copy = client.query(copyFrom(`copy ${schema}.events (stream_name, stream_version, event_id, event_type, schema_version, data, metadata) from stdin`));
    await pipeline(Readable.from([text]), copy);
    await client.query('commit');
  } finally {
    client.release();
  }
};

export const loadUsers = async (options: LoadOptions): Promise<LoadResult> => {
  const { pool, eventSchema, snapshotEvery } = options;
  const chunkEvents = options.chunkEvents ?? 50_000;
  const keys = createRecordingKeyStore();
  let lines: string[] = [];
  const sinceSnapshot = new Map<string, number>();
  const snapshotAt = new Map<string, number>();
  const sealer = createEncryptedEventStore({
    store: captureStore((request) => {
      let version = typeof request.expected === 'number' ? request.expected : 0;
      for (const event of request.events as readonly NewEvent[]) {
        version += 1;
        lines.push(`${request.stream}\t${version}\t${event.id}\t${event.type}\t${event.schemaVersion}\t${escape(JSON.stringify(event.data))}\t${escape(JSON.stringify(event.metadata ?? {}))}\n`);
      }
      const since = (sinceSnapshot.get(request.stream) ?? 0) + request.events.length;
      if (since >= snapshotEvery) {
        snapshotAt.set(request.stream, version);
        sinceSnapshot.set(request.stream, 0);
      } else sinceSnapshot.set(request.stream, since);
    }),
    keys,
  });
  const world = generateWorld({
    seed: options.seed ?? 7,
    events: options.users * options.eventsPerUser,
    eventsPerUser: options.eventsPerUser,
    namespace: options.namespace ?? 0,
  });
  let copying: Promise<void> = Promise.resolve();
  let total = 0;
  let stats: WorldStats | undefined;
  while (stats === undefined) {
    const next = world.next();
    if (next.done === true) stats = next.value;
    // One append at a time, as an actor appends: a forget must take effect before the user's next append is sealed.
    else await sealer.append(next.value.stream, next.value.expected, next.value.events);
    if (lines.length >= chunkEvents || (stats !== undefined && lines.length > 0)) {
      const text = lines.join('');
      total += lines.length;
      lines = [];
      await copying;
      options.onProgress?.(total);
      copying = copyChunk(pool, eventSchema, text);
    }
  }
  await copying;
  options.onProgress?.(total);
  const keyRows = await keys.copyInto(pool, options.keySchema);
  return { world: stats, keys: keyRows, snapshotAt };
};
