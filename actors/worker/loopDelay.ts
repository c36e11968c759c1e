// How late this process's event loop runs. A timer-lag probe: a timer every `intervalMs`; how late it fires is how
// long the loop was busy with other callbacks in between — the time a socket's callback (a webhook request, the
// JetStream ack it awaits) waits for its turn. Cheap (one short callback per interval) and unref'd, so it never keeps
// a process alive. The actor worker bounds its intake by it (intakeGate.ts).

export interface LoopDelaySource {
  /** The delay of the latest sample, ms (0 before the first). */
  readonly current: () => number;
  /** Calls `listener` after every sample; returns the function that removes it. */
  readonly onSample: (listener: (delayMs: number) => void) => () => void;
  /** Stops sampling; listeners are not called again. */
  readonly stop: () => void;
}

export interface TimerLagProbeOptions {
  /** Time between samples; default 10 ms. */
  readonly intervalMs?: number;
  /** Monotonic clock in ms; default performance.now. */
  readonly now?: () => number;
}

export const createTimerLagProbe = (options: TimerLagProbeOptions = {}): LoopDelaySource => {
  const intervalMs = options.intervalMs ?? 10;
  const now = options.now ?? (() => performance.now());
  const listeners = new Set<(delayMs: number) => void>();
  let latest = 0;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    const due = now() + intervalMs;
    timer = setTimeout(() => {
      latest = Math.max(0, now() - due);
      for (const listener of [...listeners]) listener(latest);
      if (timer !== undefined) schedule();
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    current: () => latest,
    onSample: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => {
      clearTimeout(timer);
      timer = undefined;
      listeners.clear();
    },
  };
};
