// Command-line options of `npm run bench:memory`.

export const HELP = `npm run bench:memory -- [--quick] [--json] [--users N] [--events-per-user N] [--live N] [--serial N]
                            [--steady N] [--concurrency N] [--threads N] [--keep] [--reuse] [--heap-snapshot FILE] [--prefix NAME]
Generates N registered users (default 1,000,000; --quick 50,000) by driving the domain (about --events-per-user
events each, default 14, outbox replies included), seals them with the crypto-shredding wrapper and COPYs them into
schemas bench_memory_es / bench_memory_keys of BENCH_DATABASE_URL/DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/test), writes the snapshots the actor host would have written, then starts an
actor worker process (node --expose-gc) with a live cap of --live (default 100,000; --quick 10,000), cold-loads that
many distinct users --concurrency at a time (default 4), measures RSS and heap (and after a forced GC), cold-loads
--serial further users one at a time (default 10,000; --quick 2,000: latency without queueing), and lets --steady
further users (default 10,000; --quick 2,000) each send /help while the LRU evicts.
--threads loader threads generate the log at once, one world per thread (default 4, at most 10).
--keep leaves the schemas; a later --reuse run skips generating the log. Schemas are dropped first and at the end.
--prefix names the schemas (default bench_memory: bench_memory_es, bench_memory_keys), so two runs can share a database.`;

export interface MemoryBenchOptions {
  readonly users: number;
  readonly eventsPerUser: number;
  readonly live: number;
  readonly steady: number;
  readonly serial: number;
  readonly concurrency: number;
  readonly threads: number;
  readonly json: boolean;
  readonly keep: boolean;
  readonly reuse: boolean;
  readonly heapSnapshot?: string;
  readonly prefix: string;
  readonly help: boolean;
}

export const parseOptions = (args: readonly string[]): MemoryBenchOptions => {
  const flag = (name: string): boolean => args.includes(name);
  const text = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args[i + 1];
  };
  const value = (name: string, fallback: number): number => {
    const raw = text(name);
    const parsed = raw === undefined ? fallback : Number(raw.replace(/_/g, ''));
    if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`${name} wants a whole number, got ${raw}`);
    return parsed;
  };
  const quick = flag('--quick');
  const heapSnapshot = text('--heap-snapshot');
  const prefix = text('--prefix') ?? 'bench_memory';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`--prefix wants a plain lower-case identifier, got ${prefix}`);
  return {
    users: value('--users', quick ? 50_000 : 1_000_000),
    eventsPerUser: value('--events-per-user', 14),
    live: value('--live', quick ? 10_000 : 100_000),
    steady: value('--steady', quick ? 2_000 : 10_000),
    serial: value('--serial', quick ? 2_000 : 10_000),
    concurrency: Math.max(1, value('--concurrency', 4)),
    threads: Math.max(1, Math.min(10, value('--threads', 4))),
    json: flag('--json'),
    keep: flag('--keep'),
    reuse: flag('--reuse'),
    help: flag('--help'),
    prefix,
    ...(heapSnapshot === undefined ? {} : { heapSnapshot }),
  };
};
