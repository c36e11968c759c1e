// Waits until every transaction that began before the call has ended, anywhere in the cluster. The Postgres event
// store shows an event in readAll only then (commit order), and other test files keep transactions open, so a
// test that reads right after appending waits here first instead of failing now and then.
import type pg from 'pg';

export const settle = async (pool: pg.Pool): Promise<void> => {
  const { rows } = await pool.query<{ next: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as next');
  const next = BigInt(rows[0]!.next);
  for (;;) {
    const now = await pool.query<{ oldest: string }>('select pg_snapshot_xmin(pg_current_snapshot())::text as oldest');
    if (BigInt(now.rows[0]!.oldest) >= next) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
