// The broadcast runner's tables: one row per broadcast (its progress: cursor over recipients by user id, counts,
// the admin's progress message) and one per recipient claimed, whose primary key makes a second send impossible.
// No text is copied here: it stays in read_models.moderation, the admin's personal data (Guarantee 7), so a
// forgotten admin's words disappear with their rows.
import { DEFAULT_BROADCAST_SCHEMA, validateSchema } from './names.js';

export interface BroadcastMigration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export const broadcastMigrations = (schema: string = DEFAULT_BROADCAST_SCHEMA): readonly BroadcastMigration[] => {
  const s = validateSchema(schema);
  return [
    {
      id: 1,
      name: 'create_broadcasts',
      sql: `create table ${s}.broadcasts (
  broadcast_id text primary key,
  admin_id bigint not null,
  started_at timestamptz not null,
  total integer not null,
  sent integer not null default 0,
  failed integer not null default 0,
  cursor bigint not null default 0,
  progress_message_id bigint,
  finished_at timestamptz
);
create index broadcasts_unfinished_idx on ${s}.broadcasts (started_at) where finished_at is null;
create table ${s}.deliveries (
  broadcast_id text not null,
  user_id bigint not null,
  outcome text not null check (outcome in ('claimed', 'sent', 'failed')),
  at timestamptz not null default now(),
  primary key (broadcast_id, user_id)
);`,
    },
  ];
};
