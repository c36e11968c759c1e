// The dead-letter table: events a projection could not apply, with the error. Inserted in the batch's own
// transaction when skipping (so the skip and the checkpoint move together); a repeat of the same event is ignored.
import type pg from 'pg';
import { runnerTables } from './names.js';
import type { EventFailure, FailureMode } from './types.js';

export interface DeadLetter {
  readonly projection: string;
  readonly eventId: string;
  readonly streamName: string;
  readonly eventType: string;
  readonly checkpoint: string;
  readonly error: string;
  readonly action: 'halted' | 'skipped';
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export interface DeadLetterStore {
  record(db: Queryable, projection: string, failures: readonly EventFailure[], mode: FailureMode): Promise<void>;
  list(db: Queryable, projection: string): Promise<DeadLetter[]>;
}

export const createDeadLetterStore = (schema?: string): DeadLetterStore => {
  const t = runnerTables(schema);
  return {
    async record(db, projection, failures, mode) {
      if (failures.length === 0) return;
      await db.query(
        `insert into ${t.deadLetters} (projection, event_id, stream_name, event_type, commit, position, error, action)
         select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::numeric[], $6::bigint[], $7::text[], $8::text[])
         on conflict (projection, event_id) do nothing`,
        [
          projection,
          failures.map((f) => f.event.id),
          failures.map((f) => f.event.streamName),
          failures.map((f) => f.event.type),
          failures.map((f) => f.event.checkpoint.commit.toString()),
          failures.map((f) => f.event.checkpoint.position.toString()),
          failures.map((f) => f.error),
          failures.map(() => (mode === 'halt' ? 'halted' : 'skipped')),
        ],
      );
    },
    async list(db, projection) {
      const result = await db.query<{ event_id: string; stream_name: string; event_type: string; cp: string; error: string; action: 'halted' | 'skipped' }>(
        `select event_id, stream_name, event_type, commit::text || '/' || position as cp, error, action from ${t.deadLetters} where projection = $1 order by id`,
        [projection],
      );
      return result.rows.map((r) => ({ projection, eventId: r.event_id, streamName: r.stream_name, eventType: r.event_type, checkpoint: r.cp, error: r.error, action: r.action }));
    },
  };
};
