// Intake bounded by the event loop's delay: while the loop runs later than `maxDelayMs`, the actor worker takes no new
// mailbox message, so work that shares the loop (the gateway's webhook acks in a one-process deployment, which only
// need a JetStream publish) is not queued behind actor work. Nothing is lost by waiting: what is not taken stays in
// JetStream (or was delivered and stays unacked), bounded by max-ack-pending as before. The gate opens again at the
// first sample back within the bound. Messages already in handling go on while it is closed, so it also bounds how
// many may be (AIMD): the limit halves at every late sample and grows by a step at every sample within the bound —
// otherwise a thousand messages taken in a calm moment keep the loop late long after the gate closed.
import type { LoopDelaySource } from './loopDelay.js';

export interface IntakeGate {
  /** Resolves at once while the latest sample is within the bound, else at the first sample that is (or on close). */
  readonly wait: () => Promise<void>;
  readonly paused: () => boolean;
  /** How many messages may be in handling now: between minInFlight and maxInFlight. */
  readonly limit: () => number;
  /** Times the gate closed so far. */
  readonly pauses: () => number;
  /** Opens the gate for good (the worker is stopping) and stops listening to the source. */
  readonly close: () => void;
}

export interface IntakeGateOptions {
  readonly delay: LoopDelaySource;
  /** The largest loop delay at which new messages are still taken, ms. */
  readonly maxDelayMs: number;
  /** The in-flight limit's bounds and its step up per sample within the bound. */
  readonly maxInFlight: number;
  readonly minInFlight?: number;
  readonly stepInFlight?: number;
  /** Called when the gate opens again, with how long it was closed (ms of the source's samples' clock). */
  readonly onResumed?: (pausedMs: number) => void;
  /** Clock for onResumed; default performance.now. */
  readonly now?: () => number;
}

export const createIntakeGate = ({ delay, maxDelayMs, maxInFlight, onResumed, now = () => performance.now(), ...options }: IntakeGateOptions): IntakeGate => {
  const minInFlight = Math.min(maxInFlight, options.minInFlight ?? 8);
  const stepInFlight = options.stepInFlight ?? 4;
  let limit = maxInFlight;
  let waiters: (() => void)[] = [];
  let closedAt: number | undefined;
  let pauses = 0;
  let open = delay.current() <= maxDelayMs;
  let ended = false;
  const release = (): void => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  const unsubscribe = delay.onSample((delayMs) => {
    const wasOpen = open;
    open = delayMs <= maxDelayMs;
    limit = open ? Math.min(maxInFlight, limit + stepInFlight) : Math.max(minInFlight, Math.floor(limit / 2));
    if (wasOpen && !open) {
      pauses += 1;
      closedAt = now();
    }
    if (!wasOpen && open) {
      if (closedAt !== undefined) onResumed?.(now() - closedAt);
      closedAt = undefined;
      release();
    }
  });
  if (!open) {
    pauses += 1;
    closedAt = now();
  }
  return {
    wait: () => (open || ended ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    paused: () => !open && !ended,
    limit: () => (ended ? maxInFlight : limit),
    pauses: () => pauses,
    close: () => {
      ended = true;
      unsubscribe();
      release();
    },
  };
};
