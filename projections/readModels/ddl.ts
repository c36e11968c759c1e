// The read-model schema as SQL, split in the two parts a bulk rebuild needs apart: tables (with primary keys) first,
// secondary indexes after the COPY (building an index once is far cheaper than maintaining it row by row).
// Timestamps come from the events' own `at`, never now(): the tables are a function of the log (Guarantee 5).
import { CHECKPOINT_TABLE, USER_STATS_VIEW, USER_TABLES, validatePartitions, validateReadModelSchema } from './names.js';

const partitions = (schema: string, table: string, count: number): string =>
  Array.from({ length: count }, (_, i) => `create table ${schema}.${table}_p${i} partition of ${schema}.${table} for values with (modulus ${count}, remainder ${i});`).join('\n');

/** The per-user tables of the first migration; later tables come with their own migration (its text is frozen). */
const V1_USER_TABLES = USER_TABLES.filter((table) => table !== 'moderation');

const userTables = (s: string): Record<(typeof USER_TABLES)[number], string> => ({
  users: `create table ${s}.users (
  user_id bigint not null,
  username text,
  first_name text,
  telegram_language_code text,
  status text not null,
  status_before_ban text,
  interface_language text,
  profile_completion_level smallint not null,
  bio text,
  communication_styles text[] not null,
  frequency text,
  stream_version integer not null,
  created_at timestamptz not null,
  onboarded_at timestamptz,
  last_active_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (user_id)
) partition by hash (user_id);`,
  user_languages: `create table ${s}.user_languages (
  user_id bigint not null,
  kind text not null check (kind in ('native', 'learning')),
  language text not null,
  level text,
  primary key (user_id, kind, language)
) partition by hash (user_id);`,
  user_interests: `create table ${s}.user_interests (
  user_id bigint not null,
  interest text not null,
  is_primary boolean not null,
  primary key (user_id, interest)
) partition by hash (user_id);`,
  user_availability: `create table ${s}.user_availability (
  user_id bigint not null,
  time_zone text not null,
  days jsonb not null,
  slots text[] not null,
  utc_hours smallint[] not null,
  primary key (user_id)
) partition by hash (user_id);`,
  matches: `create table ${s}.matches (
  user_id bigint not null,
  tandem_id text not null,
  peer_id bigint not null,
  role text not null,
  status text not null,
  channel text,
  close_reason text,
  decline_reason text,
  reject_reason text,
  rating_given smallint,
  rating_comment text,
  rating_received smallint,
  requested_at timestamptz not null,
  accepted_at timestamptz,
  started_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz not null,
  primary key (user_id, tandem_id)
) partition by hash (user_id);`,
  reports: `create table ${s}.reports (
  user_id bigint not null,
  stream_version integer not null,
  target_id bigint not null,
  reason text not null,
  comment text,
  reported_at timestamptz not null,
  primary key (user_id, stream_version)
) partition by hash (user_id);`,
  feedback: `create table ${s}.feedback (
  user_id bigint not null,
  stream_version integer not null,
  text text not null,
  sent_at timestamptz not null,
  primary key (user_id, stream_version)
) partition by hash (user_id);`,
  // An admin's decisions (migration 2): reviews of feedback and reports, broadcasts. Read by subject, not by admin.
  moderation: `create table if not exists ${s}.moderation (
  user_id bigint not null,
  stream_version integer not null,
  kind text not null,
  subject_user_id bigint,
  subject_version integer,
  action text not null,
  target_id bigint,
  text text,
  at timestamptz not null,
  primary key (user_id, stream_version)
) partition by hash (user_id);`,
});

/** Tables, partitions, the checkpoint table and the user_stats view; no secondary index. */
export const readModelTablesSql = (schema: string, partitionCount: number): string =>
  `${readModelTablesSqlV1(schema, partitionCount)}\n\n${moderationTableSql(schema, partitionCount)}\n\n${blockedIdsColumnSql(schema)}`;

/**
 * Migration 3: whom each user blocked, so candidate search can hide a pair from both sides (the domain's
 * eligibility looks at both profiles' blocks). Added last, so it is the last column in live and rebuilt tables alike
 * (COPY lines and checksums follow column order). Idempotent, because a rebuilt schema swapped in already has it.
 */
export const blockedIdsColumnSql = (schema: string): string =>
  `alter table ${validateReadModelSchema(schema)}.users add column if not exists blocked_ids bigint[] not null default '{}';`;

