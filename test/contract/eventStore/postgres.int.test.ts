import { appendEvents, createPostgresEventStore, sqlNames } from '../../../actors/eventStore/postgres/index.js';
import type { AppendOutcome } from '../../../actors/eventStore/types.js';
import { runMigrations } from '../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet } from '../../../ops/migrations/sets.js';
import { createTestSchema, TEST_DATABASE_URL } from '../../support/postgres.js';
import { settle } from '../../support/settlePostgres.js';
import { describeEventStoreContract } from './eventStoreContract.js';
import { sleep } from './harness.js';

describeEventStoreContract(
  'postgres',
  async () => {
    const test = await createTestSchema('es');
    await runMigrations(test.pool, eventStoreMigrationSet(test.schema));
    const names = sqlNames(test.schema);
    const store = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: test.schema, poolSize: 16 });
    return {
      store,
      // Append inside an open transaction and commit later, so transactions commit in another order than
      // they took their ids and positions: the case a reader by position alone gets wrong.
      async appendWithCommitDelay(request, delayMs): Promise<AppendOutcome> {
        const client = await test.pool.connect();
        try {
          await client.query('begin');
          const [outcome] = await appendEvents(client, names, [request]);
          await sleep(delayMs);
          await client.query('commit');
          // The store notifies after its own appends; this one bypassed it, so wake listeners the same way.
          await client.query('select pg_notify($1, $2)', [names.channel, '']);
          if (outcome === undefined) throw new Error('appendEvents returned no outcome');
          return outcome;
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      settle: () => settle(test.pool),
      async cleanup() {
        await store.close();
        await test.drop();
      },
    };
  },
  { propertyRuns: 15 },
);
