// A whole database per test, for code that uses fixed schema names (a full `lexbot start`): created fresh, dropped
// afterwards, so runs never see each other's events, checkpoints or timers.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TEST_DATABASE_URL } from './postgres.js';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

const admin = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};

// pg-pool's end() resolves once its clients are told to end, not once they have: a forced drop right after can
// terminate a backend whose client is still closing, and the pool, with no error listener left to take it, throws
// "terminating connection due to administrator command" into whatever test runs next. So the drop waits (briefly)
// for connections that are already going away, and forces only those that stay.
const DISCONNECT_WAIT_MS = 2_000;
const waitForDisconnects = async (client: pg.Client, name: string): Promise<void> => {
  const deadline = Date.now() + DISCONNECT_WAIT_MS;
  while (Date.now() < deadline) {
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if (rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

export const createTestDatabase = async (): Promise<TestDatabase> => {
  const name = `lexbot_t_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      admin(async (client) => {
        await waitForDisconnects(client, name);
        await client.query(`drop database if exists ${name} with (force)`);
      }),
  };
};
