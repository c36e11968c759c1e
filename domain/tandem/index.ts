// Public surface of the tandem lifecycle. Its commands and events belong to the user actor (domain/user decide).
export type * from './commands.js';
export type * from './events.js';
export { PEER_COMMAND_TYPES } from './commands.js';
export * from './types.js';
export * from './rules.js';
export { peerCommandId, tandemIdFor } from './outbox.js';
