// Runs work on one pooled connection and gives it back healthy after an error the server reported. `pool.query`
// destroys its connection on any error, a unique violation included, so every append that fell back from the
// fast path (a repeat, a version conflict, a race) cost a new backend: tens of milliseconds of connection setup
// and the statements prepared again, instead of one round trip more.
import type pg from 'pg';

/** An error the server sent in reply (it has a SQLSTATE): the session is fine and stays in the pool. */
const reportedByServer = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code);

export const withClient = async <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await work(client);
  } catch (error) {
    if (!reportedByServer(error)) broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
};
