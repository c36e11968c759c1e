// A partner's card as text, for request cards and the tandem start: the shared card renderer (../../cards) when the
// read side has the partner's card, else their name and a note that the card is not available yet. Never an id or
// a phone number; the @username travels separately, and only on the contact channel.
import type { UserState } from '../../../../../domain/user/index.js';
import type { Translate } from '../../../reactions/reaction.js';
import { renderPartnerCard } from '../../cards/index.js';
import type { PeerRefOf } from '../../peerRef.js';
import type { Peer } from './peerNames.js';

/** Who looks at the card: their language and time zone shape it. */
export interface CardViewer {
  readonly t: Translate;
  readonly locale: string;
  readonly state: UserState;
  readonly now: Date;
  /** How this viewer's buttons name a peer (bot/peerRef.ts): never the peer's Telegram id. */
  readonly ref: PeerRefOf;
}

export const partnerCardText = (peer: Peer, viewer: CardViewer, heading: string | null, explainMatch: boolean): string => {
  const { card } = peer;
  const lines = heading === null ? [] : [heading, ''];
  if (card === null) return [...lines, peer.name, viewer.t('tandem-card-unavailable')].join('\n');
  return renderPartnerCard({
    card,
    viewer: viewer.state,
    locale: viewer.locale,
    t: viewer.t,
    now: viewer.now,
    ...(explainMatch ? {} : { score: null }),
    ...(heading === null ? {} : { heading }),
  });
};
