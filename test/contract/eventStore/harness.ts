// What the contract suite needs from an adapter: a fresh, empty store per test, and a way to hold a commit back
// (so the commit-order property can make transactions finish out of order).
import { randomUUID } from 'node:crypto';
import type { AppendOutcome, AppendRequest, EventMetadata, EventStore, NewEvent } from '../../../actors/eventStore/types.js';

export interface EventStoreHarness {
  readonly store: EventStore;
  /**
   * Appends, then holds the commit back for `delayMs` before committing (Postgres: inside an open transaction).
   * Adapters that cannot hold a commit wait first and append afterwards.
   */
  appendWithCommitDelay(request: AppendRequest, delayMs: number): Promise<AppendOutcome>;
  /**
   * Resolves once everything committed so far shows in readAll. Postgres shows an event only after every older
   * transaction in the cluster ended, and other test files keep transactions open; absent: always settled.
   */
  settle?(): Promise<void>;
  cleanup(): Promise<void>;
  /**
   * False for stores without a global index of event ids (KurrentDB: ids are checked per stream, at the expected
   * revision only), which cannot refuse an id already stored in another stream or earlier in the same stream.
   */
  readonly globalEventIds?: boolean;
}

export interface EventStoreContractOptions {
  /** Runs of the concurrent-writers property; keep it small for slow adapters. */
  readonly propertyRuns: number;
}

export type EventStoreFactory = () => Promise<EventStoreHarness>;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Delay, then append: the fallback for adapters whose commits cannot be held open. */
export const delayThenAppend =
  (store: EventStore) =>
  async (request: AppendRequest, delayMs: number): Promise<AppendOutcome> => {
    await sleep(delayMs);
    const [outcome] = await store.appendMany([request]);
    if (outcome === undefined) throw new Error('appendMany returned no outcome');
    return outcome;
  };

let counter = 0;

export const newEvent = (data: unknown = { n: (counter += 1) }, metadata?: EventMetadata, type = 'Tested'): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  ...(metadata === undefined ? {} : { metadata }),
});

export const newEvents = (count: number): NewEvent[] => Array.from({ length: count }, () => newEvent());

/** A stream name no other test uses. */
export const streamName = (prefix = 'user'): string => `${prefix}-${randomUUID()}`;
