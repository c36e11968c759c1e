// A partner's card as text, for request cards and the tandem start. Shows what the partner chose to share (name,
// languages, interests, bio), never an id, a phone number or a username (the username travels separately, and only
// on the contact channel).
import { levelKey } from '../../../../../domain/i18n/index.js';
import { interestKey } from '../../../../../domain/i18n/keys.js';
import { languageName } from '../../../../../domain/languages/index.js';
import type { Translate } from '../../../reactions/reaction.js';
import type { Peer } from './peerNames.js';

const BIO_MAX = 500;

export const partnerCardText = (peer: Peer, t: Translate, locale: string): string => {
  const { card } = peer;
  if (card === null) return `${peer.name}\n${t('tandem-card-unavailable')}`;
  const lines = [peer.name];
  if (card.native.length > 0) lines.push(t('tandem-card-native', { languages: card.native.map((code) => languageName(code, locale)).join(', ') }));
  if (card.learning.length > 0) {
    const learning = card.learning.map((skill) => `${languageName(skill.code, locale)} (${t(levelKey(skill.level))})`).join(', ');
    lines.push(t('tandem-card-learning', { languages: learning }));
  }
  if (card.interests.length > 0) lines.push(t('tandem-card-interests', { interests: card.interests.map((id) => t(interestKey(id))).join(', ') }));
  if (card.bio !== '') lines.push(t('tandem-card-bio', { bio: card.bio.length > BIO_MAX ? `${card.bio.slice(0, BIO_MAX)}…` : card.bio }));
  return lines.join('\n');
};
