// `npm run bench:eventstore` — the event store benchmark of issue 2 (method and results in BENCHMARKS.md).
// Each store gets a fresh schema of the same database, dropped at the end, also when a phase fails.
import os from 'node:os';
import { help, parseOptions, type BenchOptions } from './options.js';
import { formatJson, formatTable, type BenchResult, type ScanResult } from './report.js';
import { createAdmin, openBare, openEmmett, openOurStore } from './stores.js';
import { bareSingleInserts, emmettSingleAppends, fillLog, oursGroupedAppends, oursSingleAppends, scanBare, scanWithReadAll, type LoadShape } from './workloads.js';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const median = <T>(runs: readonly T[], value: (run: T) => number): T => [...runs].sort((a, b) => value(a) - value(b))[Math.floor(runs.length / 2)]!;

const bench = async (options: BenchOptions): Promise<BenchResult> => {
  const admin = createAdmin(options.databaseUrl);
  try {
    const postgres = (await admin.pool.query<{ v: string }>('select version() as v')).rows[0]!.v.split(' on ')[0]!;
    const loadAverage = os.loadavg();
    const shape = (concurrency: number): LoadShape => ({
      concurrency,
      durationMs: options.seconds * 1000,
      warmupMs: Math.min(1000, options.seconds * 300),
    });

    const ours = await openOurStore(admin, options.databaseUrl, options.poolSize);
    const emmett = await openEmmett(admin, options.databaseUrl, options.poolSize);
    const bare = await openBare(admin, options.databaseUrl, options.poolSize);
    const single: BenchResult['single'][number][] = [];
    for (const concurrency of options.concurrencies) {
      // Alternate the stores level by level, so drift in the machine's load touches all alike.
      log(`single appends, concurrency ${concurrency}: ours…`);
      const oursResult = await oursSingleAppends(ours.store, shape(concurrency));
      log(`single appends, concurrency ${concurrency}: emmett…`);
      const emmettResult = await emmettSingleAppends(emmett, shape(concurrency));
      log(`single appends, concurrency ${concurrency}: bare insert…`);
      const bareResult = await bareSingleInserts(bare, shape(concurrency));
      single.push({
        concurrency,
        ours: oursResult,
        emmett: emmettResult,
        bare: bareResult,
        ratio: oursResult.eventsPerSecond / emmettResult.eventsPerSecond,
        ofBare: oursResult.eventsPerSecond / bareResult.eventsPerSecond,
      });
    }
    await emmett.close();
    await bare.close();

    log('single appends, concurrency 16, NOTIFY off…');
    const quiet = await openOurStore(admin, options.databaseUrl, options.poolSize, { notify: false });
    const quietResult = await oursSingleAppends(quiet.store, shape(16));
    await quiet.close();
    const withNotify = single.find((level) => level.concurrency === 16)?.ours.eventsPerSecond ?? Number.NaN;

    const emmettBest = Math.max(...single.map((level) => level.emmett.eventsPerSecond));
    const grouped: BenchResult['grouped'][number][] = [];
    for (const streams of options.groupSizes) {
      log(`appendMany of ${streams} streams, concurrency ${options.groupConcurrency}…`);
      const result = await oursGroupedAppends(ours.store, shape(options.groupConcurrency), streams);
      grouped.push({ streams, concurrency: options.groupConcurrency, ours: result, ratioToEmmettBest: result.eventsPerSecond / emmettBest });
    }

    log(`filling the log to ${options.logSize.toLocaleString('en-US')} events…`);
    const events = await fillLog(ours.store, ours.names, ours.pool, options.logSize);
    // Rounds alternate bare and ours, and the ratio is the median of each round's own ratio: the load of a shared
    // machine drifts from second to second, and a pair read back to back sees nearly the same load.
    const rounds = options.quick ? 3 : 5;
    const pairs: { readonly ours: ScanResult; readonly bare: ScanResult }[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      log(`readAll over ${events.toLocaleString('en-US')} events, round ${round}/${rounds}…`);
      const bareScan = await scanBare(ours.pool, ours.names, options.pageSize);
      const oursScan = await scanWithReadAll(ours.store, options.pageSize);
      if (oursScan.events !== events) throw new Error(`readAll returned ${oursScan.events} events of ${events}`);
      pairs.push({ ours: oursScan, bare: bareScan });
    }
    await ours.close();
    const oursScan = median(pairs.map((pair) => pair.ours), (scan) => scan.eventsPerSecond);
    const bareScan = median(pairs.map((pair) => pair.bare), (scan) => scan.eventsPerSecond);
    const readRatio = median(pairs.map((pair) => pair.ours.eventsPerSecond / pair.bare.eventsPerSecond), (ratio) => ratio);
    const worstRatio = Math.min(...single.map((level) => level.ratio));

    return {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown', node: process.version, postgres, loadAverage },
      settings: { seconds: options.seconds, poolSize: options.poolSize, pageSize: options.pageSize, quick: options.quick },
      single,
      notifyOff: { concurrency: 16, ours: quietResult, notifyCost: 1 - withNotify / quietResult.eventsPerSecond },
      grouped,
      readAll: { events, pageSize: options.pageSize, ours: oursScan, bare: bareScan, ratio: readRatio, rounds: pairs },
      targets: {
        appendsVsEmmett: { target: 2, worstRatio, met: worstRatio >= 2 },
        readAllVsBare: { target: 0.9, ratio: readRatio, met: readRatio >= 0.9 },
        readAllEventsPerSecond: { target: 100_000, value: oursScan.eventsPerSecond, met: oursScan.eventsPerSecond >= 100_000 },
      },
    };
  } finally {
    await admin.dropAll();
  }
};

const main = async (): Promise<void> => {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    console.log(help);
    return;
  }
  const result = await bench(options);
  console.log(options.json ? formatJson(result) : formatTable(result));
};

main().catch((error: unknown) => {
  console.error(error);
  // Pools of a failed phase may still hold the event loop open.
  process.exit(1);
});