/** Migration 2's tables: idempotent, because a rebuilt schema swapped in already has them. */
export const moderationTableSql = (schema: string, partitionCount: number): string => {
  const s = validateReadModelSchema(schema);
  const count = validatePartitions(partitionCount);
  return `${userTables(s).moderation}\n${partitions(s, 'moderation', count).replaceAll('create table ', 'create table if not exists ')}`;
};

export const moderationIndexesSql = (schema: string): string => {
  const s = validateReadModelSchema(schema);
  return [
    `create index if not exists moderation_subject_idx on ${s}.moderation (kind, subject_user_id, subject_version, at desc);`,
    `create index if not exists moderation_time_idx on ${s}.moderation (kind, at desc);`,
  ].join('\n');
};

/** The first migration's tables, exactly as shipped (its text is checksummed). */
export const readModelTablesSqlV1 = (schema: string, partitionCount: number): string => {
  const s = validateReadModelSchema(schema);
  const count = validatePartitions(partitionCount);
  const tables = userTables(s);
  return [
    ...V1_USER_TABLES.map((table) => `${tables[table]}\n${partitions(s, table, count)}`),
    `create table ${s}.daily_stats (
  day date primary key,
  new_users integer not null,
  completed_profiles integer not null,
  requests integer not null,
  matches integer not null,
  active_users integer not null,
  tandems_ended integer not null,
  reports integer not null,
  feedback integer not null
);`,
    `create table ${s}.language_pair_stats (
  learning_language text not null,
  native_language text not null,
  demand integer not null,
  supply integer not null,
  primary key (learning_language, native_language)
);`,
    `create table ${s}.${CHECKPOINT_TABLE} (
  projection text primary key,
  commit numeric(20) not null,
  position bigint not null
);`,
    // A plain view, not a materialized one: always current, nothing to refresh, and it rebuilds with the tables.
    // Joins on grouped subqueries (not lateral ones), so `where user_id = …` reaches every table at plan time and
    // each reads a single partition.
    `create view ${s}.${USER_STATS_VIEW} as
select u.user_id, u.status, u.profile_completion_level, u.created_at, u.last_active_at,
       coalesce(m.requests_sent, 0) as requests_sent,
       coalesce(m.requests_received, 0) as requests_received,
       coalesce(m.tandems_started, 0) as tandems_started,
       coalesce(m.tandems_active, 0) as tandems_active,
       coalesce(m.ratings_received, 0) as ratings_received,
       m.average_rating_received,
       coalesce(r.reports_made, 0) as reports_made
  from ${s}.users u
  left join (
    select x.user_id,
           count(*) filter (where x.role = 'requester') as requests_sent,
           count(*) filter (where x.role = 'target') as requests_received,
           count(*) filter (where x.started_at is not null) as tandems_started,
           count(*) filter (where x.status = 'active') as tandems_active,
           count(x.rating_received) as ratings_received,
           round(avg(x.rating_received), 2) as average_rating_received
      from ${s}.matches x group by x.user_id) m on m.user_id = u.user_id
  left join (select y.user_id, count(*) as reports_made from ${s}.reports y group by y.user_id) r on r.user_id = u.user_id;`,
  ].join('\n\n');
};

/** Secondary indexes for matching (language pair, status, last activity) and analytics (per-day scans). */
export const readModelIndexesSql = (schema: string): string => `${readModelIndexesSqlV1(schema)}\n${moderationIndexesSql(schema)}`;

export const readModelIndexesSqlV1 = (schema: string): string => {
  const s = validateReadModelSchema(schema);
  return [
    `create index users_status_active_idx on ${s}.users (status, last_active_at desc);`,
    `create index users_last_active_idx on ${s}.users (last_active_at);`,
    `create index users_created_idx on ${s}.users (created_at);`,
    `create index user_languages_lookup_idx on ${s}.user_languages (language, kind, level) include (user_id);`,
    `create index user_interests_interest_idx on ${s}.user_interests (interest) include (user_id, is_primary);`,
    `create index user_availability_hours_idx on ${s}.user_availability using gin (utc_hours);`,
    `create index matches_status_idx on ${s}.matches (status, started_at);`,
    `create index matches_requested_idx on ${s}.matches (requested_at) where role = 'requester';`,
    `create index matches_peer_idx on ${s}.matches (peer_id);`,
    `create index reports_target_idx on ${s}.reports (target_id);`,
    `create index reports_time_idx on ${s}.reports (reported_at);`,
    `create index feedback_time_idx on ${s}.feedback (sent_at);`,
    `create index language_pair_demand_idx on ${s}.language_pair_stats (demand desc);`,
  ].join('\n');
};
