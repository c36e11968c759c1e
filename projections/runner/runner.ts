// Runs one projection: holds (or waits for) its lease, follows the global log from the stored checkpoint, and
// applies events in batches of up to `batchSize` or whatever arrived within `maxWaitMs`, each batch one transaction
// with its checkpoint. Exposes status() for /ready and the lag gauges.
import { compareCheckpoints, START, type Checkpoint, type EventStore, type RecordedEvent, type Subscription } from '../../actors/eventStore/types.js';
import type pg from 'pg';
import type { DeadLetterStore } from './deadLetters.js';
import type { Lease } from './lease.js';
import { CheckpointMovedError, type FailureMode, type ProjectionTarget } from './types.js';

export type RunnerRole = 'starting' | 'standby' | 'active' | 'halted' | 'stopped';

export interface RunnerStatus {
  readonly projection: string;
  readonly role: RunnerRole;
  readonly checkpoint: Checkpoint;
  readonly head: Checkpoint;
  /** Events between the checkpoint and the head of the log (by global position: an upper bound). */
  readonly lagEvents: number;
  /** Age of the oldest event not yet applied; 0 when caught up. */
  readonly lagSeconds: number;
  readonly applied: number;
  readonly skipped: number;
  readonly lastError: string | null;
}

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  readonly target: ProjectionTarget;
  readonly lease: Lease;
  readonly deadLetters: DeadLetterStore;
  /** Where dead letters of halted events go (outside any batch transaction). */
  readonly pool: pg.Pool;
  readonly batchSize?: number;
  readonly maxWaitMs?: number;
  readonly failureMode?: FailureMode;
  /** How often the lease is renewed (owner) or tried (standby), and lag refreshed; default 2000 ms. */
  readonly leaseIntervalMs?: number;
  readonly retryDelayMs?: number;
  readonly onError?: (error: Error) => void;
  readonly now?: () => number;
}

export interface ProjectionRunner {
  start(): void;
  /** Stops after the batch in flight and releases the lease. */
  stop(): Promise<void>;
  status(): RunnerStatus;
}

const toError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

