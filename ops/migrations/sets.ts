// The migration sets `lexbot ops migrate` applies. Read-model migrations join here as their own set.
import { DEFAULT_SCHEMA, eventStoreMigrations } from '../../actors/eventStore/postgres/index.js';
import type { MigrationSet } from './runMigrations.js';

export const eventStoreMigrationSet = (schema: string = DEFAULT_SCHEMA): MigrationSet => ({
  name: 'eventstore',
  schema,
  migrations: eventStoreMigrations(schema),
});
