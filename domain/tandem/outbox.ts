// Building outbox events. Every queued command id is derived from the tandem id and the transition (plus the
// sending side for transitions both sides can make), so a redelivered decision queues the same id, and the receiver
// drops the duplicate (Guarantee 2). Each transition happens at most once per side per tandem, so ids never collide.
import { eventBase, type CommandMeta, type UserId } from '../user/ids.js';
import type { QueuedPeerCommand } from './commands.js';
import type { CrossActorCommandQueued } from './events.js';
import type { TandemId, TandemRole } from './types.js';

export type Transition = 'request' | 'reject' | 'accept' | 'decline' | 'activate' | 'close' | 'rating';

export const peerCommandId = (requestId: TandemId, transition: Transition, side?: TandemRole): string =>
  side === undefined ? `${requestId}:${transition}` : `${requestId}:${transition}:${side}`;

/** The tandem id a RequestPartner command creates. */
export const tandemIdFor = (commandId: string): TandemId => `tandem:${commandId}`;

export const queued = (meta: CommandMeta, target: UserId, commandId: string, command: QueuedPeerCommand): CrossActorCommandQueued => ({
  type: 'CrossActorCommandQueued',
  data: { ...eventBase(meta), commandId, target, command },
});

/** The outbox of a decision or a stretch of the log, as the dispatcher sends it. */
export const queuedCommands = (events: readonly { readonly type: string; readonly data: unknown }[]): readonly CrossActorCommandQueued['data'][] =>
  events.flatMap((event) => (event.type === 'CrossActorCommandQueued' ? [(event as CrossActorCommandQueued).data] : []));
