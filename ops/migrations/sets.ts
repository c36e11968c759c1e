// The migration sets `lexbot ops migrate` applies. Read-model migrations join here as their own set.
import { DEFAULT_SCHEMA, eventStoreMigrations } from '../../actors/eventStore/postgres/index.js';
import { DEFAULT_TIMER_SCHEMA, timerMigrations } from '../../actors/timers/index.js';
import { DEFAULT_DISPATCHER_SCHEMA, dispatcherMigrations } from '../../gateway/dispatcher/index.js';
import type { MigrationSet } from './runMigrations.js';

export const eventStoreMigrationSet = (schema: string = DEFAULT_SCHEMA): MigrationSet => ({
  name: 'eventstore',
  schema,
  migrations: eventStoreMigrations(schema),
});

export const dispatcherMigrationSet = (schema: string = DEFAULT_DISPATCHER_SCHEMA): MigrationSet => ({
  name: 'dispatcher',
  schema,
  migrations: dispatcherMigrations(schema),
});

export const timerMigrationSet = (schema: string = DEFAULT_TIMER_SCHEMA): MigrationSet => ({
  name: 'timers',
  schema,
  migrations: timerMigrations(schema),
});
