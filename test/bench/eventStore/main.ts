// `npm run bench:eventstore` — the event store benchmark of issue 2 (method and results in BENCHMARKS.md).
// Each store gets a fresh schema of the same database, dropped at the end, also when a phase fails.
import os from 'node:os';
import { help, parseOptions, type BenchOptions } from './options.js';
import type { LoadResult } from './measure.js';
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
    const single: BenchResult['single'][number][] = [];
    let notifyOff: BenchResult['notifyOff'] = null;
    const grouped: BenchResult['grouped'][number][] = [];
    if (options.phases.includes('appends') || options.phases.includes('single')) {
      const emmett = await openEmmett(admin, options.databaseUrl, options.poolSize);
      const bare = await openBare(admin, options.databaseUrl, options.poolSize);
      for (const concurrency of options.concurrencies) {
        // Rounds of ours, Emmett, bare back to back: the load of a shared machine drifts, and the stores of one
        // round see nearly the same load. Figures are medians over rounds; the ratio is the median round ratio.
        const rounds: { ours: LoadResult; emmett: LoadResult; bare: LoadResult }[] = [];
        for (let round = 1; round <= options.appendRounds; round += 1) {
          const tag = `single appends, concurrency ${concurrency}, round ${round}/${options.appendRounds}`;
          log(`${tag}: ours…`);
          const oursResult = await oursSingleAppends(ours.store, shape(concurrency));
          log(`${tag}: emmett…`);
          const emmettResult = await emmettSingleAppends(emmett, shape(concurrency));
          log(`${tag}: bare insert…`);
          const bareResult = await bareSingleInserts(bare, shape(concurrency));
          rounds.push({ ours: oursResult, emmett: emmettResult, bare: bareResult });
        }
        single.push({
          concurrency,
          ours: median(rounds.map((r) => r.ours), (r) => r.eventsPerSecond),
          emmett: median(rounds.map((r) => r.emmett), (r) => r.eventsPerSecond),
          bare: median(rounds.map((r) => r.bare), (r) => r.eventsPerSecond),
          ratio: median(rounds.map((r) => r.ours.eventsPerSecond / r.emmett.eventsPerSecond), (v) => v),
          ofBare: median(rounds.map((r) => r.ours.eventsPerSecond / r.bare.eventsPerSecond), (v) => v),
          rounds: rounds.map((r) => ({ ours: r.ours.eventsPerSecond, emmett: r.emmett.eventsPerSecond, bare: r.bare.eventsPerSecond })),
        });
      }
      await emmett.close();
      await bare.close();
    }
    if (options.phases.includes('appends')) {
      log('single appends, concurrency 16, NOTIFY off…');
      const quiet = await openOurStore(admin, options.databaseUrl, options.poolSize, { notify: false });
      const quietResult = await oursSingleAppends(quiet.store, shape(16));
      await quiet.close();
      const withNotify = single.find((level) => level.concurrency === 16)?.ours.eventsPerSecond ?? Number.NaN;
      notifyOff = { concurrency: 16, ours: quietResult, notifyCost: 1 - withNotify / quietResult.eventsPerSecond };

      const emmettBest = Math.max(...single.map((level) => level.emmett.eventsPerSecond));
      for (const streams of options.groupSizes) {
        log(`appendMany of ${streams} streams, concurrency ${options.groupConcurrency}…`);
        const result = await oursGroupedAppends(ours.store, shape(options.groupConcurrency), streams);
        grouped.push({ streams, concurrency: options.groupConcurrency, ours: result, ratioToEmmettBest: result.eventsPerSecond / emmettBest });
      }
    }

    let readAll: BenchResult['readAll'] = null;
    if (options.phases.includes('readall')) {
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
      readAll = {
        events,
        pageSize: options.pageSize,
        ours: median(pairs.map((pair) => pair.ours), (scan) => scan.eventsPerSecond),
        bare: median(pairs.map((pair) => pair.bare), (scan) => scan.eventsPerSecond),
        ratio: median(pairs.map((pair) => pair.ours.eventsPerSecond / pair.bare.eventsPerSecond), (ratio) => ratio),
        cpuRatio: median(pairs.map((pair) => pair.bare.cpuUsPerEvent / pair.ours.cpuUsPerEvent), (ratio) => ratio),
        rounds: pairs,
      };
    }
    await ours.close();
    const worstRatio = single.length > 0 ? Math.min(...single.map((level) => level.ratio)) : Number.NaN;
    const readRatio = readAll?.ratio ?? Number.NaN;
    const readRate = readAll?.ours.eventsPerSecond ?? Number.NaN;

    return {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown', node: process.version, postgres, loadAverage },
      settings: { seconds: options.seconds, poolSize: options.poolSize, pageSize: options.pageSize, quick: options.quick, appendRounds: options.appendRounds },
      single,
      notifyOff,
      grouped,
      readAll,
      targets: {
        appendsVsEmmett: { target: 2, worstRatio, met: worstRatio >= 2 },
        readAllVsBare: { target: 0.9, ratio: readRatio, met: readRatio >= 0.9 },
        readAllEventsPerSecond: { target: 100_000, value: readRate, met: readRate >= 100_000 },
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
