// A card seen as a matching candidate, for explaining a match when the caller has no ranked score at hand (a request
// card, an accepted partner's card). The read side's card carries no request counts or blocks, so those parts read
// as empty; eligibility is never decided from this, only the explanation.
import { toUtcWeekHours } from '../../../../domain/availability/index.js';
import type { CandidateProfile } from '../../../../domain/matching/index.js';
import type { PartnerCard } from '../../ports/userDirectory.js';

export const candidateFromCard = (card: PartnerCard, now: Date): CandidateProfile => ({
  id: card.id,
  status: card.status,
  profileComplete: true,
  native: card.native,
  learning: card.learning,
  interests: card.interests,
  primaryInterests: card.primaryInterests,
  utcWeekHours: card.availability === null ? [] : toUtcWeekHours(card.availability, now),
  styles: card.styles,
  frequency: card.frequency,
  lastActiveAt: card.lastActiveAt,
  pendingIncoming: 0,
  blocked: [],
  declinedBy: {},
  declined: {},
  openTandemPeers: [],
});
