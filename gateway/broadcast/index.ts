// Public surface of the broadcast runner (issue #6, point 7): delivery of admins' broadcasts.
export { createBroadcastRunner, type BroadcastRunner, type BroadcastRunnerOptions, type Translate } from './broadcastRunner.js';
export { createPostgresBroadcastStore, type BroadcastRow, type BroadcastStore } from './broadcastStore.js';
export { broadcastMigrations, type BroadcastMigration } from './migrations.js';
export { DEFAULT_BROADCAST_SCHEMA, RECIPIENT_STATUSES } from './names.js';
