// The analytics queries against the Postgres read models (projections/SCHEMA.md). Each figure is one statement, so
// it reads one snapshot; run it on the replica (DATABASE_READ_URL) through createAnalyticsPool.
import type pg from 'pg';
import {
  daysBetween,
  TOP_LANGUAGE_PAIRS,
  utcDay,
  type AnalyticsQueries,
  type DailyFigures,
  type LanguagePairFigures,
  type StatsFigures,
} from './analyticsQueries.js';

export interface PostgresAnalyticsOptions {
  readonly pool: pg.Pool;
  /** The read-model schema; default read_models. */
  readonly schema?: string;
}

interface StatsRow {
  users_total: number;
  users_active_24h: number;
  users_active_7d: number;
  profiles_completed: number;
  matches_total: number;
  requests_answered: number;
  new_users_today: number;
  requests_today: number;
  matches_today: number;
}

interface PairRow { learning_language: string; native_language: string; demand: number; supply: number }
interface DayRow { day: string; new_users: number; completed_profiles: number; requests: number; matches: number; active_users: number }

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const pairOf = (row: PairRow): LanguagePairFigures => ({
  learningLanguage: row.learning_language,
  nativeLanguage: row.native_language,
  demand: row.demand,
  supply: row.supply,
});

export const createPostgresAnalytics = ({ pool, schema = 'read_models' }: PostgresAnalyticsOptions): AnalyticsQueries => {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`invalid read-model schema ${JSON.stringify(schema)}`);
  const s = schema;
  const pairsSql = (limit: string): string =>
    `select learning_language, native_language, demand, supply from ${s}.language_pair_stats
      where demand > 0 or supply > 0
      order by demand desc, supply desc, learning_language, native_language ${limit}`;

  return {
    async stats(now) {
      const [figures, top] = await Promise.all([
        pool.query<StatsRow>(
          `select (select count(*)::int from ${s}.users) as users_total,
                  (select count(*)::int from ${s}.users where last_active_at > $1::timestamptz - interval '24 hours') as users_active_24h,
                  (select count(*)::int from ${s}.users where last_active_at > $1::timestamptz - interval '7 days') as users_active_7d,
                  (select count(*)::int from ${s}.users where onboarded_at is not null) as profiles_completed,
                  (select count(*)::int from ${s}.matches where role = 'requester' and started_at is not null) as matches_total,
                  (select count(*)::int from ${s}.matches where role = 'requester' and status <> 'requested') as requests_answered,
                  coalesce(d.new_users, 0) as new_users_today,
                  coalesce(d.requests, 0) as requests_today,
                  coalesce(d.matches, 0) as matches_today
             from (select 1) as one left join ${s}.daily_stats d on d.day = $2::date`,
          [now.toISOString(), utcDay(now)],
        ),
        pool.query<PairRow>(pairsSql(`limit ${TOP_LANGUAGE_PAIRS}`)),
      ]);
      const row = figures.rows[0];
      if (row === undefined) throw new Error('stats query returned no row');
      const result: StatsFigures = {
        usersTotal: row.users_total,
        usersActive24h: row.users_active_24h,
        usersActive7d: row.users_active_7d,
        newUsersToday: row.new_users_today,
        profilesCompleted: row.profiles_completed,
        requestsToday: row.requests_today,
        matchesToday: row.matches_today,
        matchesTotal: row.matches_total,
        matchAcceptanceRate: row.requests_answered === 0 ? null : row.matches_total / row.requests_answered,
        topLanguagePairs: top.rows.map(pairOf),
      };
      return result;
    },
    async daily(from, to) {
      const { rows } = await pool.query<DayRow>(
        `select day::text as day, new_users, completed_profiles, requests, matches, active_users
           from ${s}.daily_stats where day between $1::date and $2::date order by day`,
        [from, to],
      );
      const byDay = new Map(rows.map((r) => [r.day, r]));
      return daysBetween(from, to).map((day): DailyFigures => {
        const r = byDay.get(day);
        return {
          day,
          newUsers: r?.new_users ?? 0,
          completedProfiles: r?.completed_profiles ?? 0,
          requests: r?.requests ?? 0,
          matches: r?.matches ?? 0,
          activeUsers: r?.active_users ?? 0,
        };
      });
    },
    async languagePairs() {
      return (await pool.query<PairRow>(pairsSql(''))).rows.map(pairOf);
    },
    async activeUsers(now) {
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from ${s}.users where last_active_at > $1::timestamptz - interval '24 hours'`,
        [now.toISOString()],
      );
      return rows[0]?.n ?? 0;
    },
  };
};
