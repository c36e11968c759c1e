// Who may be offered to whom. Symmetric by construction: every rule is checked in both directions, so
// eligible(a, b) and eligible(b, a) always agree (a property test holds it to that).
import { overlapHours } from '../availability/index.js';
import { DECLINE_COOLDOWN_MS } from '../tandem/rules.js';
import type { CandidateProfile } from './candidate.js';

export const MIN_OVERLAP_HOURS = 1;

export const INELIGIBILITY_REASONS = [
  'self',
  'not_active',
  'no_reciprocal_language',
  'no_overlap',
  'blocked',
  'declined_recently',
  'tandem_open',
] as const;
export type IneligibilityReason = (typeof INELIGIBILITY_REASONS)[number];

/** Languages `learner` learns that `teacher` speaks natively. */
export const teachableLanguages = (learner: CandidateProfile, teacher: CandidateProfile): readonly string[] =>
  learner.learning.filter((skill) => teacher.native.includes(skill.code)).map((skill) => skill.code);

const declinedWithin = (profile: CandidateProfile, other: string, now: Date): boolean => {
  const recent = (when: string | undefined): boolean => when !== undefined && now.getTime() < Date.parse(when) + DECLINE_COOLDOWN_MS;
  return recent(profile.declinedBy[other]) || recent(profile.declined[other]);
};

/** Every reason the two cannot be matched (empty when they can), in the order of INELIGIBILITY_REASONS. */
export const ineligibility = (a: CandidateProfile, b: CandidateProfile, now: Date): readonly IneligibilityReason[] => {
  const reasons = new Set<IneligibilityReason>();
  if (a.id === b.id) reasons.add('self');
  for (const p of [a, b]) if (p.status !== 'active' || !p.profileComplete) reasons.add('not_active');
  if (teachableLanguages(a, b).length === 0 || teachableLanguages(b, a).length === 0) reasons.add('no_reciprocal_language');
  if (overlapHours(a.utcWeekHours, b.utcWeekHours) < MIN_OVERLAP_HOURS) reasons.add('no_overlap');
  if (a.blocked.includes(b.id) || b.blocked.includes(a.id)) reasons.add('blocked');
  if (declinedWithin(a, b.id, now) || declinedWithin(b, a.id, now)) reasons.add('declined_recently');
  if (a.openTandemPeers.includes(b.id) || b.openTandemPeers.includes(a.id)) reasons.add('tandem_open');
  return INELIGIBILITY_REASONS.filter((reason) => reasons.has(reason));
};

export const isEligible = (a: CandidateProfile, b: CandidateProfile, now: Date): boolean => ineligibility(a, b, now).length === 0;
