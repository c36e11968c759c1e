// How a peer is named in this user's messages: their first name from the read side's card, cleaned and isolated;
// "a learner" while the card is unavailable (not projected yet, or forgotten). Never an id or a username.
import type { UserId } from '../../../../../domain/user/index.js';
import type { PartnerCard, UserActorServices } from '../../../ports/index.js';
import type { Translate } from '../../../reactions/reaction.js';
import { displayName } from '../../cards/displayName.js';

export interface Peer {
  readonly id: UserId;
  readonly name: string;
  readonly card: PartnerCard | null;
}

export const lookUpPeer = async (services: UserActorServices, t: Translate, id: UserId): Promise<Peer> => {
  const card = await services.directory.card(id).catch(() => null);
  return { id, card, name: displayName(card?.firstName ?? null, t('tandem-someone')) };
};

export const lookUpPeers = (services: UserActorServices, t: Translate, ids: readonly UserId[]): Promise<readonly Peer[]> =>
  Promise.all(ids.map((id) => lookUpPeer(services, t, id)));
