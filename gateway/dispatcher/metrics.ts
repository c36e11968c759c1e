// The dispatcher's metrics as the narrow shapes it needs (prom-client's Counter, Histogram and Gauge fit them), and
// a factory that registers them on a registry passed in. ops/telemetry already defines lexbot_dispatch_seconds and
// lexbot_dispatch_resends_total for every role: pass those in so each name is registered once.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DispatchKind, DispatchOutcome, RetryReason } from './types.js';

export type TimerFireOutcome = 'fired' | 'duplicate' | 'failed';
/** accepted: its calls started at once; refused: they wait for the log read (an older version unseen, or too many in flight). */
export type HandOffOutcome = 'accepted' | 'refused';

/**
 * Where a Bot API call's dispatch time goes, in order: `visible` (recorded → the read that returned it started: the
 * append's own transaction, waiting to be visible below the oldest running transaction, the wake-up), `read` (that
 * read → the page handed to the dispatcher), `queue` (→ its turn in its chat's lane, room in the window), `claim`
 * (→ its write-ahead claim stored), `call` (→ Telegram answered: the turn budget, the throttler, HTTP).
 */
export const DISPATCH_PHASES = ['visible', 'read', 'open', 'queue', 'claim', 'call'] as const;
export type DispatchPhase = (typeof DISPATCH_PHASES)[number];

export interface DispatcherMetrics {
  /** lexbot_dispatch_seconds: outbox entry committed → its effect done (Bot API answered, mailbox acked). */
  readonly dispatchSeconds: { observe(labels: { method: string; outcome: string }, seconds: number): void };
  /** lexbot_dispatch_resends_total: calls sent again after a restart because they may have gone out before. */
  readonly dispatchResends: { inc(): void };
  /** lexbot_dispatch_phase_seconds{phase}: lexbot_dispatch_seconds of Bot API calls, split into its phases. */
  readonly dispatchPhaseSeconds: { observe(labels: { phase: DispatchPhase }, seconds: number): void };
  readonly dispatched: { inc(labels: { kind: DispatchKind; outcome: DispatchOutcome }): void };
  /** lexbot_dispatch_handoffs_total{outcome}: committed appends of this process offered to the dispatcher (handOff.ts). */
  readonly handOffs: { inc(labels: { outcome: HandOffOutcome }): void };
  readonly retries: { inc(labels: { kind: DispatchKind; reason: RetryReason }): void };
  readonly timersFired: { inc(labels: { outcome: TimerFireOutcome }): void };
  /** Due time → delivered to the mailbox. */
  readonly timerLatenessSeconds: { observe(seconds: number): void };
  /** lexbot_dispatch_lag_seconds, read at scrape time: age of the oldest outbox entry not finished yet. */
  trackLag(source: () => number): void;
  /** lexbot_dispatch_in_flight, read at scrape time. */
  trackInFlight(source: () => number): void;
}

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
// Finer between 10 and 100 ms, where the phases of a reply's tail are told apart.
const PHASE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 10];

export interface DispatcherMetricsOptions {
  readonly registry: Registry;
  /** From ops/telemetry's createMetrics(), when that registry already has them. */
  readonly dispatchSeconds?: DispatcherMetrics['dispatchSeconds'];
  readonly dispatchResends?: DispatcherMetrics['dispatchResends'];
}

export const createDispatcherMetrics = (options: DispatcherMetricsOptions): DispatcherMetrics => {
  const registers = [options.registry];
  let lag: () => number = () => 0;
  let inFlight: () => number = () => 0;
  new Gauge({
    name: 'lexbot_dispatch_lag_seconds',
    help: 'Age of the oldest outbox entry the dispatcher has read but not finished (0 when caught up)',
    registers,
    collect() {
      this.set(lag());
    },
  });
  new Gauge({
    name: 'lexbot_dispatch_in_flight',
    help: 'Outbox entries read and not finished yet',
    registers,
    collect() {
      this.set(inFlight());
    },
  });
  const lateness = new Histogram({ name: 'lexbot_timer_lateness_seconds', help: 'Timer due → delivered to the mailbox', buckets: BUCKETS, registers });
  return {
    dispatchSeconds:
      options.dispatchSeconds ??
      new Histogram({ name: 'lexbot_dispatch_seconds', help: 'Outbox entry committed → effect done', labelNames: ['method', 'outcome'], buckets: BUCKETS, registers }),
    dispatchResends:
      options.dispatchResends ??
      new Counter({ name: 'lexbot_dispatch_resends_total', help: 'Outbox entries sent again after a dispatcher restart (at-least-once window)', registers }),
    dispatchPhaseSeconds: new Histogram({
      name: 'lexbot_dispatch_phase_seconds',
      help: 'Bot API calls: outbox entry recorded → Telegram answered, by phase (visible, read, open, queue, claim, call)',
      labelNames: ['phase'],
      buckets: PHASE_BUCKETS,
      registers,
    }),
    dispatched: new Counter({ name: 'lexbot_dispatch_total', help: 'Outbox entries handled, by kind and outcome', labelNames: ['kind', 'outcome'], registers }),
    handOffs: new Counter({
      name: 'lexbot_dispatch_handoffs_total',
      help: "Committed appends of this process's actors offered to its dispatcher: accepted (calls started before the log read) or refused",
      labelNames: ['outcome'],
      registers,
    }),
    retries: new Counter({ name: 'lexbot_dispatch_retries_total', help: 'Outbox effects tried again after a transient failure', labelNames: ['kind', 'reason'], registers }),
    timersFired: new Counter({ name: 'lexbot_timers_fired_total', help: 'Due timers handed to a mailbox', labelNames: ['outcome'], registers }),
    timerLatenessSeconds: { observe: (seconds) => lateness.observe(seconds) },
    trackLag(source) {
      lag = source;
    },
    trackInFlight(source) {
      inFlight = source;
    },
  };
};

/** Metrics that go nowhere, for tests that do not look at them. */
export const noDispatcherMetrics = (): DispatcherMetrics => ({
  dispatchSeconds: { observe: () => undefined },
  dispatchResends: { inc: () => undefined },
  dispatchPhaseSeconds: { observe: () => undefined },
  dispatched: { inc: () => undefined },
  handOffs: { inc: () => undefined },
  retries: { inc: () => undefined },
  timersFired: { inc: () => undefined },
  timerLatenessSeconds: { observe: () => undefined },
  trackLag: () => undefined,
  trackInFlight: () => undefined,
});
