// Tandem commands. Two families:
// - TandemCommand: what a user (or the runtime's timer) asks their own actor to do;
// - PeerCommand: what one user's actor asks the other's, queued as a CrossActorCommandQueued event in the sender's
//   stream (the outbox, Guarantee 6) and delivered by the dispatcher to the target's mailbox with the queued
//   commandId as its meta.commandId. `from` is the sending user; the receiver only acts when it matches the peer
//   of the record, so one user cannot steer another's tandem with someone else.
import type { CommandMeta, UserId } from '../user/ids.js';
import type { DeclineReason, RejectReason, TandemChannel, TandemId } from './types.js';

type Command<Type extends string, Data> = { readonly type: Type; readonly data: Data; readonly meta: CommandMeta };

export type RequestPartner = Command<'RequestPartner', { readonly target: UserId }>;
export type CancelRequest = Command<'CancelRequest', { readonly requestId: TandemId }>;
export type AcceptRequest = Command<'AcceptRequest', { readonly requestId: TandemId }>;
export type DeclineRequest = Command<'DeclineRequest', { readonly requestId: TandemId; readonly reason: DeclineReason | null }>;
/** Sent by the runtime's timer at (or after) the request's expiry time, to either side. */
export type ExpireRequest = Command<'ExpireRequest', { readonly requestId: TandemId }>;
export type EndTandem = Command<'EndTandem', { readonly requestId: TandemId }>;
export type RateTandem = Command<'RateTandem', { readonly requestId: TandemId; readonly rating: number; readonly comment: string | null }>;

export type TandemCommand = RequestPartner | CancelRequest | AcceptRequest | DeclineRequest | ExpireRequest | EndTandem | RateTandem;

type PeerData<Data> = { readonly from: UserId; readonly requestId: TandemId } & Data;

/** requester → target: here is a request; the target records it or refuses it (`to` names the target, whose
 * actor may have no state yet). */
export type ReceivePartnerRequest = Command<'ReceivePartnerRequest', PeerData<{ readonly to: UserId }>>;
/** target → requester: refused on arrival. */
export type RejectPartnerRequest = Command<'RejectPartnerRequest', PeerData<{ readonly reason: RejectReason }>>;
/** target → requester: the target accepted; the requester starts the tandem (or ignores it if it closed meanwhile). */
export type ConfirmAcceptance = Command<'ConfirmAcceptance', PeerData<{ readonly peerHasUsername: boolean }>>;
/** target → requester: the target declined. */
export type NotifyDeclined = Command<'NotifyDeclined', PeerData<{ readonly reason: DeclineReason | null }>>;
/** requester → target: the tandem is on, through this channel. */
export type ActivateTandem = Command<'ActivateTandem', PeerData<{ readonly channel: TandemChannel }>>;
/** either way: the sender closed its record (cancelled, expired, ended, blocked, banned, forgotten). */
export type CloseTandem = Command<'CloseTandem', PeerData<{ readonly expired: boolean; readonly reason: 'by_peer' | 'peer_unavailable' }>>;
/** either way: the sender rated this side. */
export type ReceiveRating = Command<'ReceiveRating', PeerData<{ readonly rating: number }>>;

export type PeerCommand =
  | ReceivePartnerRequest
  | RejectPartnerRequest
  | ConfirmAcceptance
  | NotifyDeclined
  | ActivateTandem
  | CloseTandem
  | ReceiveRating;

export type PeerCommandType = PeerCommand['type'];
export const PEER_COMMAND_TYPES = [
  'ReceivePartnerRequest',
  'RejectPartnerRequest',
  'ConfirmAcceptance',
  'NotifyDeclined',
  'ActivateTandem',
  'CloseTandem',
  'ReceiveRating',
] as const satisfies readonly PeerCommandType[];

/** A peer command as stored in the outbox: no meta (the dispatcher adds the delivery time and the commandId). */
export type QueuedPeerCommand = { [C in PeerCommand as C['type']]: { readonly type: C['type']; readonly data: C['data'] } }[PeerCommandType];
