// Where the time goes inside the pipeline: the per-stage histograms of the system under test, read from its
// /metrics before and after a level; the difference of the bucket counts is that level's distribution, and its
// p50/p99 are estimated as Prometheus' histogram_quantile does (linear inside the bucket).
import { DISPATCH_PHASES } from '../../../gateway/dispatcher/metrics.js';

export const STAGES = [
  'lexbot_webhook_ack_seconds',
  'lexbot_mailbox_wait_seconds',
  'lexbot_actor_handling_seconds',
  'lexbot_event_append_seconds',
  'lexbot_dispatch_seconds',
] as const;
/** The dispatcher's lexbot_dispatch_phase_seconds, one series per phase (Bot API calls only). */
export const PHASE_STAGES = DISPATCH_PHASES.map((phase) => `dispatch_phase:${phase}` as const);
export type Stage = (typeof STAGES)[number] | (typeof PHASE_STAGES)[number];
const ALL_STAGES: readonly Stage[] = [...STAGES, ...PHASE_STAGES];

const stageOf = (name: string, labels: string): Stage | undefined => {
  if (name === 'lexbot_dispatch_phase_seconds') {
    const phase = /phase="([^"]+)"/.exec(labels)?.[1];
    return PHASE_STAGES.find((stage) => stage === `dispatch_phase:${phase}`);
  }
  return STAGES.find((stage) => stage === name);
};

/** Cumulative bucket counts per stage, summed over every label but `le` (and `phase`, which names a stage). */
export type Scrape = ReadonlyMap<Stage, ReadonlyMap<number, number>>;

export interface StageQuantiles {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Observations above 5 s (the 5 s bucket's bound): for the mailbox wait, a partition whose consumer stalled. */
  readonly overFiveSeconds: number;
}

export const scrape = async (baseUrl: string): Promise<Scrape> => scrapeText(await (await fetch(new URL('/metrics', baseUrl))).text());

/** The stages' buckets in a Prometheus text exposition. */
export const scrapeText = (text: string): Scrape => {
  const result = new Map<Stage, Map<number, number>>();
  for (const line of text.split('\n')) {
    const match = /^(\w+)_bucket\{(.*)\} (\S+)$/.exec(line);
    if (match === null) continue;
    const stage = stageOf(match[1]!, match[2]!);
    if (stage === undefined) continue;
    const le = /le="([^"]+)"/.exec(match[2]!)?.[1];
    if (le === undefined) continue;
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    const buckets = result.get(stage) ?? new Map<number, number>();
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(match[3]));
    result.set(stage, buckets);
  }
  return result;
};

const quantile = (q: number, buckets: readonly (readonly [number, number])[]): number => {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  let previousBound = 0;
  let previousCount = 0;
  for (const [bound, count] of buckets) {
    if (count >= rank) {
      if (!Number.isFinite(bound)) return previousBound;
      return previousBound + ((bound - previousBound) * (rank - previousCount)) / Math.max(1, count - previousCount);
    }
    previousBound = bound;
    previousCount = count;
  }
  return previousBound;
};

export const stagesBetween = (before: Scrape, after: Scrape): Partial<Record<Stage, StageQuantiles>> => {
  const result: Partial<Record<Stage, StageQuantiles>> = {};
  for (const stage of ALL_STAGES) {
    const end = after.get(stage);
    if (end === undefined) continue;
    const begin = before.get(stage);
    const buckets = [...end.entries()].sort((a, b) => a[0] - b[0]).map(([bound, count]) => [bound, count - (begin?.get(bound) ?? 0)] as const);
    const count = buckets.at(-1)?.[1] ?? 0;
    const withinFive = buckets.find(([bound]) => bound === 5)?.[1];
    result[stage] = { count, p50Ms: quantile(0.5, buckets) * 1000, p99Ms: quantile(0.99, buckets) * 1000, overFiveSeconds: withinFive === undefined ? 0 : count - withinFive };
  }
  return result;
};

/** The histograms of several processes (the split layout) as one. */
export const mergeScrapes = (scrapes: readonly Scrape[]): Scrape => {
  const result = new Map<Stage, Map<number, number>>();
  for (const one of scrapes) {
    for (const [stage, buckets] of one) {
      const merged = result.get(stage) ?? new Map<number, number>();
      for (const [bound, count] of buckets) merged.set(bound, (merged.get(bound) ?? 0) + count);
      result.set(stage, merged);
    }
  }
  return result;
};

/** CPU time (user + system) the process behind `baseUrl` has used so far, from its process_cpu_seconds_total. */
export const cpuSeconds = async (baseUrl: string): Promise<number> => {
  const text = await (await fetch(new URL('/metrics', baseUrl))).text();
  const match = /^process_cpu_seconds_total(?:\{[^}]*\})? (\S+)$/m.exec(text);
  return match === null ? Number.NaN : Number(match[1]);
};

/** The dispatcher's in-process hand-offs so far (lexbot_dispatch_handoffs_total), by outcome; 0 where none ran. */
export const handOffCounts = async (baseUrl: string): Promise<{ accepted: number; refused: number }> => {
  const text = await (await fetch(new URL('/metrics', baseUrl))).text();
  const count = (outcome: string): number => Number(new RegExp(`^lexbot_dispatch_handoffs_total\\{outcome="${outcome}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { accepted: count('accepted'), refused: count('refused') };
};
