// Buttons name other users by a reference, never by their Telegram id: callback data reaches the user's client,
// where a modified client could read it, and the bot promises never to reveal an id. A reference is an HMAC of
// (viewer, peer) under the bot token, so it means nothing elsewhere and cannot be turned back into an id by
// guessing; the viewer's own actor resolves it among the peers its state knows (tandems, blocks, the search on
// screen, a report in progress). A reference no longer among them is a stale button.
import { createHmac } from 'node:crypto';
import type { UserId, UserState } from '../../../domain/user/index.js';
import { browsingOf } from './handlers/find/browsing.js';

/** 16 base64url characters (96 bits): far below the 64-byte limit of callback data, and never a ':'. */
const REF_LENGTH = 16;

export const peerRef = (secret: string, viewer: UserId, peer: UserId): string =>
  createHmac('sha256', secret).update(`${viewer}>${peer}`).digest('base64url').slice(0, REF_LENGTH);

/** Every peer a button of this user may name. */
export const knownPeers = (state: UserState): readonly UserId[] => {
  const browsing = browsingOf(state.dialog);
  const inDialog = typeof state.dialog?.data.target === 'string' ? [state.dialog.data.target] : [];
  return [...new Set([...state.tandems.map((t) => t.peer), ...state.blocked, ...(browsing.current === null ? [] : [browsing.current]), ...browsing.skipped, ...inDialog])];
};

export const resolvePeerRef = (secret: string, state: UserState, ref: string | undefined): UserId | null => {
  if (ref === undefined || state.userId === null) return null;
  const viewer = state.userId;
  return knownPeers(state).find((peer) => peerRef(secret, viewer, peer) === ref) ?? null;
};

/** A reference maker for one viewer, for renderers that have no grammY context (reactions). */
export type PeerRefOf = (peer: UserId) => string;

export const peerRefsFor = (secret: string, viewer: UserId): PeerRefOf => (peer) => peerRef(secret, viewer, peer);
