// Live projection lag at a fixed append rate: the generator keeps appending (real appends through the store, in
// groups every 50 ms) while a runner projects; for every append we note when it committed and when the runner's
// checkpoint first passed it. Reported as percentiles of commit → projected.
import type { AppendRequest, EventStore } from '../../../actors/eventStore/types.js';
import type { ProjectionRunner } from '../../../projections/runner/index.js';

export interface LagResult {
  readonly events: number;
  readonly seconds: number;
  readonly rate: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

export const measureLiveLag = async (store: EventStore, runner: ProjectionRunner, world: Iterator<AppendRequest>, rate: number, seconds: number): Promise<LagResult> => {
  const tickMs = 50;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const pending: { position: bigint; committedAt: number }[] = [];
  const latencies: number[] = [];
  let appended = 0;
  let stop = false;
  const watcher = (async () => {
    while (!stop || pending.length > 0) {
      const at = runner.status().checkpoint;
      const now = performance.now();
      while (pending.length > 0 && pending[0]!.position <= at.position) latencies.push(now - pending.shift()!.committedAt);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const started = performance.now();
  let next = started;
  while (performance.now() - started < seconds * 1000) {
    const group: AppendRequest[] = [];
    const streams = new Set<string>();
    let events = 0;
    while (events < perTick) {
      const item = world.next();
      if (item.done === true) break;
      if (streams.has(item.value.stream)) {
        // Keep one stream's appends in order: send what we have first.
        await appendGroup(store, group, pending);
        group.length = 0;
        streams.clear();
      }
      group.push(item.value);
      streams.add(item.value.stream);
      events += item.value.events.length;
    }
    await appendGroup(store, group, pending);
    appended += events;
    next += tickMs;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const elapsed = (performance.now() - started) / 1000;
  stop = true;
  await watcher;
  latencies.sort((a, b) => a - b);
  return {
    events: appended,
    seconds: elapsed,
    rate: appended / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? 0,
  };
};

/**
 * Appends one group (one transaction) and notes when it committed and the position of its last event. Appends here
 * are sequential, so commit order equals position order and the runner has applied the group once its checkpoint's
 * position reaches that position.
 */
const appendGroup = async (store: EventStore, group: readonly AppendRequest[], pending: { position: bigint; committedAt: number }[]): Promise<void> => {
  if (group.length === 0) return;
  const outcomes = await store.appendMany(group);
  const committedAt = performance.now();
  let last: bigint | undefined;
  for (const outcome of outcomes) {
    if (!outcome.ok) throw outcome.error;
    for (const position of outcome.positions) if (last === undefined || position > last) last = position;
  }
  if (last !== undefined) pending.push({ position: last, committedAt });
};
