// The event store a replay reads, described by plain values so each fold worker thread can open its own: the log
// (PostgreSQL or KurrentDB) behind the crypto-shredding wrapper, as the live projector reads it, so forgotten users'
// fields come out redacted and a rebuild equals the live tables. Without a key database (benchmarks of unsealed
// logs) the log is read as stored.
import { createEncryptedEventStore } from '../../actors/eventStore/encrypted/index.js';
import { createKurrentDbEventStore } from '../../actors/eventStore/kurrentdb/index.js';
import { createPostgresEventStore } from '../../actors/eventStore/postgres/index.js';
import type { EventStore } from '../../actors/eventStore/types.js';
import { createPostgresKeyStore } from '../../actors/keys/index.js';

export interface ReplayStoreSpec {
  readonly eventStoreUrl: string;
  /** Schema of the PostgreSQL event store (ignored for KurrentDB). */
  readonly eventStoreSchema: string;
  /** Database of the users' keys; null reads the log without opening sealed events. */
  readonly keysDatabaseUrl: string | null;
}

export const isPostgresLog = (spec: ReplayStoreSpec): boolean => /^postgres(ql)?:\/\//.test(spec.eventStoreUrl);

/** The log of `spec`, or `log` (a fed thread's pages) behind the same wrapper. */
export const openReplayStore = (spec: ReplayStoreSpec, fed?: EventStore): EventStore => {
  const log = fed ?? (isPostgresLog(spec)
    ? createPostgresEventStore({ connectionString: spec.eventStoreUrl, schema: spec.eventStoreSchema, listen: false, notify: false, poolSize: 4 })
    : createKurrentDbEventStore({ connectionString: spec.eventStoreUrl }));
  if (spec.keysDatabaseUrl === null) return log;
  const keys = createPostgresKeyStore({ connectionString: spec.keysDatabaseUrl });
  const store = createEncryptedEventStore({ store: log, keys });
  return {
    ...store,
    async close() {
      try {
        await store.close();
      } finally {
        await keys.close();
      }
    },
  };
};
