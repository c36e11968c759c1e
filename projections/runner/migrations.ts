// The runner's tables: one lease row per projection (owner + expiry, on the database's clock) and the dead letters.
import { DEFAULT_RUNNER_SCHEMA, runnerTables } from './names.js';

export const runnerMigrations = (schema: string = DEFAULT_RUNNER_SCHEMA): readonly { readonly id: number; readonly name: string; readonly sql: string }[] => {
  const t = runnerTables(schema);
  return [
    {
      id: 1,
      name: 'create_leases_and_dead_letters',
      sql: `
create table ${t.leases} (
  projection text primary key,
  owner text not null,
  expires_at timestamptz not null,
  acquired_at timestamptz not null
);
create table ${t.deadLetters} (
  id bigint generated always as identity primary key,
  projection text not null,
  event_id text not null,
  stream_name text not null,
  event_type text not null,
  commit numeric(20) not null,
  position bigint not null,
  error text not null,
  action text not null check (action in ('halted', 'skipped')),
  failed_at timestamptz not null default now(),
  constraint dead_letters_event_key unique (projection, event_id)
);`,
    },
  ];
};
