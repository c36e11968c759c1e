// Delivers due timers to their targets' mailboxes with dedup id `timer:<timerId>`, then marks them fired (the store
// does both in that order). Sleeps until the earliest pending timer or `pollIntervalMs`, whichever is sooner, and
// wakes early when told a timer was scheduled. Run it in one process at a time (the dispatcher's lease); even two
// at once would not deliver a timer twice, thanks to the store's row locks and the mailbox's dedup.
import { MESSAGE_KIND_HEADER, timerMessageId } from '../outbox/outboxEvents.js';
import type { Mailbox, PublishResult } from '../mailbox/types.js';
import { encodeJson } from '../mailbox/types.js';
import { targetPartition } from './mailboxTarget.js';
import type { FireDueResult, ScheduledTimer, TimerStore } from './types.js';

export interface TimerPollerObserver {
  readonly fired?: (timer: ScheduledTimer, result: PublishResult, lateMs: number) => void;
  readonly failed?: (timer: ScheduledTimer, error: unknown) => void;
  /** The store itself failed (database down); the poller keeps trying. */
  readonly error?: (error: unknown) => void;
}

export interface TimerPollerOptions {
  readonly timers: TimerStore;
  readonly mailbox: Mailbox;
  readonly now?: () => Date;
  /** Longest sleep between polls; default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Timers delivered per transaction; default 100. */
  readonly batchSize?: number;
  readonly observer?: TimerPollerObserver;
}

export interface TimerPoller {
  start(): void;
  /** Stops after the poll in progress; resolves when stopped. */
  stop(): Promise<void>;
  /**
   * A timer was scheduled to fire at `at` (absent: any time, e.g. now): the poller polls early if that is sooner
   * than it planned to. A reminder due in a day wakes nothing, so a burst of new users costs no polls.
   */
  wake(at?: Date): void;
  /** One poll (also what the loop runs); for tests and `lexbot ops`. */
  pollOnce(): Promise<FireDueResult>;
}

export const createTimerPoller = (options: TimerPollerOptions): TimerPoller => {
  const { timers, mailbox, observer = {} } = options;
  const now = options.now ?? (() => new Date());
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const batchSize = options.batchSize ?? 100;
  let stopping: AbortController | undefined;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  // While sleeping: when the sleep ends (the poller's clock, ms). While polling: the earliest wake asked for meanwhile.
  let sleepsUntil = Number.POSITIVE_INFINITY;
  let wantedAt: number | undefined;

  const deliver = async (timer: ScheduledTimer): Promise<void> => {
    const result = await mailbox.publish(targetPartition(timer.target, mailbox.partitions), {
      id: timerMessageId(timer.timerId),
      userKey: timer.target,
      payload: encodeJson({ timerId: timer.timerId, message: timer.message }),
      headers: { ...timer.headers, [MESSAGE_KIND_HEADER]: 'timer' },
    });
    observer.fired?.(timer, result, Math.max(0, now().getTime() - timer.fireAt.getTime()));
  };

  const pollOnce = async (): Promise<FireDueResult> => {
    const result = await timers.fireDue(now(), batchSize, deliver);
    for (const { timer, error } of result.failed) observer.failed?.(timer, error);
    return result;
  };

  const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      // A timer scheduled during the poll may be due before the sleep the poll planned.
      const start = now().getTime();
      const wanted = wantedAt;
      wantedAt = undefined;
      const delay = wanted === undefined ? ms : Math.min(ms, wanted - start);
      if (delay <= 0 || signal.aborted) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        wakeUp = undefined;
        sleepsUntil = Number.POSITIVE_INFINITY;
        resolve();
      };
      const timer = setTimeout(done, delay);
      signal.addEventListener('abort', done, { once: true });
      sleepsUntil = start + delay;
      wakeUp = done;
    });

  const run = async (signal: AbortSignal): Promise<void> => {
    while (!signal.aborted) {
      let delay = pollIntervalMs;
      try {
        const result = await pollOnce();
        // A full batch means more are due: go again at once. Failed deliveries wait for the next interval.
        if (result.fired.length + result.failed.length >= batchSize && result.failed.length === 0) continue;
        if (result.failed.length === 0) {
          const next = await timers.nextDue();
          if (next !== undefined) delay = Math.min(pollIntervalMs, next.getTime() - now().getTime());
        }
      } catch (error) {
        observer.error?.(error);
      }
      await sleep(delay, signal);
    }
  };

  return {
    start() {
      if (loop !== undefined) return;
      stopping = new AbortController();
      loop = run(stopping.signal);
    },
    async stop() {
      stopping?.abort();
      await loop;
      loop = undefined;
    },
    wake(at) {
      const due = at?.getTime() ?? Number.NEGATIVE_INFINITY;
      if (wakeUp === undefined) wantedAt = Math.min(wantedAt ?? Number.POSITIVE_INFINITY, due);
      else if (due < sleepsUntil) wakeUp();
    },
    pollOnce,
  };
};
