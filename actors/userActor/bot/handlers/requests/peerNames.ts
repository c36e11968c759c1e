// How a peer is named in this user's messages: their first name from the read side's card, cleaned and isolated;
// the catalog's missing-name text while the card is unavailable (not projected yet, or forgotten). Never an id or a username.
import type { UserId } from '../../../../../domain/user/index.js';
import type { PartnerCard, UserActorServices } from '../../../ports/index.js';
import type { Translate } from '../../../reactions/reaction.js';
import type { BotContext } from '../../context.js';
import { localeOf } from '../../createUserBot.js';
import { partnerName } from '../../cards/index.js';
import type { CardViewer } from './partnerCardText.js';
import { peerRefsFor } from '../../peerRef.js';

export interface Peer {
  readonly id: UserId;
  readonly name: string;
  readonly card: PartnerCard | null;
}

export const lookUpPeer = async (services: UserActorServices, t: Translate, id: UserId): Promise<Peer> => {
  const card = await services.directory.card(id).catch(() => null);
  return { id, card, name: partnerName({ firstName: card?.firstName ?? '' }, t) };
};

/** The user of this update as the viewer of a card. */
export const viewerOf = (ctx: BotContext): CardViewer => ({
  t: ctx.t,
  locale: localeOf(ctx.actor.state, ctx.from?.language_code),
  state: ctx.actor.state,
  now: ctx.actor.now,
  ref: peerRefsFor(ctx.api.token, ctx.actor.userId),
});

export const lookUpPeers = (services: UserActorServices, t: Translate, ids: readonly UserId[]): Promise<readonly Peer[]> =>
  Promise.all(ids.map((id) => lookUpPeer(services, t, id)));
