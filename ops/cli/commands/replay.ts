// `lexbot ops replay`: rebuild the Postgres read models from the event log into a shadow schema while the live ones
// keep serving, then swap them in atomically; or, with --verify, compare a fresh rebuild with the live tables (row
// counts and checksums per table) and exit 1 on a difference, changing nothing.
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import pg from 'pg';
import { DEFAULT_SCHEMA, validateSchemaName } from '../../../actors/eventStore/postgres/index.js';
import { DEFAULT_READ_MODEL_SCHEMA, READ_MODELS_PROJECTION, validatePartitions, validateReadModelSchema } from '../../../projections/readModels/index.js';
import { createRedisClient } from '../../../projections/redis/index.js';
import { DEFAULT_MAX_TRANSACTION_MS, replayReadModels, type ReplayResult } from '../../../projections/replay/index.js';
import { createDeadLetterStore, DEFAULT_RUNNER_SCHEMA, validateRunnerSchema } from '../../../projections/runner/index.js';
import { loadConfig } from '../../config/config.js';
import { runMigrations } from '../../migrations/runMigrations.js';
import { projectorMigrationSet } from '../../migrations/sets.js';
import { defaultFoldWorkers, foldInWorkers, openReplayStore, type FoldWorkerLauncher } from '../../replay/index.js';

export interface ReplayCommandDeps {
  readonly env: () => Readonly<Record<string, string | undefined>>;
  readonly print: (line: string) => void;
  readonly setExitCode: (code: number) => void;
  readonly progress: boolean;
  /** How fold worker threads start (tests of the TypeScript sources start them through a loader). */
  readonly launchFoldWorker?: FoldWorkerLauncher;
}

interface ReplayFlags {
  readonly projection: string;
  readonly verify?: boolean;
  readonly json?: boolean;
  readonly schema: string;
  readonly projectorSchema: string;
  readonly eventStoreSchema: string;
  readonly partitions?: string;
  readonly skipPoison?: boolean;
  readonly workers?: string;
  readonly maxTransactionMs?: string;
}

/** Projections this command can rebuild (the Redis caches rebuild themselves from their own replay). */
export const REPLAYABLE_PROJECTIONS = [READ_MODELS_PROJECTION] as const;

const parseWorkers = (text: string | undefined): number => {
  if (text === undefined) return defaultFoldWorkers();
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new Error(`--workers must be an integer from 0 to 64, got ${JSON.stringify(text)}`);
  return n;
};

const parseMaxTransactionMs = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 600_000) throw new Error(`--max-transaction-ms must be an integer from 1 to 600000, got ${JSON.stringify(text)}`);
  return n;
};

const describe = (result: ReplayResult): string[] => {
  const r = result.rebuild;
  const seconds = Math.max(1, r.readAndFoldMs + r.writeMs + r.indexMs) / 1000;
  const lines = [
    `rebuilt from ${r.events} events in ${seconds.toFixed(1)} s (${Math.round(r.events / seconds)} events/s: read+fold ${r.readAndFoldMs} ms, COPY ${r.writeMs} ms, ANALYZE ${r.indexMs} ms)` +
      (r.skipped > 0 ? `, ${r.skipped} events dead-lettered and skipped` : ''),
  ];
  if (result.mode === 'swap') {
    lines.push(`swapped in at checkpoint ${result.swap.checkpoint.commit}/${result.swap.checkpoint.position} (${result.swap.caughtUp} events appended meanwhile applied first)`);
    if (result.redis !== null) {
      const c = result.redis;
      lines.push(`Redis caches rebuilt as generation ${c.generation} from ${c.events} events in ${(c.ms / 1000).toFixed(1)} s` + (c.skipped > 0 ? `, ${c.skipped} events dead-lettered and skipped` : ''));
    }
  } else {
    const v = result.verify;
    for (const [table, sums] of Object.entries(v.live)) {
      const rebuilt = v.rebuilt[table as keyof typeof v.rebuilt];
      const same = sums.rows === rebuilt.rows && sums.md5 === rebuilt.md5;
      lines.push(`${same ? 'same' : 'DIFFERENT'}  ${table}: live ${sums.rows} rows ${sums.md5.slice(0, 12)}, rebuilt ${rebuilt.rows} rows ${rebuilt.md5.slice(0, 12)}`);
    }
    lines.push(v.differences.length === 0 ? `verified at checkpoint ${v.checkpoint.commit}/${v.checkpoint.position}: live equals rebuilt` : `${v.differences.length} table(s) differ`);
  }
  return lines;
};

const defaultDeps: ReplayCommandDeps = {
  env: () => process.env,
  print: (line) => console.log(line),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  progress: process.stderr.isTTY === true,
};