export const createProjectionRunner = (options: ProjectionRunnerOptions): ProjectionRunner => {
  const { store, target, lease } = options;
  const batchSize = options.batchSize ?? 500;
  const maxWaitMs = options.maxWaitMs ?? 50;
  const mode = options.failureMode ?? 'halt';
  const leaseIntervalMs = options.leaseIntervalMs ?? 2000;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const now = options.now ?? Date.now;
  const report = (error: unknown): void => {
    lastError = toError(error).message;
    options.onError?.(toError(error));
  };

  let role: RunnerRole = 'starting';
  let checkpoint: Checkpoint = START;
  let head: Checkpoint = START;
  let oldestPendingAt: number | null = null;
  let applied = 0;
  let skipped = 0;
  let lastError: string | null = null;
  let subscription: Subscription | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  let stopping = false;
  let tickRunning: Promise<void> = Promise.resolve();

  // Batching: pages from the subscription gather in `buffer` until batchSize or maxWaitMs, then apply in order.
  let buffer: RecordedEvent[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();

  const applyNow = async (events: RecordedEvent[]): Promise<void> => {
    const result = await target.apply(events, checkpoint, mode);
    checkpoint = result.checkpoint;
    applied += result.applied;
    skipped += result.skipped.length;
    if (result.halted !== null) {
      await options.deadLetters.record(options.pool, target.name, [result.halted], 'halt');
      lastError = `halted on event ${result.halted.event.id} (${result.halted.event.type}): ${result.halted.error}`;
      role = 'halted';
      throw new Error(lastError);
    }
  };

  const flush = (): Promise<void> => {
    if (flushTimer !== null) clearTimeout(flushTimer);
    flushTimer = null;
    chain = chain.then(async () => {
      if (buffer.length === 0) return;
      const events = buffer;
      buffer = [];
      await applyNow(events);
    });
    return chain;
  };

  const stopSubscription = async (): Promise<void> => {
    const current = subscription;
    subscription = null;
    if (flushTimer !== null) clearTimeout(flushTimer);
    flushTimer = null;
    buffer = [];
    if (current !== null) await current.close().catch(() => undefined);
    await chain.catch(() => undefined);
    chain = Promise.resolve();
  };

  const follow = async (): Promise<void> => {
    await target.prepare();
    checkpoint = await target.checkpoint();
    if (stopping || role !== 'active') return;
    const sub = store.subscribe({
      after: checkpoint,
      batchSize,
      handler: async (events) => {
        buffer.push(...events);
        if (buffer.length >= batchSize) return flush();
        // A timed flush that fails must restart the subscription from the stored checkpoint like any other
        // failure (closing it would end it quietly, and nothing would follow the log until a restart).
        if (flushTimer === null) flushTimer = setTimeout(() => void flush().catch((error: unknown) => onSubscriptionFailed(sub, error)), maxWaitMs);
        // An earlier timed flush that failed surfaces here and ends the subscription.
        return chain;
      },
    });
    subscription = sub;
    sub.done.then(
      () => undefined,
      (error: unknown) => onSubscriptionFailed(sub, error),
    );
  };

  const onSubscriptionFailed = (sub: Subscription, error: unknown): void => {
    if (subscription !== sub) return;
    void stopSubscription().then(() => {
      if (role === 'halted' || stopping) return;
      if (!(error instanceof CheckpointMovedError)) report(error);
      // Resume from the stored checkpoint: at once after a fence, after a pause after an error.
      restartTimer = setTimeout(() => {
        restartTimer = null;
        if (role === 'active' && !stopping) follow().catch(onFollowFailed);
      }, error instanceof CheckpointMovedError ? 0 : retryDelayMs);
    });
  };

  const onFollowFailed = (error: unknown): void => {
    report(error);
    if (role === 'active' && !stopping) {
      restartTimer = setTimeout(() => {
        restartTimer = null;
        if (role === 'active' && !stopping && subscription === null) follow().catch(onFollowFailed);
      }, retryDelayMs);
    }
  };

  const refreshLag = async (): Promise<void> => {
    head = await store.headCheckpoint();
    if (compareCheckpoints(head, checkpoint) <= 0) {
      oldestPendingAt = null;
      return;
    }
    const next = await store.readAll(checkpoint, 1);
    oldestPendingAt = next.events[0]?.recordedAt.getTime() ?? null;
  };

  const tick = async (): Promise<void> => {
    try {
      const held = await lease.acquire();
      if (held && role !== 'halted') {
        if (role !== 'active') role = 'active';
        // Not following yet (just took the lease, or a start failed): start now.
        if (subscription === null && restartTimer === null) await follow().catch(onFollowFailed);
      } else if (!held && (role === 'active' || role === 'starting')) {
        role = 'standby';
        await stopSubscription();
      }
    } catch (error) {
      report(error);
    }
    try {
      await refreshLag();
    } catch (error) {
      report(error);
    }
  };

  return {
    start() {
      if (ticker !== null) return;
      stopping = false;
      tickRunning = tick();
      ticker = setInterval(() => {
        tickRunning = tickRunning.then(tick);
      }, leaseIntervalMs);
    },
    async stop() {
      stopping = true;
      if (ticker !== null) clearInterval(ticker);
      ticker = null;
      if (restartTimer !== null) clearTimeout(restartTimer);
      await tickRunning.catch(() => undefined);
      await flush().catch(() => undefined);
      await stopSubscription();
      await lease.release().catch(() => undefined);
      if (role !== 'halted') role = 'stopped';
    },
    status() {
      const lagEvents = head.position > checkpoint.position ? Number(head.position - checkpoint.position) : 0;
      const caughtUp = compareCheckpoints(head, checkpoint) <= 0;
      return {
        projection: target.name,
        role,
        checkpoint,
        head,
        lagEvents: caughtUp ? 0 : lagEvents,
        lagSeconds: caughtUp || oldestPendingAt === null ? 0 : Math.max(0, (now() - oldestPendingAt) / 1000),
        applied,
        skipped,
        lastError,
      };
    },
  };
};
