export { renderPartnerCard, partnerName, MESSAGE_MAX_CHARACTERS, type PartnerCardView } from './partnerCard.js';
export { displayName, isolate, truncateToUnits } from './displayName.js';
export { candidateFromCard } from './candidateFromCard.js';
