// The migration sets `lexbot ops migrate` applies. Read-model migrations join here as their own set.
import { DEFAULT_SCHEMA, eventStoreMigrations } from '../../actors/eventStore/postgres/index.js';
import { DEFAULT_TIMER_SCHEMA, timerMigrations } from '../../actors/timers/index.js';
import { DEFAULT_KEY_SCHEMA, keyMigrations } from '../../actors/keys/index.js';
import { DEFAULT_DISPATCHER_SCHEMA, dispatcherMigrations } from '../../gateway/dispatcher/index.js';
import { DEFAULT_PARTITIONS, DEFAULT_READ_MODEL_SCHEMA, readModelMigrations } from '../../projections/readModels/index.js';
import { DEFAULT_RUNNER_SCHEMA, runnerMigrations } from '../../projections/runner/index.js';
import { broadcastMigrations, DEFAULT_BROADCAST_SCHEMA } from '../../gateway/broadcast/index.js';
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

export const readModelMigrationSet = (schema: string = DEFAULT_READ_MODEL_SCHEMA, partitions: number = DEFAULT_PARTITIONS): MigrationSet => ({
  name: 'read_models',
  schema,
  migrations: readModelMigrations(schema, partitions),
});

export const projectorMigrationSet = (schema: string = DEFAULT_RUNNER_SCHEMA): MigrationSet => ({
  name: 'projector',
  schema,
  migrations: runnerMigrations(schema),
});

/** The per-user keys of personal data (Guarantee 7), beside the read side in DATABASE_URL, outside the event log. */
export const keyMigrationSet = (schema: string = DEFAULT_KEY_SCHEMA): MigrationSet => ({
  name: 'keys',
  schema,
  migrations: keyMigrations(schema),
});

export const broadcastMigrationSet = (schema: string = DEFAULT_BROADCAST_SCHEMA): MigrationSet => ({
  name: 'broadcast',
  schema,
  migrations: broadcastMigrations(schema),
});
