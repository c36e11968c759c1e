// The user actor's UserDirectory port over the read side: candidates from the candidate search (the Redis cache
// first, the Postgres read models when the cache cannot answer), cards from the Postgres read models. Eventually
// consistent by design (the port says why that is fine); the actor never decides anything from these answers.
import type pg from 'pg';
import type { PartnerCard, UserDirectory } from '../../actors/userActor/ports/userDirectory.js';
import type { Availability } from '../../domain/availability/index.js';
import type { CommunicationStyle, Frequency } from '../../domain/communication/index.js';
import type { InterestId } from '../../domain/interests/index.js';
import type { CefrLevel, LanguageCode } from '../../domain/languages/index.js';
import { isUserId, type UserStatus } from '../../domain/user/index.js';
import { MAX_CANDIDATES, type CandidateSearch } from '../analytics/candidates/candidateSearch.js';
import { DEFAULT_READ_MODEL_SCHEMA, validateReadModelSchema } from '../readModels/names.js';

export interface ReadModelDirectoryOptions {
  readonly pool: pg.Pool;
  readonly search: CandidateSearch;
  /** The read-model schema; default read_models. */
  readonly schema?: string;
}

interface UserRow {
  status: UserStatus;
  first_name: string | null;
  username: string | null;
  bio: string | null;
  styles: string[];
  frequency: string | null;
  last_active_at: Date;
}
interface LanguageRow { kind: 'native' | 'learning'; language: string; level: string | null }
interface InterestRow { interest: string; is_primary: boolean }
interface AvailabilityRow { time_zone: string; days: Availability['days']; slots: Availability['slots'] }

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const createReadModelDirectory = ({ pool, search, schema = DEFAULT_READ_MODEL_SCHEMA }: ReadModelDirectoryOptions): UserDirectory => {
  const s = validateReadModelSchema(schema);
  return {
    async candidates(viewerId, limit) {
      const bounded = Math.max(0, Math.min(MAX_CANDIDATES, Math.floor(limit)));
      return search.findCandidates(viewerId, { limit: bounded });
    },
    async card(userId) {
      // A malformed id would fail the bigint cast; it names nobody.
      if (!isUserId(userId)) return null;
      // Four point reads of one partition each (every table is partitioned by user id).
      const [users, languages, interests, availability] = await Promise.all([
        pool.query<UserRow>(
          `select status, first_name, username, bio, communication_styles as styles, frequency, last_active_at
             from ${s}.users where user_id = $1::bigint`, [userId]),
        pool.query<LanguageRow>(`select kind, language, level from ${s}.user_languages where user_id = $1::bigint`, [userId]),
        pool.query<InterestRow>(`select interest, is_primary from ${s}.user_interests where user_id = $1::bigint`, [userId]),
        pool.query<AvailabilityRow>(`select time_zone, days, slots from ${s}.user_availability where user_id = $1::bigint`, [userId]),
      ]);
      const user = users.rows[0];
      if (user === undefined) return null;
      // Postgres keeps no order of a user's sets: a stable one (by code) keeps cards equal across reads.
      const langs = [...languages.rows].sort((a, b) => byText(a.language, b.language));
      const likes = [...interests.rows].sort((a, b) => byText(a.interest, b.interest));
      const slot = availability.rows[0];
      const card: PartnerCard = {
        id: userId,
        status: user.status,
        firstName: user.first_name ?? '',
        username: user.username,
        native: langs.filter((l) => l.kind === 'native').map((l) => l.language as LanguageCode),
        learning: langs.filter((l) => l.kind === 'learning').map((l) => ({ code: l.language as LanguageCode, level: (l.level ?? 'A1') as CefrLevel })),
        interests: likes.map((i) => i.interest as InterestId),
        primaryInterests: likes.filter((i) => i.is_primary).map((i) => i.interest as InterestId),
        availability: slot === undefined ? null : { timeZone: slot.time_zone, days: slot.days, slots: slot.slots },
        styles: user.styles as CommunicationStyle[],
        frequency: user.frequency as Frequency | null,
        bio: user.bio ?? '',
        lastActiveAt: user.last_active_at.toISOString(),
      };
      return card;
    },
  };
};
