// The timer store's schema, as numbered migrations for ops/migrations (a shipped migration is never edited).
// One row per timer id; a cancelled timer that was never scheduled is a row too (a tombstone), so a schedule that
// arrives after its cancel stays cancelled. The partial index holds only pending timers, so polling for due ones
// stays cheap however many have fired.
import { timerSqlNames } from './names.js';

export interface TimerMigration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export const timerMigrations = (schema?: string): readonly TimerMigration[] => {
  const n = timerSqlNames(schema);
  return [
    {
      id: 1,
      name: 'timers',
      sql: `
create table ${n.timers} (
  timer_id text primary key,
  state text not null check (state in ('scheduled', 'fired', 'cancelled')),
  fire_at timestamptz,
  target text,
  message jsonb,
  event_id text,
  headers jsonb not null default '{}',
  updated_at timestamptz not null default now(),
  fired_at timestamptz,
  check (state = 'cancelled' or (fire_at is not null and target is not null and event_id is not null))
);

create index timers_due_idx on ${n.timers} (fire_at, timer_id) where state = 'scheduled';
`,
    },
  ];
};
