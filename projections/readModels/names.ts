// Every name the read models put in PostgreSQL, in one place. The schema is configurable (tests use one each, replay
// builds a shadow beside the live one); table names inside it are fixed and part of the analytics contract.

export const DEFAULT_READ_MODEL_SCHEMA = 'read_models';
export const DEFAULT_PARTITIONS = 16;

/** Tables partitioned by hash(user_id): every row belongs to one user and is purged with them. */
export const USER_TABLES = ['users', 'user_languages', 'user_interests', 'user_availability', 'matches', 'reports', 'feedback', 'moderation'] as const;
export type UserTable = (typeof USER_TABLES)[number];

/** Aggregates over all users, keyed by day or language pair (small, not partitioned). */
export const STATS_TABLES = ['daily_stats', 'language_pair_stats'] as const;
export type StatsTable = (typeof STATS_TABLES)[number];

export type ReadModelTable = UserTable | StatsTable;
export const READ_MODEL_TABLES: readonly ReadModelTable[] = [...USER_TABLES, ...STATS_TABLES];

/** Primary keys, also the order of every checksum (so two equal tables hash equal). */
export const PRIMARY_KEYS: Readonly<Record<ReadModelTable, readonly string[]>> = {
  users: ['user_id'],
  user_languages: ['user_id', 'kind', 'language'],
  user_interests: ['user_id', 'interest'],
  user_availability: ['user_id'],
  matches: ['user_id', 'tandem_id'],
  reports: ['user_id', 'stream_version'],
  feedback: ['user_id', 'stream_version'],
  moderation: ['user_id', 'stream_version'],
  daily_stats: ['day'],
  language_pair_stats: ['learning_language', 'native_language'],
};

export const USER_STATS_VIEW = 'user_stats';
/** Where the projection's checkpoint lives: inside the read-model schema, so a schema swap carries it along. */
export const CHECKPOINT_TABLE = 'projection_checkpoints';
/** The projection that maintains these tables (runner lease, checkpoint row, dead letters, `replay --projection`). */
export const READ_MODELS_PROJECTION = 'read_models';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names end up inside SQL text, so only plain lower-case identifiers are accepted. */
export const validateReadModelSchema = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`invalid read-model schema ${JSON.stringify(schema)}: 1–63 characters of a–z 0–9 _`);
  return schema;
};

export const validatePartitions = (partitions: number): number => {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 1024) throw new TypeError(`partitions must be an integer 1–1024, got ${partitions}`);
  return partitions;
};
