// Command-line flags of the event store benchmark.

export interface BenchOptions {
  /** Short smoke run: shorter levels, smaller log. */
  readonly quick: boolean;
  /** Machine-readable result on stdout instead of the table. */
  readonly json: boolean;
  readonly databaseUrl: string;
  /** Seconds each append level runs (after its warm-up). */
  readonly seconds: number;
  readonly concurrencies: readonly number[];
  /** Streams per appendMany call in the grouped workload. */
  readonly groupSizes: readonly number[];
  /** Concurrent appendMany callers in the grouped workload. */
  readonly groupConcurrency: number;
  /** Connections per store; the same for ours and Emmett. */
  readonly poolSize: number;
  /** Events in the log before the readAll workload. */
  readonly logSize: number;
  readonly pageSize: number;
  /** Rounds per concurrency level (ours, Emmett, bare back to back in each). */
  readonly appendRounds: number;
  /**
   * Phases to run (all by default): appends (single, NOTIFY off, grouped) and readAll; 'single' is the single-event
   * levels alone (what a comparison of builds at one level needs).
   */
  readonly phases: readonly ('appends' | 'single' | 'readall')[];
}

const HELP = `npm run bench:eventstore -- [--quick] [--json] [--seconds N] [--pool N] [--log-size N] [--page N]
                                          [--levels 1,16,64] [--rounds N] [--only appends|single|readall]

Appends (single events to distinct streams at concurrency 1, 16, 64; grouped appendMany of 16 and 64 streams),
readAll over the whole log against a bare keyset read of the same table, and the same single-append workload on
@event-driven-io/emmett-postgresql — each store in its own fresh schema of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/test), dropped afterwards. --only single: the single-event levels alone (no
NOTIFY-off run, no grouped appends, no readAll), e.g. --only single --levels 1 --rounds 5.`;

const numberFlag = (args: readonly string[], name: string, fallback: number): number => {
  const index = args.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
};

const listFlag = (args: readonly string[], name: string, fallback: readonly number[]): readonly number[] => {
  const index = args.indexOf(name);
  if (index < 0) return fallback;
  const values = String(args[index + 1]).split(',').map(Number);
  if (values.some((value) => !Number.isInteger(value) || value <= 0)) throw new Error(`${name} needs positive integers, comma-separated`);
  return values;
};

const onlyFlag = (args: readonly string[]): BenchOptions['phases'] => {
  const index = args.indexOf('--only');
  if (index < 0) return ['appends', 'readall'];
  const value = args[index + 1];
  if (value !== 'appends' && value !== 'single' && value !== 'readall') throw new Error('--only needs appends, single or readall');
  return [value];
};

export const parseOptions = (args: readonly string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' => {
  if (args.includes('--help') || args.includes('-h')) return 'help';
  const quick = args.includes('--quick');
  return {
    quick,
    json: args.includes('--json'),
    databaseUrl: env.BENCH_DATABASE_URL ?? env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    seconds: numberFlag(args, '--seconds', quick ? 1 : 5),
    concurrencies: listFlag(args, '--levels', [1, 16, 64]),
    groupSizes: [16, 64],
    groupConcurrency: 4,
    poolSize: numberFlag(args, '--pool', 16),
    logSize: numberFlag(args, '--log-size', quick ? 20_000 : 200_000),
    pageSize: numberFlag(args, '--page', 1000),
    phases: onlyFlag(args),
    appendRounds: numberFlag(args, '--rounds', quick ? 1 : 3),
  };
};

export const help = HELP;
