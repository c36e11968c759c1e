// The read models' migrations for `lexbot ops migrate`. The partition count is part of the first migration's text,
// so it is chosen when the schema is first created; changing it later is a rebuild (`lexbot ops replay
// --partitions N`), not an edit of a shipped migration.
import { blockedIdsColumnSql, moderationIndexesSql, moderationTableSql, readModelIndexesSqlV1, readModelTablesSqlV1 } from './ddl.js';
import { DEFAULT_PARTITIONS, DEFAULT_READ_MODEL_SCHEMA } from './names.js';

export interface ReadModelMigration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export const readModelMigrations = (schema: string = DEFAULT_READ_MODEL_SCHEMA, partitions: number = DEFAULT_PARTITIONS): readonly ReadModelMigration[] => [
  { id: 1, name: `create_read_models_${partitions}_partitions`, sql: `${readModelTablesSqlV1(schema, partitions)}\n${readModelIndexesSqlV1(schema)}` },
  { id: 2, name: 'create_moderation', sql: `${moderationTableSql(schema, partitions)}\n${moderationIndexesSql(schema)}` },
  // Rows projected before it carry no blocks: `lexbot ops replay` fills the column from the log.
  { id: 3, name: 'users_blocked_ids', sql: blockedIdsColumnSql(schema) },
];
