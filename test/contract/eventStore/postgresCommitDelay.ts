// For the Postgres contract runs (plain and behind the crypto-shredding wrapper): append inside an open transaction
// and commit later, so transactions commit in another order than they took their ids and positions — the case a
// reader by position alone gets wrong.
import type pg from 'pg';
import { appendEvents, type SqlNames } from '../../../actors/eventStore/postgres/index.js';
import type { AppendOutcome, AppendRequest } from '../../../actors/eventStore/types.js';
import { sleep } from './harness.js';

export const appendWithCommitDelayOn =
  (pool: pg.Pool, names: SqlNames) =>
  async (request: AppendRequest, delayMs: number): Promise<AppendOutcome> => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const [outcome] = await appendEvents(client, names, [request]);
      await sleep(delayMs);
      await client.query('commit');
      // The store notifies after its own appends; this one bypassed it, so wake listeners the same way.
      await client.query('select pg_notify($1, $2)', [names.channel, '']);
      if (outcome === undefined) throw new Error('appendEvents returned no outcome');
      return outcome;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
