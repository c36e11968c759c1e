// Public surface of durable timers: the store port, both adapters, their migrations and the poller.
export type * from './types.js';
export { TimerError, validateTimer } from './types.js';
export { createMemoryTimerStore } from './memoryTimerStore.js';
export { createPostgresTimerStore, type PostgresTimerStoreOptions } from './postgres/postgresTimerStore.js';
export { timerMigrations, type TimerMigration } from './postgres/migrations.js';
export { DEFAULT_TIMER_SCHEMA, timerSqlNames, type TimerSqlNames } from './postgres/names.js';
export { createTimerPoller, type TimerPoller, type TimerPollerObserver, type TimerPollerOptions } from './timerPoller.js';
export { targetPartition } from './mailboxTarget.js';
