// Public surface of the outbound dispatcher: the dispatcher, its ports and their adapters, the Telegram client with
// throttling and 429 retries, the lease that keeps one dispatcher active, and the dispatcher's migrations.
export type * from './types.js';
export { createDispatcher, type Dispatcher, type DispatcherOptions, type DispatcherStatus } from './dispatcher.js';
export type { CommittedAppend } from './handOff.js';
export { createDispatcherMetrics, noDispatcherMetrics, type DispatcherMetrics, type DispatcherMetricsOptions } from './metrics.js';
export { createTelegramApi, createTelegramCaller, telegramCallerFromApi, type TelegramCallerOptions } from './telegramCaller.js';
export { createUndiciFetch, type BotApiFetch, type UndiciFetch, type UndiciFetchOptions } from './undiciFetch.js';
export { classifyFailure, type Failure } from './classifyFailure.js';
export { createMemoryDispatcherState, type MemoryDispatcherState } from './state/memoryDispatcherState.js';
export { createPostgresDispatcherState, type PostgresDispatcherStateOptions } from './state/postgresDispatcherState.js';
export { dispatcherMigrations, type DispatcherMigration } from './state/migrations.js';
export { DEFAULT_DISPATCHER_SCHEMA, dispatcherSqlNames } from './state/names.js';
export { createPostgresLease, type PostgresLeaseOptions } from './lease/postgresLease.js';
export { createLocalLease, type LocalLease } from './lease/localLease.js';
export { runSingleActive, type Runnable, type SingleActive } from './singleActive.js';
export { timerPollerObserver } from './timerPollerObserver.js';
export { createDispatcherRole, type DispatcherRole, type DispatcherRoleOptions } from './dispatcherRole.js';
