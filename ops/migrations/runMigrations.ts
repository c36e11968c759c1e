// Applies numbered SQL migrations to one schema, each in its own transaction together with its record in
// <schema>.schema_migrations. A transaction-scoped advisory lock per schema lets several processes (two pods
// starting, a CI job) run this at once: one applies, the others wait and then find nothing left to do.
import { createHash } from 'node:crypto';
import type pg from 'pg';

export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export interface MigrationSet {
  /** What the set migrates, for progress lines and reports (e.g. "eventstore"). */
  readonly name: string;
  readonly schema: string;
  readonly migrations: readonly Migration[];
}

export type MigrationErrorCode = 'CHECKSUM_MISMATCH' | 'UNKNOWN_MIGRATION' | 'INVALID_MIGRATIONS';

export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface AppliedMigration {
  readonly id: number;
  readonly name: string;
  readonly ms: number;
}

export interface MigrationReport {
  readonly set: string;
  readonly schema: string;
  /** Applied by this run, in order. */
  readonly applied: readonly AppliedMigration[];
  /** Not applied (only with `dryRun`). */
  readonly pending: readonly { readonly id: number; readonly name: string }[];
  /** Highest applied id after the run (0: none). */
  readonly version: number;
}

export interface RunMigrationsOptions {
  /** Report what would run without changing anything. */
  readonly dryRun?: boolean;
  readonly onApplied?: (set: MigrationSet, migration: AppliedMigration) => void;
}

interface AppliedRow {
  id: number;
  name: string;
  checksum: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const checksum = (sql: string): string => createHash('sha256').update(sql).digest('hex');

const checkSet = (set: MigrationSet): void => {
  if (!SCHEMA_NAME.test(set.schema)) throw new MigrationError('INVALID_MIGRATIONS', `invalid schema name ${JSON.stringify(set.schema)}`);
  set.migrations.forEach((migration, index) => {
    if (migration.id !== index + 1) {
      throw new MigrationError('INVALID_MIGRATIONS', `${set.name}: migration ids must be 1, 2, 3, … in order (found ${migration.id} at ${index + 1})`);
    }
  });
};

/** Refuses a database that ran a migration this code does not know, or whose text changed since it ran. */
const verifyApplied = (set: MigrationSet, rows: readonly AppliedRow[]): void => {
  for (const row of rows) {
    const known = set.migrations[row.id - 1];
    if (known === undefined) {
      throw new MigrationError('UNKNOWN_MIGRATION', `${set.name}: the database has migration ${row.id} (${row.name}), which this version of lexbot does not know; run a newer lexbot`);
    }
    if (checksum(known.sql) !== row.checksum) {
      throw new MigrationError('CHECKSUM_MISMATCH', `${set.name}: migration ${row.id} (${row.name}) changed after it was applied; add a new migration instead of editing one`);
    }
  }
};

const lockKey = (schema: string): string => `lexbot.migrate.${schema}`;

const readApplied = async (client: pg.PoolClient, schema: string): Promise<AppliedRow[]> => {
  const exists = await client.query<{ found: boolean }>('select to_regclass($1) is not null as found', [`${schema}.schema_migrations`]);
  if (!exists.rows[0]?.found) return [];
  const result = await client.query<AppliedRow>(`select id, name, checksum from ${schema}.schema_migrations order by id`);
  return result.rows;
};

export const runMigrations = async (pool: pg.Pool, set: MigrationSet, options: RunMigrationsOptions = {}): Promise<MigrationReport> => {
  checkSet(set);
  const client = await pool.connect();
  const applied: AppliedMigration[] = [];
  try {
    for (;;) {
      await client.query('begin');
      try {
        await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey(set.schema)]);
        const rows = await readApplied(client, set.schema);
        verifyApplied(set, rows);
        const next = set.migrations[rows.length];
        if (next === undefined || options.dryRun) {
          await client.query('rollback');
          const pending = set.migrations.slice(rows.length).map(({ id, name }) => ({ id, name }));
          return { set: set.name, schema: set.schema, applied, pending, version: rows.length };
        }
        const started = performance.now();
        await client.query(`create schema if not exists ${set.schema}`);
        await client.query(`create table if not exists ${set.schema}.schema_migrations (
          id integer primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`);
        await client.query(next.sql);
        await client.query(`insert into ${set.schema}.schema_migrations (id, name, checksum) values ($1, $2, $3)`, [next.id, next.name, checksum(next.sql)]);
        await client.query('commit');
        const done = { id: next.id, name: next.name, ms: Math.round(performance.now() - started) };
        applied.push(done);
        options.onApplied?.(set, done);
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    }
  } finally {
    client.release();
  }
};
