// Creating and dropping a whole read-model schema (a hundred-odd tables with their partitions and indexes) in one
// transaction holds a transaction id for as long as the catalog work takes — up to a second on a busy machine, and
// every live log reader waits that long (boundedTransactions.ts). So both go statement by statement, each its own
// short transaction. Nobody reads the shadow (or the old schema after a swap) meanwhile, so the steps in between
// are harmless; a rebuild that stops between them leaves a half-made shadow that the next one drops first.
import type pg from 'pg';
import { readModelIndexesSql, readModelTablesSql } from '../readModels/ddl.js';
import { USER_STATS_VIEW, validateReadModelSchema } from '../readModels/names.js';

/** The statements of a DDL script, one by one. */
export const ddlStatements = (sql: string): string[] =>
  sql
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s.length > 0);

/** Drops `schema` (if it exists) a table at a time: the view, then each partition, then the rest. */
export const dropSchemaInSteps = async (pool: pg.Pool, schema: string): Promise<void> => {
  validateReadModelSchema(schema);
  await pool.query(`drop view if exists ${schema}.${USER_STATS_VIEW}`);
  const { rows } = await pool.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p') order by c.relispartition desc, c.relname`,
    [schema],
  );
  for (const { name } of rows) await pool.query(`drop table if exists ${schema}.${name} cascade`);
  await pool.query(`drop schema if exists ${schema} cascade`);
};

/**
 * A fresh, empty shadow schema with every table, partition and secondary index (indexes on empty tables cost
 * nothing to create; the chunked COPY then maintains them, so no long CREATE INDEX runs after it).
 */
export const createShadowSchema = async (pool: pg.Pool, schema: string, partitions: number): Promise<void> => {
  validateReadModelSchema(schema);
  await dropSchemaInSteps(pool, schema);
  await pool.query(`create schema ${schema}`);
  for (const statement of [...ddlStatements(readModelTablesSql(schema, partitions)), ...ddlStatements(readModelIndexesSql(schema))]) {
    await pool.query(statement);
  }
};
