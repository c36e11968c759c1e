// Public surface of the tandem lifecycle. Its commands and events belong to the user actor (domain/user decide).
// Cross-actor messages are outbox events (CrossActorCommandQueued) returned by decide; the handshake is described
// at the top of decide.ts.
export type * from './commands.js';
export type * from './events.js';
export { PEER_COMMAND_TYPES } from './commands.js';
export * from './types.js';
export * from './rules.js';
export { peerCommandId, queuedCommands, tandemIdFor } from './outbox.js';
export { timersFor, type TimerRequest } from './timers.js';
