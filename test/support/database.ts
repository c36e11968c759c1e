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

export const createTestDatabase = async (): Promise<TestDatabase> => {
  const name = `lexbot_t_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
};
