// One subscription loop for every adapter: read a page after the checkpoint, hand it to the handler, await it
// (back-pressure), advance, and when caught up wait for a wake-up (LISTEN/NOTIFY, an in-process signal) or a timeout.
import type { Checkpoint, ReadAllResult, Subscription, SubscribeOptions, SubscriptionStatus } from './types.js';

export interface WakeUps {
  /** Counts notifications, so a waiter can tell whether one came while it was reading. */
  generation(): number;
  /**
   * Resolves at once if a notification came since `seen` (a generation()), else on the next notification,
   * after `timeoutMs`, or when `signal` aborts — whichever is first.
   */
  wait(timeoutMs: number, signal: AbortSignal, seen: number): Promise<void>;
}

export interface PollingSubscriptionDeps {
  readonly readAll: (after: Checkpoint, limit: number) => Promise<ReadAllResult>;
  readonly wakeUps: WakeUps;
  /** Upper bound between reads when no notification arrives (the fallback that works behind PgBouncer). */
  readonly pollIntervalMs: number;
}

export const DEFAULT_BATCH_SIZE = 500;

export const createPollingSubscription = (deps: PollingSubscriptionDeps, options: SubscribeOptions): Subscription => {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const stop = new AbortController();
  let checkpoint = options.after;
  let delivered = 0;
  let running = true;

  const loop = async (): Promise<void> => {
    try {
      while (!stop.signal.aborted) {
        const seen = deps.wakeUps.generation();
        const startedAt = performance.timeOrigin + performance.now();
        const page = await deps.readAll(checkpoint, batchSize);
        if (stop.signal.aborted) break;
        if (page.events.length > 0) {
          await options.handler(page.events, { startedAt, fetchedAt: performance.timeOrigin + performance.now() });
          checkpoint = page.checkpoint;
          delivered += page.events.length;
          // A full page means more is waiting: read again at once.
          if (page.events.length === batchSize) continue;
        }
        await deps.wakeUps.wait(deps.pollIntervalMs, stop.signal, seen);
      }
    } finally {
      running = false;
    }
  };

  const done = loop();
  // Callers that never await `done` must not see an unhandled rejection; they learn of it through status().
  done.catch(() => undefined);

  return {
    done,
    async close() {
      stop.abort();
      await done.catch(() => undefined);
    },
    status: (): SubscriptionStatus => ({ checkpoint, delivered, running }),
  };
};

/** In-process wake-ups: `notify()` releases every waiter. Used by the memory adapter and by LISTEN handlers. */
export const createWakeUps = (): WakeUps & { notify(): void } => {
  let waiters = new Set<() => void>();
  let generation = 0;
  return {
    generation: () => generation,
    notify() {
      generation += 1;
      if (waiters.size === 0) return; // the common case of an append with nobody waiting: no new set
      const current = waiters;
      waiters = new Set();
      for (const release of current) release();
    },
    wait(timeoutMs, signal, seen) {
      return new Promise<void>((resolve) => {
        if (signal.aborted || seen !== generation) return resolve();
        const release = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', release);
          waiters.delete(release);
          resolve();
        };
        const timer = setTimeout(release, timeoutMs);
        signal.addEventListener('abort', release, { once: true });
        waiters.add(release);
      });
    },
  };
};
