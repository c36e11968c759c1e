// A closed-loop load runner: `concurrency` workers each run one operation after another until the time is up.
// Latency is measured per operation; the first `warmupMs` are run but not counted (JIT, pool connections, caches).

export interface LoadResult {
  readonly operations: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** Latency of one operation (one append or one appendMany call), milliseconds. */
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface LoadOptions {
  readonly concurrency: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  /** One operation of worker `worker`; resolves to the number of events it wrote. */
  readonly operation: (worker: number, sequence: number) => Promise<number>;
}

export const percentile = (sorted: Float64Array, p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
};

export const runLoad = async (options: LoadOptions): Promise<LoadResult> => {
  const latencies: number[] = [];
  let events = 0;
  let sequence = 0;
  const started = performance.now();
  const measureFrom = started + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;
  let measuredEnd = measureFrom;

  const worker = async (id: number): Promise<void> => {
    for (;;) {
      const begin = performance.now();
      if (begin >= stopAt) return;
      const written = await options.operation(id, (sequence += 1));
      const end = performance.now();
      // Count operations that started inside the window; the window ends when the last of them ends.
      if (begin >= measureFrom) {
        latencies.push(end - begin);
        events += written;
        if (end > measuredEnd) measuredEnd = end;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, id) => worker(id)));
  const sorted = Float64Array.from(latencies).sort();
  const seconds = (measuredEnd - measureFrom) / 1000;
  return {
    operations: latencies.length,
    events,
    seconds,
    eventsPerSecond: seconds > 0 ? events / seconds : 0,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
};

/** Runs `read` to the end of the log and reports events per second, and this process's CPU time per event. */
export const timeScan = async (scan: () => Promise<number>): Promise<{ events: number; seconds: number; eventsPerSecond: number; cpuUsPerEvent: number }> => {
  const begin = performance.now();
  const cpu = process.cpuUsage();
  const events = await scan();
  const seconds = (performance.now() - begin) / 1000;
  const used = process.cpuUsage(cpu);
  return { events, seconds, eventsPerSecond: events / seconds, cpuUsPerEvent: (used.user + used.system) / events };
};
