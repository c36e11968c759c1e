// Each test gets its own Postgres schema (dropped afterwards), so the suite can run twice in a row and in parallel.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  readonly schema: string;
  readonly pool: pg.Pool;
  drop(): Promise<void>;
}

export const createTestSchema = async (prefix = 't'): Promise<TestSchema> => {
  const schema = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 20 });
  await pool.query(`create schema ${schema}`);
  return {
    schema,
    pool,
    async drop() {
      await pool.query(`drop schema if exists ${schema} cascade`);
      await pool.end();
    },
  };
};
