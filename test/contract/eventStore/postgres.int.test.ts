import { createPostgresEventStore, sqlNames } from '../../../actors/eventStore/postgres/index.js';
import { runMigrations } from '../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet } from '../../../ops/migrations/sets.js';
import { createTestSchema, TEST_DATABASE_URL } from '../../support/postgres.js';
import { settle } from '../../support/settlePostgres.js';
import { describeEventStoreContract } from './eventStoreContract.js';
import { appendWithCommitDelayOn } from './postgresCommitDelay.js';

describeEventStoreContract(
  'postgres',
  async () => {
    const test = await createTestSchema('es');
    await runMigrations(test.pool, eventStoreMigrationSet(test.schema));
    const names = sqlNames(test.schema);
    const store = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: test.schema, poolSize: 16 });
    return {
      store,
      appendWithCommitDelay: appendWithCommitDelayOn(test.pool, names),
      settle: () => settle(test.pool),
      async cleanup() {
        await store.close();
        await test.drop();
      },
    };
  },
  { propertyRuns: 15 },
);
