// Which databases `lexbot ops migrate` (and every role at start) touches, from the configuration: the event store's
// schema where the event store is PostgreSQL (EVENTSTORE_URL, else DATABASE_URL); the read models, the projector's
// checkpoints, the dispatcher's state and the durable timers in DATABASE_URL.
import pg from 'pg';
import { DEFAULT_SCHEMA } from '../../actors/eventStore/postgres/index.js';
import type { Config } from '../config/config.js';
import { runMigrations, type AppliedMigration, type MigrationReport, type MigrationSet } from './runMigrations.js';
import { broadcastMigrationSet, dispatcherMigrationSet, eventStoreMigrationSet, keyMigrationSet, projectorMigrationSet, readModelMigrationSet, timerMigrationSet } from './sets.js';

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

const applySets = async (url: string, sets: readonly MigrationSet[], options: MigrateOptions): Promise<DatabaseReport[]> => {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined);
  try {
    const reports: DatabaseReport[] = [];
    for (const set of sets) {
      const report = await runMigrations(pool, set, {
        ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }),
        ...(options.onApplied === undefined ? {} : { onApplied: options.onApplied }),
      });
      reports.push({ ...report, database: describeDatabase(url) });
    }
    return reports;
  } finally {
    await pool.end();
  }
};

export const migrateDatabases = async (config: Config, options: MigrateOptions = {}): Promise<MigrateReport> => {
  const eventStoreUrl = config.eventStoreUrl;
  const databaseUrl = config.databaseUrl;
  if (eventStoreUrl === undefined && databaseUrl === undefined) {
    throw new Error('nothing to migrate: set DATABASE_URL (and EVENTSTORE_URL if the log lives elsewhere) to a postgres:// URL; single-node mode migrates its embedded database at start');
  }
  const migrated: DatabaseReport[] = [];
  const skipped: { set: string; reason: string }[] = [];
  if (eventStoreUrl !== undefined && isPostgresUrl(eventStoreUrl)) {
    migrated.push(...(await applySets(eventStoreUrl, [eventStoreMigrationSet(options.eventStoreSchema ?? DEFAULT_SCHEMA)], options)));
  } else {
    skipped.push({ set: 'eventstore', reason: 'EVENTSTORE_URL names KurrentDB/EventStoreDB, which has no schema to migrate' });
  }
  const readSide = [readModelMigrationSet(), projectorMigrationSet(), dispatcherMigrationSet(), timerMigrationSet(), keyMigrationSet(), broadcastMigrationSet()];
  if (databaseUrl !== undefined) migrated.push(...(await applySets(databaseUrl, readSide, options)));
  else for (const set of readSide) skipped.push({ set: set.name, reason: 'DATABASE_URL is not set' });
  return { migrated, skipped };
};
