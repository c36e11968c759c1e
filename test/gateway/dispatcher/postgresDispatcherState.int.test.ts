import { createPostgresDispatcherState } from '../../../gateway/dispatcher/index.js';
import { runMigrations } from '../../../ops/migrations/runMigrations.js';
import { dispatcherMigrationSet } from '../../../ops/migrations/sets.js';
import { createTestSchema } from '../../support/postgres.js';
import { dispatcherStateContract } from './dispatcherStateContract.js';

dispatcherStateContract('postgres', async () => {
  const db = await createTestSchema('dstate');
  await runMigrations(db.pool, dispatcherMigrationSet(db.schema));
  const open = () => createPostgresDispatcherState({ pool: db.pool, schema: db.schema });
  return { state: open(), reopen: open, cleanup: () => db.drop() };
});
