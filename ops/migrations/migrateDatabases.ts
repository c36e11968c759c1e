// Which databases `lexbot ops migrate` touches, from the configuration: the event store's schema when the event
// store is PostgreSQL (EVENTSTORE_URL, else DATABASE_URL). Read-model sets join here when they exist.
import pg from 'pg';
import { DEFAULT_SCHEMA } from '../../actors/eventStore/postgres/index.js';
import type { Config } from '../config/config.js';
import { runMigrations, type AppliedMigration, type MigrationReport, type MigrationSet } from './runMigrations.js';
import { eventStoreMigrationSet } from './sets.js';

export interface MigrateOptions {
  readonly eventStoreSchema?: string;
  readonly dryRun?: boolean;
  readonly onApplied?: (set: MigrationSet, migration: AppliedMigration) => void;
}

export interface DatabaseReport extends MigrationReport {
  /** host:port/database, never credentials. */
  readonly database: string;
}

export interface MigrateReport {
  readonly migrated: readonly DatabaseReport[];
  /** Parts with nothing to migrate here, and why. */
  readonly skipped: readonly { readonly set: string; readonly reason: string }[];
}

const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

export const describeDatabase = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
};

export const migrateDatabases = async (config: Config, options: MigrateOptions = {}): Promise<MigrateReport> => {
  const url = config.eventStoreUrl;
  if (url === undefined) {
    throw new Error('nothing to migrate: set EVENTSTORE_URL or DATABASE_URL to a postgres:// URL (single-node mode migrates its embedded database at start)');
  }
  if (!isPostgresUrl(url)) {
    return { migrated: [], skipped: [{ set: 'eventstore', reason: 'EVENTSTORE_URL names KurrentDB/EventStoreDB, which has no schema to migrate' }] };
  }
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined);
  try {
    const set = eventStoreMigrationSet(options.eventStoreSchema ?? DEFAULT_SCHEMA);
    const report = await runMigrations(pool, set, {
      ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }),
      ...(options.onApplied === undefined ? {} : { onApplied: options.onApplied }),
    });
    return { migrated: [{ ...report, database: describeDatabase(url) }], skipped: [] };
  } finally {
    await pool.end();
  }
};
