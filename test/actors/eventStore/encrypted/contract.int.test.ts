// The event store contract, run on the crypto-shredding wrapper over PostgreSQL with the Postgres key store.
import { createEncryptedEventStore } from '../../../../actors/eventStore/encrypted/index.js';
import { createPostgresEventStore, sqlNames } from '../../../../actors/eventStore/postgres/index.js';
import { createPostgresKeyStore } from '../../../../actors/keys/index.js';
import { runMigrations } from '../../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet, keyMigrationSet } from '../../../../ops/migrations/sets.js';
import { createTestSchema, TEST_DATABASE_URL } from '../../../support/postgres.js';
import { settle } from '../../../support/settlePostgres.js';
import { describeEventStoreContract } from '../../../contract/eventStore/eventStoreContract.js';
import { appendWithCommitDelayOn } from '../../../contract/eventStore/postgresCommitDelay.js';

describeEventStoreContract(
  'encrypted over postgres',
  async () => {
    const test = await createTestSchema('ees');
    await runMigrations(test.pool, eventStoreMigrationSet(test.schema));
    const keySchema = await createTestSchema('eek');
    await runMigrations(keySchema.pool, keyMigrationSet(keySchema.schema));
    const names = sqlNames(test.schema);
    const inner = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: test.schema, poolSize: 16 });
    const keys = createPostgresKeyStore({ pool: keySchema.pool, schema: keySchema.schema });
    const store = createEncryptedEventStore({ store: inner, keys });
    return {
      store,
      // Commits held open below the wrapper, as the plain Postgres contract does (these events hold nothing personal).
      appendWithCommitDelay: appendWithCommitDelayOn(test.pool, names),
      settle: () => settle(test.pool),
      async cleanup() {
        await store.close();
        await keys.close();
        await keySchema.drop();
        await test.drop();
      },
    };
  },
  { propertyRuns: 10 },
);
