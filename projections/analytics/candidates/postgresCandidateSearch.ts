// Candidate search from the Postgres read models (projections/SCHEMA.md), the fallback while the cache is down or
// cold. Same list as the cache: native in a language the viewer learns, learning one the viewer speaks natively,
// active with a complete profile (completion ≥ 90: every required section), newest activity first, ties by id.
// A candidate's `blocked` comes from users.blocked_ids, so the matcher hides a pair whichever side blocked.
import type pg from 'pg';
import type { Availability } from '../../../domain/availability/index.js';
import { toUtcWeekHours } from '../../../domain/availability/index.js';
import type { CandidateProfile } from '../../../domain/matching/index.js';
import type { UserStatus } from '../../../domain/user/index.js';
import { canonicalCandidate } from './canonicalCandidate.js';
import { validLimit, type CandidateSearch } from './candidateSearch.js';

export interface PostgresCandidateSearchOptions {
  readonly pool: pg.Pool;
  /** The read-model schema; default read_models. */
  readonly schema?: string;
  readonly now?: () => Date;
}

/** Required sections weigh 90 of 100 (domain/user/completion.ts); only the bio is optional. */
const COMPLETE_LEVEL = 90;

interface UserRow {
  id: string;
  status: UserStatus;
  level: number;
  styles: string[];
  frequency: string | null;
  last_active_at: Date;
  blocked: string[];
}

interface LanguageRow { id: string; kind: 'native' | 'learning'; language: string; level: string | null }
interface InterestRow { id: string; interest: string; is_primary: boolean }
interface AvailabilityRow { id: string; time_zone: string; days: Availability['days']; slots: Availability['slots'] }
interface MatchRow { id: string; peer: string; role: 'requester' | 'target'; status: string; closed_at: Date | null; updated_at: Date }

const OPEN = new Set(['requested', 'accepted', 'active']);

export const createPostgresCandidateSearch = ({ pool, schema = 'read_models', now = () => new Date() }: PostgresCandidateSearchOptions): CandidateSearch => {
  const s = schema;
  const group = <R extends { id: string }>(rows: readonly R[]): Map<string, R[]> => {
    const map = new Map<string, R[]>();
    for (const row of rows) map.set(row.id, [...(map.get(row.id) ?? []), row]);
    return map;
  };

  const profiles = async (ids: readonly string[], at: Date): Promise<readonly CandidateProfile[]> => {
    const [users, languages, interests, availability, matches] = await Promise.all([
      pool.query<UserRow>(
        `select user_id::text as id, status, profile_completion_level as level, communication_styles as styles, frequency, last_active_at,
                blocked_ids::text[] as blocked
           from ${s}.users where user_id = any($1::bigint[])`, [ids]),
      pool.query<LanguageRow>(`select user_id::text as id, kind, language, level from ${s}.user_languages where user_id = any($1::bigint[])`, [ids]),
      pool.query<InterestRow>(`select user_id::text as id, interest, is_primary from ${s}.user_interests where user_id = any($1::bigint[])`, [ids]),
      pool.query<AvailabilityRow>(`select user_id::text as id, time_zone, days, slots from ${s}.user_availability where user_id = any($1::bigint[])`, [ids]),
      pool.query<MatchRow>(
        `select user_id::text as id, peer_id::text as peer, role, status, closed_at, updated_at from ${s}.matches where user_id = any($1::bigint[])`, [ids]),
    ]);
    const byUser = new Map(users.rows.map((row) => [row.id, row]));
    const langs = group(languages.rows);
    const likes = group(interests.rows);
    const hours = new Map(availability.rows.map((row) => [row.id, row]));
    const tandems = group(matches.rows);
    return ids.flatMap((id): CandidateProfile[] => {
      const user = byUser.get(id);
      if (user === undefined) return [];
      const mine = tandems.get(id) ?? [];
      const declines = (role: MatchRow['role']): Record<string, string> =>
        Object.fromEntries(mine.filter((m) => m.role === role && m.status === 'declined').map((m) => [m.peer, (m.closed_at ?? m.updated_at).toISOString()]));
      const slot = hours.get(id);
      const profile: CandidateProfile = {
        id,
        status: user.status,
        profileComplete: user.level >= COMPLETE_LEVEL,
        native: (langs.get(id) ?? []).filter((l) => l.kind === 'native').map((l) => l.language) as CandidateProfile['native'],
        learning: (langs.get(id) ?? []).filter((l) => l.kind === 'learning').map((l) => ({ code: l.language, level: l.level ?? 'A1' })) as CandidateProfile['learning'],
        interests: (likes.get(id) ?? []).map((i) => i.interest) as CandidateProfile['interests'],
        primaryInterests: (likes.get(id) ?? []).filter((i) => i.is_primary).map((i) => i.interest) as CandidateProfile['interests'],
        utcWeekHours: slot === undefined ? [] : toUtcWeekHours({ timeZone: slot.time_zone, days: slot.days, slots: slot.slots }, at),
        styles: user.styles as CandidateProfile['styles'],
        frequency: user.frequency as CandidateProfile['frequency'],
        lastActiveAt: user.last_active_at.toISOString(),
        pendingIncoming: mine.filter((m) => m.role === 'target' && m.status === 'requested').length,
        blocked: user.blocked,
        declinedBy: declines('requester'),
        declined: declines('target'),
        openTandemPeers: mine.filter((m) => OPEN.has(m.status)).map((m) => m.peer),
      };
      return [canonicalCandidate(profile, at)];
    });
  };

  return {
    async findCandidates(viewerId, options) {
      const limit = validLimit(options.limit);
      if (limit === 0) return [];
      const viewer = await pool.query<{ kind: string; language: string }>(
        `select kind, language from ${s}.user_languages where user_id = $1::bigint`, [viewerId]);
      const native = viewer.rows.filter((r) => r.kind === 'native').map((r) => r.language);
      const learning = viewer.rows.filter((r) => r.kind === 'learning').map((r) => r.language);
      if (native.length === 0 || learning.length === 0) return [];
      const chosen = await pool.query<{ id: string }>(
        `select u.user_id::text as id
           from ${s}.users u
          where u.status = 'active' and u.profile_completion_level >= $5 and u.user_id <> $1::bigint
            and exists (select 1 from ${s}.user_languages n where n.user_id = u.user_id and n.kind = 'native' and n.language = any($2::text[]))
            and exists (select 1 from ${s}.user_languages l where l.user_id = u.user_id and l.kind = 'learning' and l.language = any($3::text[]))
          order by u.last_active_at desc, u.user_id asc
          limit $4`,
        [viewerId, learning, native, limit, COMPLETE_LEVEL],
      );
      return profiles(chosen.rows.map((row) => row.id), now());
    },
  };
};
