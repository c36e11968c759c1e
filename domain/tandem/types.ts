// One tandem as one side sees it. Both users' states hold a record with the same id; the two records are kept in
// step by cross-actor commands (see decide.ts for the handshake).
import type { UserId } from '../user/ids.js';

/** Derived from the requester's command id, so both sides and every redelivery agree on it. */
export type TandemId = string;

export const TANDEM_ROLES = ['requester', 'target'] as const;
export type TandemRole = (typeof TANDEM_ROLES)[number];

/**
 * requested → accepted (target side only, waiting for the requester's confirmation) → active → ended;
 * requested → declined | expired | cancelled | rejected (the target's actor refused it on arrival; both sides
 * keep a `rejected` record, except a target that never started or was forgotten).
 * "rated" is not a status: each side's rating is recorded on the ended record.
 */
export const TANDEM_STATUSES = ['requested', 'accepted', 'active', 'ended', 'declined', 'expired', 'cancelled', 'rejected'] as const;
export type TandemStatus = (typeof TANDEM_STATUSES)[number];

export const OPEN_STATUSES: readonly TandemStatus[] = ['requested', 'accepted', 'active'];
export const PENDING_STATUSES: readonly TandemStatus[] = ['requested', 'accepted'];
export const isOpen = (status: TandemStatus): boolean => OPEN_STATUSES.includes(status);
export const isPending = (status: TandemStatus): boolean => PENDING_STATUSES.includes(status);

/** How partners talk: they see each other's @username, or the bot relays messages (a side has no username). */
export const TANDEM_CHANNELS = ['contact', 'relay'] as const;
export type TandemChannel = (typeof TANDEM_CHANNELS)[number];

export const DECLINE_REASONS = ['no_time', 'language_mismatch', 'level_mismatch', 'interests_mismatch', 'schedule_mismatch', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/**
 * Why a record closed (cancelled, expired or ended), from this side's point of view. A side never learns that the
 * other blocked, was banned or left: it sees `by_peer` (the other withdrew) or `peer_unavailable`.
 */
export const CLOSE_REASONS = ['by_user', 'by_peer', 'peer_unavailable', 'blocked', 'banned', 'forgotten'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
/** What the peer is told when this side closes a tandem for the given reason. */
export const peerCloseReason = (reason: CloseReason): 'by_peer' | 'peer_unavailable' =>
  reason === 'banned' || reason === 'forgotten' ? 'peer_unavailable' : 'by_peer';

/** Why a target's actor refused a request on arrival (recorded in the target's own stream, never sent as such). */
export const REFUSAL_CAUSES = ['not_started', 'forgotten', 'banned', 'not_active', 'blocked', 'declined_recently', 'tandem_exists'] as const;
export type RefusalCause = (typeof REFUSAL_CAUSES)[number];
/** What the requester learns: a block, a ban or a pause all read as "unavailable". */
export const REJECT_REASONS = ['unavailable', 'declined_recently'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const rejectReasonFor = (cause: RefusalCause): RejectReason =>
  cause === 'declined_recently' ? 'declined_recently' : 'unavailable';

export interface TandemRecord {
  readonly id: TandemId;
  readonly peer: UserId;
  readonly role: TandemRole;
  readonly status: TandemStatus;
  readonly requestedAt: string;
  readonly updatedAt: string;
  readonly channel: TandemChannel | null;
  readonly closeReason: CloseReason | null;
  readonly declineReason: DeclineReason | null;
  readonly rejectReason: RejectReason | null;
  /** The rating this side gave (1–5) once the tandem ended, and the one it received. */
  readonly ratingGiven: number | null;
  readonly ratingReceived: number | null;
}
