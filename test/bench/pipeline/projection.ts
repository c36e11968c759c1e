// Update → projection latency: from the webhook's 200 (the update is durable) to the moment the read-model
// projector's checkpoint covers the update's first event — i.e. when a read of the read models sees it. The
// projector writes its checkpoint in the same transaction as the rows, so the checkpoint is the visibility point.
// The benchmark polls that checkpoint every `pollMs` (the resolution: a latency is late by less than pollMs) and,
// after a level, finds each update's first event in the log by its correlation id (`tg:<update_id>`).
import type pg from 'pg';
import { quantiles, type Quantiles } from './openLoop.js';
import type { Shot } from './workload.js';
import { now } from './workload.js';

interface Sample {
  readonly at: number;
  readonly commit: bigint;
  readonly position: bigint;
}

export interface ProjectionLatency extends Quantiles {
  /** Acked updates whose first event the checkpoint covered within the wait. */
  readonly projected: number;
  readonly acked: number;
  readonly pollMs: number;
}

const covers = (sample: Sample, commit: bigint, position: bigint): boolean =>
  sample.commit > commit || (sample.commit === commit && sample.position >= position);

export interface ProjectionWatch {
  /** Latencies of `shots`: waits up to `waitMs` for the projector to cover them all. */
  measure(shots: readonly Shot[], waitMs: number): Promise<ProjectionLatency>;
  /** Transactions this watch has run so far (its polls count in pg_stat_database too: the benchmark subtracts them). */
  transactions(): number;
  stop(): Promise<void>;
}

export const watchProjection = (client: pg.Client, options: { readonly projection: string; readonly checkpointTable: string; readonly eventsTable: string; readonly pollMs: number }): ProjectionWatch => {
  const samples: Sample[] = [];
  let running = true;
  let transactions = 0;
  const poll = (async () => {
    while (running) {
      transactions += 1;
      const { rows } = await client.query<{ commit: string; position: string }>(
        `select commit::text as commit, position::text as position from ${options.checkpointTable} where projection = $1`,
        [options.projection],
      );
      const row = rows[0];
      const last = samples.at(-1);
      if (row !== undefined) {
        const commit = BigInt(row.commit);
        const position = BigInt(row.position);
        if (last === undefined || last.commit !== commit || last.position !== position) samples.push({ at: now(), commit, position });
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    }
  })().catch(() => undefined);

  const firstEvents = async (shots: readonly Shot[]): Promise<Map<string, { commit: bigint; position: bigint }>> => {
    const ids = shots.map((shot) => `tg:${shot.updateId}`);
    transactions += 1;
    const { rows } = await client.query<{ id: string; commit: string; position: string }>(
      `select distinct on (metadata->>'correlationId') metadata->>'correlationId' as id, transaction_id::text as commit, global_position::text as position
       from ${options.eventsTable} where metadata->>'correlationId' = any($1::text[])
       order by metadata->>'correlationId', transaction_id, global_position`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, { commit: BigInt(row.commit), position: BigInt(row.position) }]));
  };

  /** The first sample covering the event (samples only move forward): binary search. */
  const coveredAt = (commit: bigint, position: bigint): number | undefined => {
    let low = 0;
    let high = samples.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (covers(samples[mid]!, commit, position)) high = mid;
      else low = mid + 1;
    }
    return samples[low]?.at;
  };

  return {
    async measure(shots, waitMs) {
      const acked = shots.filter((shot) => shot.status === 200 && shot.ackedAt !== undefined);
      let events = await firstEvents(acked);
      const deadline = now() + waitMs;
      const lastOf = (): { commit: bigint; position: bigint } | undefined =>
        [...events.values()].reduce<{ commit: bigint; position: bigint } | undefined>((max, event) => (max === undefined || !covers({ at: 0, ...max }, event.commit, event.position) ? event : max), undefined);
      // Wait until every acked update has its event and the checkpoint covers the last of them.
      while (now() < deadline) {
        const last = lastOf();
        const head = samples.at(-1);
        if (events.size >= acked.length && last !== undefined && head !== undefined && covers(head, last.commit, last.position)) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (events.size < acked.length) events = await firstEvents(acked);
      }
      const latencies: number[] = [];
      for (const shot of acked) {
        const event = events.get(`tg:${shot.updateId}`);
        const at = event === undefined ? undefined : coveredAt(event.commit, event.position);
        // Projected before the client had read the 200 (possible on a busy machine): counts as 0.
        if (at !== undefined) latencies.push(Math.max(0, at - shot.ackedAt!));
      }
      return { ...quantiles(latencies), projected: latencies.length, acked: acked.length, pollMs: options.pollMs };
    },
    transactions: () => transactions,
    async stop() {
      running = false;
      await poll;
    },
  };
};
