// The workloads. Every append goes to a stream of its own (expected: no stream), so the figures measure the cost of
// an append, not of conflicts; events are small and realistic (a profile edit with correlation metadata).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { SqlNames } from '../../../actors/eventStore/postgres/index.js';
import { START, type Checkpoint, type EventStore, type NewEvent } from '../../../actors/eventStore/types.js';
import { runLoad, timeScan, type LoadResult } from './measure.js';
import type { BareTarget, EmmettTarget } from './stores.js';

export interface LoadShape {
  readonly concurrency: number;
  readonly durationMs: number;
  readonly warmupMs: number;
}

let run = 0;
const runId = (): string => `${Date.now().toString(36)}${(run += 1)}`;

export const benchEvent = (user: string): NewEvent => ({
  id: randomUUID(),
  type: 'ProfileFieldChanged',
  schemaVersion: 1,
  data: { userId: user, field: 'about', value: 'Native Spanish speaker learning German, B1; evenings CET.', at: '2026-01-01T12:00:00.000Z' },
  metadata: { correlationId: randomUUID(), causationId: randomUUID() },
});

export const oursSingleAppends = (store: EventStore, shape: LoadShape): Promise<LoadResult> => {
  const id = runId();
  return runLoad({
    ...shape,
    operation: async (worker, sequence) => {
      const stream = `user-${id}-${worker}-${sequence}`;
      await store.append(stream, 'no_stream', [benchEvent(stream)]);
      return 1;
    },
  });
};

export const emmettSingleAppends = (emmett: EmmettTarget, shape: LoadShape): Promise<LoadResult> => {
  const id = runId();
  return runLoad({
    ...shape,
    operation: async (worker, sequence) => {
      const stream = `user-${id}-${worker}-${sequence}`;
      await emmett.appendNew(stream, benchEvent(stream));
      return 1;
    },
  });
};

export const bareSingleInserts = (bare: BareTarget, shape: LoadShape): Promise<LoadResult> => {
  const id = runId();
  return runLoad({
    ...shape,
    operation: async (worker, sequence) => {
      const stream = `user-${id}-${worker}-${sequence}`;
      await bare.insert(stream, benchEvent(stream));
      return 1;
    },
  });
};

/** appendMany of `streams` new streams per call, `eventsPerStream` events each. */
export const oursGroupedAppends = (store: EventStore, shape: LoadShape, streams: number, eventsPerStream = 1): Promise<LoadResult> => {
  const id = runId();
  return runLoad({
    ...shape,
    operation: async (worker, sequence) => {
      const requests = Array.from({ length: streams }, (_, index) => {
        const stream = `user-${id}-${worker}-${sequence}-${index}`;
        return { stream, expected: 'no_stream' as const, events: Array.from({ length: eventsPerStream }, () => benchEvent(stream)) };
      });
      const outcomes = await store.appendMany(requests);
      const failed = outcomes.find((outcome) => !outcome.ok);
      if (failed && !failed.ok) throw failed.error;
      return streams * eventsPerStream;
    },
  });
};

/** Grows the log to `size` events with large grouped appends (not measured). */
export const fillLog = async (store: EventStore, names: SqlNames, pool: pg.Pool, size: number): Promise<number> => {
  const count = async (): Promise<number> => Number((await pool.query<{ n: string }>(`select count(*) as n from ${names.events}`)).rows[0]!.n);
  let have = await count();
  const id = runId();
  let call = 0;
  while (have < size) {
    const batch = Array.from({ length: 8 }, () => {
      call += 1;
      return Array.from({ length: 64 }, (_, index) => {
        const stream = `fill-${id}-${call}-${index}`;
        return { stream, expected: 'no_stream' as const, events: [benchEvent(stream), benchEvent(stream), benchEvent(stream), benchEvent(stream)] };
      });
    });
    await Promise.all(batch.map((requests) => store.appendMany(requests)));
    have += 8 * 64 * 4;
  }
  await pool.query(`analyze ${names.events}`);
  return count();
};

/** readAll from the start of the log to its end, page by page. */
export const scanWithReadAll = (store: EventStore, pageSize: number) =>
  timeScan(async () => {
    let after: Checkpoint = START;
    let total = 0;
    for (;;) {
      const page = await store.readAll(after, pageSize);
      total += page.events.length;
      if (page.events.length < pageSize) return total;
      after = page.checkpoint;
    }
  });

/**
 * The baseline: a bare keyset read of the same table by the same key, the same columns and page size, straight
 * from `pg` (its default jsonb parsing) — no visibility bound, no mapping to the port's types. The ORDER BY names
 * the table's column: a bare `transaction_id` would mean the `transaction_id::text` output column.
 */
export const scanBare = (pool: pg.Pool, names: SqlNames, pageSize: number) =>
  timeScan(async () => {
    let commit = '0';
    let position = '0';
    let total = 0;
    for (;;) {
      const result = await pool.query<unknown[]>({
        name: `bench_bare_${names.schema}`,
        text: `select global_position, transaction_id::text, stream_name, stream_version, event_id, event_type, schema_version,
                      data, metadata, (extract(epoch from recorded_at) * 1000)::float8
               from ${names.events} e
               where (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
               order by e.transaction_id, e.global_position
               limit $3`,
        values: [commit, position, pageSize],
        rowMode: 'array',
      });
      total += result.rows.length;
      if (result.rows.length < pageSize) return total;
      const last = result.rows[result.rows.length - 1]!;
      position = String(last[0]);
      commit = String(last[1]);
    }
  });
