// Closing tandems from this side: the record's own event plus the CloseTandem the peer needs. Used by cancel, end
// and expire, and by block, ban and forget, which close every open tandem with the peer (or with everyone) at once,
// so no request survives a block on either side.
import { eventBase, type CommandMeta, type UserId } from '../user/ids.js';
import type { UserState } from '../user/state.js';
import type { TandemEvent } from './events.js';
import { peerCommandId, queued } from './outbox.js';
import { isOpen, peerCloseReason, type CloseReason, type TandemRecord } from './types.js';

export const closeTandem = (
  self: UserId,
  record: TandemRecord,
  reason: CloseReason,
  meta: CommandMeta,
  expired = false,
): readonly TandemEvent[] => {
  const base = { ...eventBase(meta), requestId: record.id };
  const own: TandemEvent =
    record.status === 'active'
      ? { type: 'TandemEnded', data: { ...base, reason } }
      : expired
        ? { type: 'PartnerRequestExpired', data: base }
        : { type: 'PartnerRequestCancelled', data: { ...base, reason } };
  return [
    own,
    queued(meta, record.peer, peerCommandId(record.id, 'close', record.role), {
      type: 'CloseTandem',
      data: { from: self, requestId: record.id, expired, reason: peerCloseReason(reason) },
    }),
  ];
};

/** Closes every open tandem (with `peer` only, when given). */
export const closeOpenTandems = (
  state: UserState,
  self: UserId,
  reason: CloseReason,
  meta: CommandMeta,
  peer?: UserId,
): readonly TandemEvent[] =>
  state.tandems
    .filter((t) => isOpen(t.status) && (peer === undefined || t.peer === peer))
    .flatMap((t) => closeTandem(self, t, reason, meta));
