import { describe } from 'vitest';
import { createPostgresKeyStore } from '../../../actors/keys/index.js';
import { runMigrations } from '../../../ops/migrations/runMigrations.js';
import { keyMigrationSet } from '../../../ops/migrations/sets.js';
import { createTestSchema } from '../../support/postgres.js';
import { keyStoreContract } from './keyStoreContract.js';

describe('postgres key store', () => {
  keyStoreContract(async () => {
    const test = await createTestSchema('keys');
    await runMigrations(test.pool, keyMigrationSet(test.schema));
    const keys = createPostgresKeyStore({ pool: test.pool, schema: test.schema });
    return {
      keys,
      async cleanup() {
        await keys.close();
        await test.drop();
      },
    };
  });
});
