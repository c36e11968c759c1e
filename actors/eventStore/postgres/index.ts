// Public surface of the PostgreSQL event store adapter.
export { createPostgresEventStore, type PostgresEventStoreOptions } from './postgresEventStore.js';
export { appendEvents, type AppendEventsOptions, type Queryable } from './appendEvents.js';
export type { GroupCommitOptions } from './groupCommit.js';
export { DEFAULT_SCHEMA, sqlNames, validateSchemaName, type SqlNames } from './constants.js';
export { eventStoreMigrations, type SqlMigration } from './migrations.js';
