// What the user actor needs to know about other users: candidates for /find and the public card of a peer (a
// request's sender, a partner). The actor declares this port; projections/ implements it from the read models and
// caches, and ops/ wires the two (DESIGN.md: actors never import projections). Answers are read-side data, eventually
// consistent: a card may lag the peer's latest edit by the projection's lag, which is fine for display, and no
// decision of the domain depends on it (the domain decides from the actor's own state and peer commands).
import type { Availability } from '../../../domain/availability/index.js';
import type { CommunicationStyle, Frequency } from '../../../domain/communication/index.js';
import type { InterestId } from '../../../domain/interests/index.js';
import type { LanguageCode, LanguageSkill } from '../../../domain/languages/index.js';
import type { CandidateProfile } from '../../../domain/matching/index.js';
import type { UserId, UserStatus } from '../../../domain/user/index.js';

/** Another user as a card shows them: what they chose to share, never a phone number or a Telegram id. */
export interface PartnerCard {
  readonly id: UserId;
  readonly status: UserStatus;
  readonly firstName: string;
  /** Shown only once a tandem is on and the channel is `contact`. */
  readonly username: string | null;
  readonly native: readonly LanguageCode[];
  readonly learning: readonly LanguageSkill[];
  readonly interests: readonly InterestId[];
  readonly primaryInterests: readonly InterestId[];
  readonly availability: Availability | null;
  readonly styles: readonly CommunicationStyle[];
  readonly frequency: Frequency | null;
  readonly bio: string;
  readonly lastActiveAt: string | null;
}

export interface UserDirectory {
  /** Users the viewer may be offered (their language pairs, active, complete), most recently active first. */
  candidates(viewerId: UserId, limit: number): Promise<readonly CandidateProfile[]>;
  /** A user's public card, or null when unknown, forgotten or not yet projected. */
  card(userId: UserId): Promise<PartnerCard | null>;
}

/** The in-memory twin: unit tests and anything that runs without read models fill it by hand. */
export const createMemoryUserDirectory = (
  entries: { readonly cards?: readonly PartnerCard[]; readonly candidates?: readonly CandidateProfile[] } = {},
): UserDirectory & { put(card: PartnerCard, candidate?: CandidateProfile): void } => {
  const cards = new Map((entries.cards ?? []).map((card) => [card.id, card]));
  const candidates = new Map((entries.candidates ?? []).map((candidate) => [candidate.id, candidate]));
  return {
    async candidates(viewerId, limit) {
      return [...candidates.values()]
        .filter((candidate) => candidate.id !== viewerId)
        .sort((a, b) => (b.lastActiveAt ?? '').localeCompare(a.lastActiveAt ?? '') || a.id.localeCompare(b.id))
        .slice(0, limit);
    },
    async card(userId) {
      return cards.get(userId) ?? null;
    },
    put(card, candidate) {
      cards.set(card.id, card);
      if (candidate !== undefined) candidates.set(candidate.id, candidate);
    },
  };
};
