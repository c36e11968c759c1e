// How good a candidate is for a viewer, as structured data: each part has a code and its numbers, and the bot
// renders them through the message catalog (`match-part-<code>`). Points per part are bounded so no single part
// dominates; the weights below are the whole policy and are meant to be tuned here only.
import { overlapHours } from '../availability/index.js';
import { FREQUENCIES } from '../communication/index.js';
import { levelIndex, type CefrLevel, type LanguageCode } from '../languages/index.js';
import type { CandidateProfile } from './candidate.js';

export const SCORE_WEIGHTS = {
  /** Full points at OVERLAP_FULL_HOURS shared hours a week. */
  overlap: 30,
  levelFit: 20,
  interests: 20,
  communication: 10,
  activity: 10,
  /** Lost per pending incoming request of the candidate, up to FAIRNESS_MAX_PENDING of them. */
  fairnessPerPending: 3,
} as const;
export const OVERLAP_FULL_HOURS = 10;
/** Shared interests count 1, shared primary interests (primary on either side) 2; full points at 6. */
export const INTERESTS_FULL = 6;
export const ACTIVITY_HORIZON_DAYS = 30;
export const FAIRNESS_MAX_PENDING = 5;

const DAY_MS = 24 * 60 * 60 * 1000;

export const SCORE_PART_CODES = ['overlap_hours', 'level_fit', 'shared_interests', 'communication', 'recent_activity', 'fairness'] as const;
export type ScorePartCode = (typeof SCORE_PART_CODES)[number];

export type ScorePart =
  | { readonly code: 'overlap_hours'; readonly hours: number; readonly points: number }
  | {
      readonly code: 'level_fit';
      /** The best pair: what the viewer learns from the candidate and what the candidate learns from the viewer. */
      readonly viewerLearns: LanguageCode | null;
      readonly viewerLevel: CefrLevel | null;
      readonly candidateLearns: LanguageCode | null;
      readonly candidateLevel: CefrLevel | null;
      readonly points: number;
    }
  | { readonly code: 'shared_interests'; readonly shared: number; readonly sharedPrimary: number; readonly points: number }
  | { readonly code: 'communication'; readonly sharedStyles: number; readonly sameFrequency: boolean; readonly points: number }
  | { readonly code: 'recent_activity'; readonly daysSinceActive: number | null; readonly points: number }
  | { readonly code: 'fairness'; readonly pendingRequests: number; readonly points: number };

export interface MatchScore {
  readonly total: number;
  readonly parts: readonly ScorePart[];
}

/** Points are kept to two decimals so equal inputs give equal, printable totals. */
const round = (value: number): number => Math.round(value * 100) / 100;

const levelFit = (viewer: CandidateProfile, candidate: CandidateProfile): Extract<ScorePart, { code: 'level_fit' }> => {
  // A balanced exchange: both learners at a similar level. 1 at equal levels, 0 at A1 against C2.
  let best: Extract<ScorePart, { code: 'level_fit' }> = {
    code: 'level_fit', viewerLearns: null, viewerLevel: null, candidateLearns: null, candidateLevel: null, points: 0,
  };
  for (const mine of viewer.learning.filter((s) => candidate.native.includes(s.code)))
    for (const theirs of candidate.learning.filter((s) => viewer.native.includes(s.code))) {
      const fit = 1 - Math.abs(levelIndex(mine.level) - levelIndex(theirs.level)) / 5;
      const points = round(fit * SCORE_WEIGHTS.levelFit);
      if (best.viewerLearns === null || points > best.points)
        best = { code: 'level_fit', viewerLearns: mine.code, viewerLevel: mine.level, candidateLearns: theirs.code, candidateLevel: theirs.level, points };
    }
  return best;
};

export const scoreCandidate = (viewer: CandidateProfile, candidate: CandidateProfile, now: Date): MatchScore => {
  const hours = overlapHours(viewer.utcWeekHours, candidate.utcWeekHours);
  const shared = viewer.interests.filter((i) => candidate.interests.includes(i));
  const sharedPrimary = shared.filter((i) => viewer.primaryInterests.includes(i) || candidate.primaryInterests.includes(i)).length;
  const interestValue = Math.min(INTERESTS_FULL, shared.length + sharedPrimary);
  const sharedStyles = viewer.styles.filter((s) => candidate.styles.includes(s)).length;
  const sameFrequency = viewer.frequency !== null && viewer.frequency === candidate.frequency;
  const frequencyGap =
    viewer.frequency === null || candidate.frequency === null
      ? FREQUENCIES.length - 1
      : Math.abs(FREQUENCIES.indexOf(viewer.frequency) - FREQUENCIES.indexOf(candidate.frequency));
  const communication = sharedStyles === 0 ? 0 : 0.6 * Math.min(sharedStyles, 2) / 2 + 0.4 * (1 - frequencyGap / (FREQUENCIES.length - 1));
  const daysSinceActive = candidate.lastActiveAt === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(candidate.lastActiveAt)) / DAY_MS));
  const activity = daysSinceActive === null ? 0 : Math.max(0, 1 - daysSinceActive / ACTIVITY_HORIZON_DAYS);
  const pendingRequests = candidate.pendingIncoming;
  const parts: readonly ScorePart[] = [
    { code: 'overlap_hours', hours, points: round((Math.min(hours, OVERLAP_FULL_HOURS) / OVERLAP_FULL_HOURS) * SCORE_WEIGHTS.overlap) },
    levelFit(viewer, candidate),
    { code: 'shared_interests', shared: shared.length, sharedPrimary, points: round((interestValue / INTERESTS_FULL) * SCORE_WEIGHTS.interests) },
    { code: 'communication', sharedStyles, sameFrequency, points: round(communication * SCORE_WEIGHTS.communication) },
    { code: 'recent_activity', daysSinceActive, points: round(activity * SCORE_WEIGHTS.activity) },
    { code: 'fairness', pendingRequests, points: -round(Math.min(pendingRequests, FAIRNESS_MAX_PENDING) * SCORE_WEIGHTS.fairnessPerPending) },
  ];
  return { total: round(parts.reduce((sum, part) => sum + part.points, 0)), parts };
};
