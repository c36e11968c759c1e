// The arguments of a match score's explanation lines (`match-part-<code>`). Fluent takes strings and numbers only,
// so the parts' nulls and booleans become selector words here, and language codes become names in the viewer's
// interface language; the catalog test checks each message uses exactly the variables listed below.
import { languageName, type LanguageCode } from '../languages/index.js';
import type { ScorePart, ScorePartCode } from '../matching/index.js';
import type { Locale } from './locales.js';

export const SCORE_PART_VARIABLES = {
  overlap_hours: ['hours', 'points'],
  /** `fit` is `pair` when both sides teach each other a language, `none` otherwise (the names are then empty). */
  level_fit: ['fit', 'viewerLearns', 'viewerLevel', 'candidateLearns', 'candidateLevel', 'points'],
  shared_interests: ['shared', 'sharedPrimary', 'points'],
  /** `sameFrequency` is `yes` or `no`. */
  communication: ['sharedStyles', 'sameFrequency', 'points'],
  /** `activity` is `never` (no activity known), `today` or `recent` (then `daysSinceActive` days ago). */
  recent_activity: ['activity', 'daysSinceActive', 'points'],
  fairness: ['pendingRequests', 'points'],
} as const satisfies Readonly<Record<ScorePartCode, readonly string[]>>;

export type ScorePartArgs = Readonly<Record<string, string | number>>;

const name = (code: LanguageCode | null, locale: Locale): string => (code === null ? '' : languageName(code, locale));

export const scorePartArgs = (part: ScorePart, locale: Locale): ScorePartArgs => {
  switch (part.code) {
    case 'overlap_hours':
      return { hours: part.hours, points: part.points };
    case 'level_fit':
      return {
        fit: part.viewerLearns === null || part.candidateLearns === null ? 'none' : 'pair',
        viewerLearns: name(part.viewerLearns, locale),
        viewerLevel: part.viewerLevel ?? '',
        candidateLearns: name(part.candidateLearns, locale),
        candidateLevel: part.candidateLevel ?? '',
        points: part.points,
      };
    case 'shared_interests':
      return { shared: part.shared, sharedPrimary: part.sharedPrimary, points: part.points };
    case 'communication':
      return { sharedStyles: part.sharedStyles, sameFrequency: part.sameFrequency ? 'yes' : 'no', points: part.points };
    case 'recent_activity':
      return {
        activity: part.daysSinceActive === null ? 'never' : part.daysSinceActive === 0 ? 'today' : 'recent',
        daysSinceActive: part.daysSinceActive ?? 0,
        points: part.points,
      };
    case 'fairness':
      return { pendingRequests: part.pendingRequests, points: part.points };
    default: {
      const unreachable: never = part;
      return unreachable;
    }
  }
};
