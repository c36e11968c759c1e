// The open-loop generator: sends update k at start + k / rate whatever happened to earlier requests (it never waits
// for an answer before sending the next one), over keep-alive connections. Latencies are measured from the time
// the schedule meant to send each update, so a generator or connection pool that falls behind adds to them instead
// of hiding the wait (no coordinated omission); how far the generator itself fell behind is reported apart.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { now, type Shot, type Workload } from './workload.js';

export interface LevelSpec {
  readonly rate: number;
  readonly durationMs: number;
  /** How long after the last scheduled send every update of the level must be done to call the rate sustained. */
  readonly graceMs: number;
  /** How long to wait at most for stragglers before giving up on them. */
  readonly drainMs: number;
}

export interface Quantiles {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface LevelResult {
  readonly rate: number;
  readonly seconds: number;
  readonly sent: number;
  readonly acked: number;
  /** Non-200 answers and failed requests, by status (0: the request failed). */
  readonly errors: Readonly<Record<string, number>>;
  readonly replied: number;
  /** Replies the emulator answered with ok: false (e.g. callback queries it never saw: answered 400). */
  readonly repliesNotOk: number;
  /** Up to ten accepted updates with no reply by the end of the drain: which user, what kind, how many sent before it. */
  readonly unanswered: readonly { readonly updateId: number; readonly userId: number; readonly kind: string; readonly index: number }[];
  /** Acks per second: acked updates / (last ack − start). */
  readonly ackRate: number;
  /** Replies per second: replied updates / (last reply − start); NaN when replies are not expected. */
  readonly replyRate: number;
  readonly ackMs: Quantiles;
  readonly replyMs: Quantiles;
  /** Actual send − scheduled send. */
  readonly generatorLagMs: Quantiles;
  /** Time after the last scheduled send when every update of the level was done; undefined if not within drainMs. */
  readonly drainedAfterMs: number | undefined;
  readonly sustained: boolean;
}

export const quantiles = (values: number[]): Quantiles => {
  if (values.length === 0) return { count: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]! };
};

export interface Target {
  readonly url: string;
  readonly secret: string | undefined;
  readonly expectReplies: boolean;
  readonly workload: Workload;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

const post = (target: Target, shot: Shot): void => {
  const url = new URL('/webhook/telegram', target.url);
  shot.sentAt = now();
  const request = http.request(
    {
      agent,
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(shot.body),
        ...(target.secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': target.secret }),
      },
    },
    (response) => {
      response.resume();
      response.on('end', () => target.workload.acked(shot, response.statusCode ?? 0, now()));
      response.on('error', () => target.workload.acked(shot, 0, now()));
    },
  );
  request.on('error', () => {
    if (shot.ackedAt === undefined) target.workload.acked(shot, 0, now());
  });
  request.end(shot.body);
};

/** Waits until every shot is done or the deadline passes; returns when the last one was done (or undefined). */
const settle = async (shots: readonly Shot[], deadline: number): Promise<number | undefined> => {
  while (now() < deadline) {
    if (shots.every((shot) => shot.done)) break;
    await sleep(5);
  }
  if (!shots.every((shot) => shot.done)) return undefined;
  return shots.reduce((last, shot) => Math.max(last, shot.ackedAt ?? 0, shot.repliedAt ?? 0), 0);
};

/** Runs a level; `onShots` sees every update of it (and what became of each) before the result is computed. */
export const runLevel = async (target: Target, spec: LevelSpec, onShots?: (shots: readonly Shot[]) => Promise<void>): Promise<LevelResult> => {
  const total = Math.round((spec.rate * spec.durationMs) / 1000);
  const interval = 1000 / spec.rate;
  const shots: Shot[] = [];
  const start = now() + 5;
  while (shots.length < total) {
    const due = Math.min(total, Math.floor((now() - start) / interval) + 1);
    while (shots.length < due) {
      const shot = target.workload.next(start + shots.length * interval);
      shots.push(shot);
      post(target, shot);
    }
    // Timers fire late under load; whatever fell due meanwhile goes out at the next tick.
    if (shots.length < total) await sleep(Math.max(0, Math.min(2, start + shots.length * interval - now())));
  }
  const lastScheduled = start + (total - 1) * interval;
  const doneAt = await settle(shots, lastScheduled + spec.drainMs);
  const drainedAfterMs = doneAt === undefined ? undefined : Math.max(0, doneAt - lastScheduled);
  await onShots?.(shots);

  const errors: Record<string, number> = {};
  const ackMs: number[] = [];
  const replyMs: number[] = [];
  const lag: number[] = [];
  let acked = 0;
  let replied = 0;
  let repliesNotOk = 0;
  let lastAck = start;
  let lastReply = start;
  const unanswered: { updateId: number; userId: number; kind: string; index: number }[] = [];
  for (const [index, shot] of shots.entries()) {
    if (target.expectReplies && shot.status === 200 && shot.repliedAt === undefined && unanswered.length < 10) {
      unanswered.push({ updateId: shot.updateId, userId: shot.userId, kind: shot.kind, index });
    }
    if (shot.sentAt !== undefined) lag.push(shot.sentAt - shot.scheduledAt);
    if (shot.status === 200 && shot.ackedAt !== undefined) {
      acked += 1;
      ackMs.push(shot.ackedAt - shot.scheduledAt);
      lastAck = Math.max(lastAck, shot.ackedAt);
    } else if (shot.status !== undefined) errors[String(shot.status)] = (errors[String(shot.status)] ?? 0) + 1;
    if (shot.repliedAt !== undefined) {
      replied += 1;
      if (shot.replyOk !== true) repliesNotOk += 1;
      replyMs.push(shot.repliedAt - shot.scheduledAt);
      lastReply = Math.max(lastReply, shot.repliedAt);
    }
  }
  const errorCount = Object.values(errors).reduce((sum, count) => sum + count, 0);
  return {
    rate: spec.rate,
    seconds: spec.durationMs / 1000,
    sent: shots.length,
    acked,
    errors,
    replied,
    repliesNotOk,
    unanswered,
    ackRate: acked / ((lastAck - start) / 1000),
    replyRate: target.expectReplies ? replied / ((lastReply - start) / 1000) : Number.NaN,
    ackMs: quantiles(ackMs),
    replyMs: quantiles(replyMs),
    generatorLagMs: quantiles(lag),
    drainedAfterMs,
    // Sustained: nothing failed, the last update was done within the grace period, and the rate of completion kept
    // within 10 % of the offered rate — at most about a tenth of the step's work was still queued when sending stopped.
    sustained:
      errorCount === 0 &&
      drainedAfterMs !== undefined &&
      drainedAfterMs <= spec.graceMs &&
      acked / ((lastAck - start) / 1000) >= 0.9 * spec.rate &&
      (!target.expectReplies || replied / ((lastReply - start) / 1000) >= 0.9 * spec.rate),
  };
};