export const registerReplayCommand = (ops: Command, deps: ReplayCommandDeps = defaultDeps): void => {
  ops
    .command('replay')
    .description(
      'rebuild the read models from the event log into shadow tables while the live ones keep serving, then swap them in atomically; ' +
        '--verify compares a rebuild with the live tables instead (row counts and checksums per table) and exits 1 on a difference',
    )
    .option('--projection <name>', `projection to rebuild: ${REPLAYABLE_PROJECTIONS.join(', ')}`, READ_MODELS_PROJECTION)
    .option('--verify', 'compare live and rebuilt tables; change nothing')
    .option('--json', 'print one JSON object (for scripts) instead of progress and lines')
    .option('--schema <name>', 'schema of the read models', DEFAULT_READ_MODEL_SCHEMA)
    .option('--projector-schema <name>', 'schema of the projector (dead letters)', DEFAULT_RUNNER_SCHEMA)
    .option('--event-store-schema <name>', 'schema of the PostgreSQL event store', DEFAULT_SCHEMA)
    .option('--partitions <n>', 'hash partitions of the rebuilt tables (default: as the live ones)')
    .option('--skip-poison', 'dead-letter events that fail and go on (default: stop on the first one)')
    .option('--workers <n>', 'threads folding the log in parallel, one slice of the streams each (on PostgreSQL fed by one reader of the log); 0 folds in the main thread (default: none on one core, two on two, else one per core but one, at most 8)')
    .option(
      '--max-transaction-ms <n>',
      `bound of each write transaction of the rebuild, in ms (live log readers, and so replies, wait for every write transaction in the cluster; default ${DEFAULT_MAX_TRANSACTION_MS})`,
    )
    .action(async (flags: ReplayFlags) => {
      if (!(REPLAYABLE_PROJECTIONS as readonly string[]).includes(flags.projection)) {
        throw new Error(`unknown projection ${JSON.stringify(flags.projection)}; known: ${REPLAYABLE_PROJECTIONS.join(', ')}`);
      }
      const config = loadConfig(deps.env());
      if (config.databaseUrl === undefined) throw new Error('replay needs DATABASE_URL (the read models\' database)');
      const eventStoreUrl = config.eventStoreUrl ?? config.databaseUrl;
      const schema = validateReadModelSchema(flags.schema);
      const partitions = flags.partitions === undefined ? undefined : validatePartitions(Number(flags.partitions));
      const workers = parseWorkers(flags.workers);
      const maxTransactionMs = parseMaxTransactionMs(flags.maxTransactionMs);
      const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 12 });
      pool.on('error', () => undefined);
      // Read through the crypto-shredding wrapper, as the live projector does: forgotten users' fields come out
      // redacted, the others in the clear, so a rebuild equals the live tables. Each fold thread opens the same.
      const storeSpec = { eventStoreUrl, eventStoreSchema: validateSchemaName(flags.eventStoreSchema), keysDatabaseUrl: config.databaseUrl };
      const store = openReplayStore(storeSpec);
      // With Redis configured, a swap also rebuilds the caches into their next generation (verify leaves them be).
      const redis = config.redis !== undefined && flags.verify !== true ? createRedisClient(config.redis) : undefined;
      const bar = !flags.json && deps.progress ? new SingleBar({ format: 'replay [{bar}] {percentage}% | {value}/{total} events | {speed} events/s | ETA {eta_formatted}', etaBuffer: 50 }) : null;
      const started = Date.now();
      try {
        // The dead-letter table must exist before the first poison event needs it.
        await runMigrations(pool, projectorMigrationSet(validateRunnerSchema(flags.projectorSchema)));
        const head = await store.headCheckpoint();
        bar?.start(Number(head.position), 0, { speed: 0 });
        const result = await replayReadModels({
          store,
          pool,
          schema,
          ...(partitions === undefined ? {} : { partitions }),
          verify: flags.verify === true,
          ...(redis === undefined ? {} : { redis: { redis, prefix: config.natsPrefix } }),
          failureMode: flags.skipPoison ? 'skip' : 'halt',
          ...(maxTransactionMs === undefined ? {} : { maxTransactionMs }),
          ...(workers > 0 ? { fold: foldInWorkers({ store: storeSpec, workers, ...(deps.launchFoldWorker === undefined ? {} : { launch: deps.launchFoldWorker }) }) } : {}),
          deadLetters: createDeadLetterStore(validateRunnerSchema(flags.projectorSchema)),
          onProgress: ({ events, checkpoint }) => {
            const elapsed = Math.max(0.001, (Date.now() - started) / 1000);
            bar?.setTotal(Math.max(Number(head.position), Number(checkpoint.position)));
            bar?.update(Number(checkpoint.position), { speed: Math.round(events / elapsed) });
          },
        });
        bar?.stop();
        const differs = result.mode === 'verify' && result.verify.differences.length > 0;
        if (flags.json) deps.print(JSON.stringify(result, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
        else for (const line of describe(result)) deps.print(line);
        if (differs) deps.setExitCode(1);
      } finally {
        bar?.stop();
        redis?.disconnect();
        await store.close();
        await pool.end();
      }
    });
};
