// One active instance per projection: a lease row (owner, expiry on the database's clock) that the owner renews and
// a standby takes once it has expired. Chosen over an advisory lock on a session connection because a lease row
// expires on its own when the owner's host vanishes or the network splits (a session lock lives until the server
// notices the dead TCP connection, minutes with default keepalives), works through PgBouncer in transaction mode,
// and is visible to operators (`select * from projector.leases`). Takeover time ≤ ttl + the standby's retry
// interval (defaults 7 s + 2 s < 10 s). Exclusivity is best effort by design: the checkpoint fence in every batch
// transaction (readModelTarget.ts) is what keeps a stale owner from writing.
import type pg from 'pg';
import { runnerTables } from './names.js';

export interface LeaseOptions {
  readonly pool: pg.Pool;
  readonly projection: string;
  /** Unique per process (host, pid, random suffix). */
  readonly owner: string;
  readonly ttlMs?: number;
  readonly schema?: string;
}

export interface Lease {
  /** Takes or renews the lease; true while this owner holds it. */
  acquire(): Promise<boolean>;
  /** Gives it up at once (graceful shutdown), so a standby need not wait for the expiry. */
  release(): Promise<void>;
  readonly ttlMs: number;
}

export const DEFAULT_LEASE_TTL_MS = 7_000;

export const createLease = (options: LeaseOptions): Lease => {
  const t = runnerTables(options.schema);
  const ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  return {
    ttlMs,
    async acquire() {
      const result = await options.pool.query(
        `insert into ${t.leases} as l (projection, owner, expires_at, acquired_at)
         values ($1, $2, clock_timestamp() + $3 * interval '1 millisecond', clock_timestamp())
         on conflict (projection) do update
           set owner = excluded.owner, expires_at = excluded.expires_at,
               acquired_at = case when l.owner = excluded.owner then l.acquired_at else excluded.acquired_at end
           where l.owner = excluded.owner or l.expires_at < clock_timestamp()
         returning owner`,
        [options.projection, options.owner, ttlMs],
      );
      return result.rowCount === 1;
    },
    async release() {
      await options.pool.query(`delete from ${t.leases} where projection = $1 and owner = $2`, [options.projection, options.owner]);
    },
  };
};
