// The KurrentDB (EventStoreDB) adapter of the event store port. See NOTES.md for where its behaviour differs from the
// memory twin and the Postgres adapter, and why.
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EventStoreError } from '../errors.js';
import { createPollingSubscription } from '../subscription.js';
import type { EventStore, Subscription } from '../types.js';
import { appendMany, type AppendManyState } from './appendMany.js';
import { appendToStream } from './appendToStream.js';
import type { KurrentClient, KurrentContext } from './context.js';
import { streamNames } from './names.js';
import { headCheckpoint, readAll, readStream } from './reads.js';
import { loadSnapshot, saveSnapshot } from './snapshots.js';
import { createLiveWakeUps } from './wakeUps.js';

export type KurrentDbEventStoreOptions = (
  | {
      /** `kurrentdb://…` (or the deprecated `esdb://…`), e.g. `kurrentdb://127.0.0.1:2113?tls=false`. */
      readonly connectionString: string;
    }
  | {
      /** A client made elsewhere (tests, shared connections); the store then leaves disposing it to its owner. */
      readonly client: KurrentClient;
    }
) & {
  /** Upper bound between reads of a caught-up subscription when no live wake-up arrives; default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Use multiStreamAppend for grouped appends when the server has it (KurrentDB 25.1+); default true. */
  readonly multiStreamAppend?: boolean;
  /**
   * Keep this store's streams under `<namespace>/` on the server and see only those (names.ts), so deployments or
   * test runs can share one server. Default: none, streams are stored under their own names.
   */
  readonly namespace?: string;
};

export const createKurrentDbEventStore = (options: KurrentDbEventStoreOptions): EventStore => {
  const owned = 'connectionString' in options;
  const client: KurrentClient = owned ? KurrentDBClient.connectionString(options.connectionString) : options.client;
  const ctx: KurrentContext = { client, names: streamNames(options.namespace) };
  const groups: AppendManyState = { multiStream: options.multiStreamAppend ?? true };
  const wakeUps = createLiveWakeUps(ctx);
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new EventStoreError('INVALID_EVENT', 'event store is closed');
  };

  return {
    async append(stream, expected, events) {
      ensureOpen();
      return appendToStream(ctx, { stream, expected, events });
    },
    async appendMany(requests) {
      ensureOpen();
      return appendMany(ctx, groups, requests);
    },
    async readStream(stream, readOptions) {
      ensureOpen();
      return readStream(ctx, stream, readOptions);
    },
    async readLatest(stream, readOptions = {}) {
      ensureOpen();
      // Two reads in a row (the snapshot lives in its own stream); skipped types are dropped here, after the read.
      const found = readOptions.snapshotSchemaVersion === undefined ? null : await loadSnapshot(ctx, stream);
      const snapshot = found !== null && found.schemaVersion === readOptions.snapshotSchemaVersion ? found : null;
      const after = await readStream(ctx, stream, { fromVersion: (snapshot?.version ?? 0) + 1 });
      const version = after.length > 0 ? after[after.length - 1]!.streamVersion : (snapshot?.version ?? 0);
      const skip = new Set(readOptions.skipTypes);
      return { snapshot, events: skip.size === 0 ? after : after.filter((event) => !skip.has(event.type)), version };
    },
    async readAll(after, limit, readOptions) {
      ensureOpen();
      return readAll(ctx, after, limit, readOptions);
    },
    async headCheckpoint() {
      ensureOpen();
      return headCheckpoint(ctx);
    },
    subscribe(subscribeOptions) {
      ensureOpen();
      wakeUps.start();
      const subscription = createPollingSubscription(
        {
          readAll: (after, limit) => {
            ensureOpen();
            return readAll(ctx, after, limit);
          },
          wakeUps,
          pollIntervalMs: options.pollIntervalMs ?? 1000,
        },
        subscribeOptions,
      );
      subscriptions.add(subscription);
      void subscription.done.catch(() => undefined).finally(() => subscriptions.delete(subscription));
      return subscription;
    },
    async saveSnapshot(snapshot) {
      ensureOpen();
      return saveSnapshot(ctx, snapshot);
    },
    async loadSnapshot(stream) {
      ensureOpen();
      return loadSnapshot(ctx, stream);
    },
    async close() {
      if (closed) return;
      closed = true;
      // Subscriptions stop after their batch in flight, before the client goes away under them.
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await wakeUps.stop();
      if (owned) await client.dispose();
    },
  };
};
