// Public surface of the per-user key store (Guarantee 7): the port, both adapters and the Postgres migrations.
export type * from './types.js';
export { checkOwner, KEY_BYTES, KeyStoreError } from './types.js';
export { createMemoryKeyStore, type MemoryKeyStoreOptions } from './memoryKeyStore.js';
export { createPostgresKeyStore, type PostgresKeyStoreOptions } from './postgres/postgresKeyStore.js';
export { keyMigrations, type KeyMigration } from './postgres/migrations.js';
export { DEFAULT_KEY_SCHEMA, keySqlNames, type KeySqlNames } from './postgres/names.js';
