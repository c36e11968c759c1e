// Tandem events, recorded in each side's own stream. Both sides use the same types; the record's role says which
// side this is (PartnerRequested is the requester's, PartnerRequestReceived the target's).
import type { EventBase, UserId } from '../user/ids.js';
import type { QueuedPeerCommand } from './commands.js';
import type { QueuedAdminCommand } from '../user/commands.js';
import type { CloseReason, DeclineReason, RefusalCause, RejectReason, TandemChannel, TandemId } from './types.js';

type Event<Type extends string, Data> = { readonly type: Type; readonly data: Data & EventBase };
type ById<Data = object> = { readonly requestId: TandemId } & Data;

export type PartnerRequested = Event<'PartnerRequested', ById<{ readonly peer: UserId }>>;
export type PartnerRequestReceived = Event<'PartnerRequestReceived', ById<{ readonly peer: UserId }>>;
/** Target side: refused on arrival; kept as a closed (`rejected`) record; the cause stays in this stream only. */
export type PartnerRequestRefused = Event<'PartnerRequestRefused', ById<{ readonly peer: UserId; readonly cause: RefusalCause }>>;
/** Requester side: the target's actor refused it. */
export type PartnerRequestRejected = Event<'PartnerRequestRejected', ById<{ readonly reason: RejectReason }>>;
export type PartnerRequestAccepted = Event<'PartnerRequestAccepted', ById>;
export type PartnerRequestDeclined = Event<'PartnerRequestDeclined', ById<{ readonly reason: DeclineReason | null }>>;
export type PartnerRequestCancelled = Event<'PartnerRequestCancelled', ById<{ readonly reason: CloseReason }>>;
export type PartnerRequestExpired = Event<'PartnerRequestExpired', ById>;
export type TandemStarted = Event<'TandemStarted', ById<{ readonly channel: TandemChannel }>>;
export type TandemEnded = Event<'TandemEnded', ById<{ readonly reason: CloseReason }>>;
export type TandemRated = Event<'TandemRated', ById<{ readonly rating: number; readonly comment: string | null }>>;
export type TandemRatingReceived = Event<'TandemRatingReceived', ById<{ readonly rating: number }>>;
/**
 * The outbox: a command for another user's actor, committed with the events that cause it (Guarantee 6). The
 * dispatcher delivers `command` to `target` with meta.commandId = `commandId`, which is derived from the tandem id
 * and the transition, so a redelivered decision queues the same id and the receiver applies it once (Guarantee 2).
 */
export type CrossActorCommandQueued = Event<
  'CrossActorCommandQueued',
  // An admin's ban or unban (domain/user/decideModeration.ts) travels the same way.
  { readonly commandId: string; readonly target: UserId; readonly command: QueuedPeerCommand | QueuedAdminCommand }
>;

export type TandemEvent =
  | PartnerRequested
  | PartnerRequestReceived
  | PartnerRequestRefused
  | PartnerRequestRejected
  | PartnerRequestAccepted
  | PartnerRequestDeclined
  | PartnerRequestCancelled
  | PartnerRequestExpired
  | TandemStarted
  | TandemEnded
  | TandemRated
  | TandemRatingReceived
  | CrossActorCommandQueued;
