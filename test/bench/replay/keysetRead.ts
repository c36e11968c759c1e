// The baseline: a bare keyset read of the same log with plain pg, paging by the key that orders it
// (transaction_id, global_position), the same columns and visibility bound as the store's readAll, rows as arrays —
// no mapping, no decoding. The ORDER BY names the table's columns (`e.`): a bare `transaction_id` would be the
// `transaction_id::text` output column, a sort of the whole remaining log for every page.
import type pg from 'pg';

export const bareKeysetRead = async (pool: pg.Pool, schema: string, pageSize: number): Promise<{ events: number; seconds: number; cpuSeconds: number }> => {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let commit = '0';
  let position = '0';
  let events = 0;
  for (;;) {
    const result = await pool.query<unknown[]>({
      name: `bench_replay_bare_${schema}`,
      text: `select global_position, transaction_id::text, stream_name, stream_version, event_id, event_type, schema_version, data, metadata,
                    (extract(epoch from recorded_at) * 1000)::float8
               from ${schema}.events e
              where (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
                and e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
              order by e.transaction_id, e.global_position
              limit $3`,
      values: [commit, position, pageSize],
      rowMode: 'array',
    });
    if (result.rows.length === 0) break;
    const last = result.rows[result.rows.length - 1]!;
    position = String(last[0]);
    commit = String(last[1]);
    events += result.rows.length;
  }
  const cpu = process.cpuUsage(cpuStarted);
  return { events, seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
};
