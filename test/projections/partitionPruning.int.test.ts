// Per-user queries read one hash partition: visible in EXPLAIN as a scan of a single users_pN / matches_pN.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProjectionDb, type ProjectionDb } from './support/projectionDb.js';

const scannedPartitions = (plan: string, table: string): string[] => [...new Set(plan.match(new RegExp(`\\b${table}_p\\d+\\b`, 'g')) ?? [])];

describe('partition pruning', () => {
  let db: ProjectionDb;
  beforeEach(async () => {
    db = await createProjectionDb(8);
  });
  afterEach(async () => db.drop());

  const explain = async (sql: string, values: unknown[] = []): Promise<string> =>
    (await db.pool.query<{ 'QUERY PLAN': string }>(`explain (costs off) ${sql}`, values)).rows.map((r) => r['QUERY PLAN']).join('\n');

  it('a query by user id scans one partition of users and of matches', async () => {
    const users = await explain(`select * from ${db.readModels}.users where user_id = 123456789`);
    expect(scannedPartitions(users, 'users')).toHaveLength(1);
    const matches = await explain(`select * from ${db.readModels}.matches where user_id = 123456789 and status = 'active'`);
    expect(scannedPartitions(matches, 'matches')).toHaveLength(1);
  });

  it('user_stats for one user touches one partition of each table it joins', async () => {
    const plan = await explain(`select * from ${db.readModels}.user_stats where user_id = 42`);
    expect(scannedPartitions(plan, 'users')).toHaveLength(1);
    expect(scannedPartitions(plan, 'matches')).toHaveLength(1);
    expect(scannedPartitions(plan, 'reports')).toHaveLength(1);
  });

  it('a query without the user id scans every partition (the check above can fail)', async () => {
    const plan = await explain(`select * from ${db.readModels}.users where status = 'active'`);
    expect(scannedPartitions(plan, 'users')).toHaveLength(8);
  });
});
