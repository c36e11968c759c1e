export { candidateFromState, type CandidateProfile } from './candidate.js';
export { INELIGIBILITY_REASONS, MIN_OVERLAP_HOURS, ineligibility, isEligible, teachableLanguages, type IneligibilityReason } from './eligibility.js';
export {
  ACTIVITY_HORIZON_DAYS,
  FAIRNESS_MAX_PENDING,
  INTERESTS_FULL,
  OVERLAP_FULL_HOURS,
  SCORE_PART_CODES,
  SCORE_WEIGHTS,
  scoreCandidate,
  type MatchScore,
  type ScorePart,
  type ScorePartCode,
} from './score.js';
export { compareRanked, compareUserIds, topN, type RankedCandidate } from './topN.js';
