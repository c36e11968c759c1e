// The dispatcher's schema, as numbered migrations for ops/migrations (a shipped migration is never edited).
// - checkpoints: how far each dispatcher (by name) has finished the global log. Checkpoint parts are numeric(20)
//   because the event store's commit/position are unsigned 64-bit numbers.
// - dispatch_attempts: the write-ahead record of Telegram calls: a row is written before a call goes out and marked
//   done when it finished, so after a crash the dispatcher tells "maybe sent" (resend, counted) from "done" (skip).
//   Rows are deleted when the checkpoint passes their events, so the table holds only the calls in flight.
import { dispatcherSqlNames } from './names.js';

export interface DispatcherMigration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export const dispatcherMigrations = (schema?: string): readonly DispatcherMigration[] => {
  const n = dispatcherSqlNames(schema);
  return [
    {
      id: 1,
      name: 'checkpoints and dispatch attempts',
      sql: `
create table ${n.checkpoints} (
  name text primary key,
  commit_position numeric(20, 0) not null,
  log_position numeric(20, 0) not null,
  updated_at timestamptz not null default now()
);

create table ${n.attempts} (
  name text not null,
  event_id text not null,
  attempts integer not null default 1,
  started_at timestamptz not null default now(),
  done_at timestamptz,
  outcome text check (outcome in ('sent', 'refused')),
  primary key (name, event_id)
);
`,
    },
  ];
};
