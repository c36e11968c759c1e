// The follower's tables, created by the target itself (idempotent, serialised by an advisory lock so processes
// starting together do not race on CREATE). `watchers` is a function of the log like every read model.
import type pg from 'pg';
import { validateReadModelSchema } from '../../readModels/names.js';

export const ensureAlertSchema = async (pool: pg.Pool, schema: string, projection: string): Promise<void> => {
  const s = validateReadModelSchema(schema);
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`lexbot:${s}`]);
    await client.query(`create schema if not exists ${s}`);
    await client.query(`create table if not exists ${s}.watchers (user_id bigint primary key, since timestamptz not null)`);
    await client.query(`create table if not exists ${s}.projection_checkpoints (projection text primary key, commit numeric(20) not null, position bigint not null)`);
    await client.query(`insert into ${s}.projection_checkpoints (projection, commit, position) values ($1, 0, 0) on conflict do nothing`, [projection]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
