// The key store's schema, as numbered migrations for ops/migrations (a shipped migration is never edited). A
// deleted key keeps its row with `key` null: the tombstone makes the next start take a new version.
import { keySqlNames } from './names.js';

export interface KeyMigration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export const keyMigrations = (schema?: string): readonly KeyMigration[] => {
  const n = keySqlNames(schema);
  return [
    {
      id: 1,
      name: 'user_keys',
      sql: `
create table ${n.userKeys} (
  owner text not null,
  version integer not null check (version > 0),
  key bytea,
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  primary key (owner, version),
  check ((key is null) = (deleted_at is not null))
);
`,
    },
  ];
};
