// The event store as ops/roles/infrastructure.ts opens it for an actor worker: Postgres (pool of 16) behind the
// crypto-shredding wrapper with the Postgres key store (pool of 4), only in the benchmark's schemas.
import pg from 'pg';
import { createEncryptedEventStore } from '../../../actors/eventStore/encrypted/index.js';
import { createPostgresEventStore } from '../../../actors/eventStore/postgres/index.js';
import type { EventStore } from '../../../actors/eventStore/types.js';
import { createPostgresKeyStore } from '../../../actors/keys/index.js';

export interface BenchStore {
  readonly store: EventStore;
  /** Queries waiting for a connection of either pool now. */
  waiting(): number;
  close(): Promise<void>;
}

/** `pools` shrinks both pools (the loader threads share the database with other sessions' tests). */
export const openBenchStore = (url: string, eventSchema: string, keySchema: string, pools?: { store: number; keys: number }): BenchStore => {
  const keyPool = new pg.Pool({ connectionString: url, max: pools?.keys ?? 4 });
  keyPool.on('error', () => undefined);
  // The store's pool made here rather than inside the store, only so that its waiting queries can be counted.
  const storePool = new pg.Pool({ connectionString: url, max: pools?.store ?? 16 });
  storePool.on('error', () => undefined);
  const inner = createPostgresEventStore({ connectionString: url, pool: storePool, schema: eventSchema });
  const store = createEncryptedEventStore({ store: inner, keys: createPostgresKeyStore({ pool: keyPool, schema: keySchema }) });
  return {
    store,
    waiting: () => storePool.waitingCount + keyPool.waitingCount,
    async close() {
      await store.close();
      await storePool.end();
      await keyPool.end();
    },
  };
};
