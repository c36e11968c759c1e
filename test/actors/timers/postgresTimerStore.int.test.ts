import { createPostgresTimerStore } from '../../../actors/timers/index.js';
import { runMigrations } from '../../../ops/migrations/runMigrations.js';
import { timerMigrationSet } from '../../../ops/migrations/sets.js';
import { createTestSchema } from '../../support/postgres.js';
import { timerStoreContract } from './timerStoreContract.js';

timerStoreContract('postgres', async () => {
  const db = await createTestSchema('timers');
  await runMigrations(db.pool, timerMigrationSet(db.schema));
  return { store: createPostgresTimerStore({ pool: db.pool, schema: db.schema }), cleanup: () => db.drop() };
});
