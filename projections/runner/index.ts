// Public surface of the projection runner.
export { createProjectionRunner, type ProjectionRunner, type ProjectionRunnerOptions, type RunnerRole, type RunnerStatus } from './runner.js';
export { createLease, DEFAULT_LEASE_TTL_MS, type Lease, type LeaseOptions } from './lease.js';
export { createDeadLetterStore, type DeadLetter, type DeadLetterStore } from './deadLetters.js';
export { registerProjectionMetrics } from './metrics.js';
export { runnerMigrations } from './migrations.js';
export { DEFAULT_RUNNER_SCHEMA, runnerTables, validateRunnerSchema, type RunnerTables } from './names.js';
export { CheckpointMovedError, type ApplyResult, type EventFailure, type FailureMode, type ProjectionTarget } from './types.js';
