// The read-model-shaped view of a user that matching works on. Projections build it from events (or the actor
// from its state, with candidateFromState); matching never sees a whole UserState.
import { toUtcWeekHours } from '../availability/index.js';
import type { CommunicationStyle, Frequency } from '../communication/index.js';
import type { InterestId } from '../interests/index.js';
import type { LanguageCode, LanguageSkill } from '../languages/index.js';
import { isOpen } from '../tandem/types.js';
import { isProfileComplete } from '../user/completion.js';
import type { UserId } from '../user/ids.js';
import type { UserState, UserStatus } from '../user/state.js';

export interface CandidateProfile {
  readonly id: UserId;
  readonly status: UserStatus;
  readonly profileComplete: boolean;
  readonly native: readonly LanguageCode[];
  readonly learning: readonly LanguageSkill[];
  readonly interests: readonly InterestId[];
  readonly primaryInterests: readonly InterestId[];
  /** Available hours of the current UTC week (0 = Monday 00:00 UTC), as domain/availability computes them. */
  readonly utcWeekHours: readonly number[];
  readonly styles: readonly CommunicationStyle[];
  readonly frequency: Frequency | null;
  readonly lastActiveAt: string | null;
  /** Requests waiting for this user's answer: the fairness term spreads attention away from crowded inboxes. */
  readonly pendingIncoming: number;
  /** Users this one blocked. */
  readonly blocked: readonly UserId[];
  /** Who declined this user's request, and when; and whom this user declined, and when. */
  readonly declinedBy: Readonly<Record<UserId, string>>;
  readonly declined: Readonly<Record<UserId, string>>;
  /** Peers with an open request or tandem with this user. */
  readonly openTandemPeers: readonly UserId[];
}

export const candidateFromState = (state: UserState, now: Date): CandidateProfile | null => {
  if (state.userId === null) return null;
  const { profile } = state;
  return {
    id: state.userId,
    status: state.status,
    profileComplete: isProfileComplete(profile),
    native: profile.nativeLanguages,
    learning: profile.learningLanguages,
    interests: profile.interests,
    primaryInterests: profile.primaryInterests,
    utcWeekHours: profile.availability === null ? [] : toUtcWeekHours(profile.availability, now),
    styles: profile.communicationStyles,
    frequency: profile.frequency,
    lastActiveAt: state.lastActiveAt,
    pendingIncoming: state.tandems.filter((t) => t.role === 'target' && t.status === 'requested').length,
    blocked: state.blocked,
    declinedBy: state.declinedBy,
    declined: state.declinedByMe,
    openTandemPeers: [...new Set(state.tandems.filter((t) => isOpen(t.status)).map((t) => t.peer))],
  };
};
