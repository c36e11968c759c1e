// `lexbot ops migrate`: bring the database schemas up to date. Safe to run from several places at once (the
// runner locks per schema) and to repeat (applied migrations are skipped, edited ones refused).
import type { Command } from 'commander';
import { DEFAULT_SCHEMA, validateSchemaName } from '../../../actors/eventStore/postgres/index.js';
import { loadConfig } from '../../config/config.js';
import { migrateDatabases, type MigrateReport } from '../../migrations/migrateDatabases.js';

export interface MigrateCommandDeps {
  readonly env: () => Readonly<Record<string, string | undefined>>;
  readonly print: (line: string) => void;
}

interface MigrateFlags {
  readonly eventStoreSchema: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

const summary = (report: MigrateReport, dryRun: boolean): string[] => [
  ...report.migrated.map((db) =>
    dryRun && db.pending.length > 0
      ? `${db.set} (${db.database}, schema ${db.schema}): at version ${db.version}; would apply ${db.pending.map((m) => `${m.id} ${m.name}`).join(', ')}`
      : `${db.set} (${db.database}, schema ${db.schema}): up to date at version ${db.version}${db.applied.length > 0 ? ` (applied ${db.applied.length})` : ''}`,
  ),
  ...report.skipped.map((skip) => `${skip.set}: skipped: ${skip.reason}`),
];

export const registerMigrateCommand = (ops: Command, deps: MigrateCommandDeps = { env: () => process.env, print: (line) => console.log(line) }): void => {
  ops
    .command('migrate')
    .description('apply pending database migrations (event store, read models, projector, dispatcher, timers); safe to repeat and to run concurrently')
    .option('--event-store-schema <name>', 'schema holding the event store tables', DEFAULT_SCHEMA)
    .option('--dry-run', 'list pending migrations without applying them')
    .option('--json', 'print one JSON object (for scripts) instead of progress lines')
    .action(async (flags: MigrateFlags) => {
      const config = loadConfig(deps.env());
      const schema = validateSchemaName(flags.eventStoreSchema);
      const dryRun = flags.dryRun === true;
      const report = await migrateDatabases(config, {
        eventStoreSchema: schema,
        dryRun,
        onApplied: (set, migration) => {
          if (!flags.json) deps.print(`${set.name} (schema ${set.schema}): applied ${migration.id} ${migration.name} (${migration.ms} ms)`);
        },
      });
      if (flags.json) deps.print(JSON.stringify({ dryRun, ...report }));
      else for (const line of summary(report, dryRun)) deps.print(line);
    });
};
