// One form of a candidate profile whatever the source, so the cache and Postgres answer equal values: sets as sorted
// arrays (Postgres keeps no order of a user's languages or interests), declines only while their cooldown runs (the
// domain prunes its maps only when a new decline arrives; eligibility looks at the cooldown anyway).
import type { CandidateProfile } from '../../../domain/matching/index.js';
import { compareUserIds } from '../../../domain/matching/index.js';
import { DECLINE_COOLDOWN_MS } from '../../../domain/tandem/index.js';

const sorted = <T extends string>(items: readonly T[]): readonly T[] => [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const sortedIds = (ids: readonly string[]): readonly string[] => [...new Set(ids)].sort(compareUserIds);

const running = (declines: Readonly<Record<string, string>>, now: Date): Readonly<Record<string, string>> =>
  Object.fromEntries(
    Object.entries(declines)
      .filter(([, at]) => now.getTime() < Date.parse(at) + DECLINE_COOLDOWN_MS)
      .sort(([a], [b]) => compareUserIds(a, b)),
  );

export const canonicalCandidate = (profile: CandidateProfile, now: Date): CandidateProfile => ({
  ...profile,
  native: sorted(profile.native),
  learning: [...profile.learning].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
  interests: sorted(profile.interests),
  primaryInterests: sorted(profile.primaryInterests),
  utcWeekHours: [...profile.utcWeekHours].sort((a, b) => a - b),
  styles: sorted(profile.styles),
  blocked: sortedIds(profile.blocked),
  declinedBy: running(profile.declinedBy, now),
  declined: running(profile.declined, now),
  openTandemPeers: sortedIds(profile.openTandemPeers),
});
