// The dispatcher role as `lexbot start --roles dispatcher` runs it: the dispatcher and the timer poller (and what
// else must run where they do, such as the broadcast runner), started only while this process holds the lease. ops/ builds the adapters (event store, mailbox, Postgres pool, lease)
// and passes them in; this wires them together.
import type { Logger } from 'pino';
import type { EventStore } from '../../actors/eventStore/types.js';
import type { Mailbox } from '../../actors/mailbox/types.js';
import { createTimerPoller } from '../../actors/timers/timerPoller.js';
import type { TimerStore } from '../../actors/timers/types.js';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './dispatcher.js';
import type { DispatcherMetrics } from './metrics.js';
import { runSingleActive, type Runnable, type SingleActive } from './singleActive.js';
import { timerPollerObserver } from './timerPollerObserver.js';
import type { DispatcherState, Lease, TelegramCaller } from './types.js';

export interface DispatcherRoleOptions {
  readonly store: EventStore;
  readonly mailbox: Mailbox;
  readonly telegram: TelegramCaller;
  readonly state: DispatcherState;
  readonly timers: TimerStore;
  readonly lease: Lease;
  readonly logger: Logger;
  readonly metrics: DispatcherMetrics;
  /** Longest sleep of the timer poller; default 1000 ms. */
  readonly timerPollIntervalMs?: number;
  /** The timer poller's clock (a test moves time forward with it); default the system clock. */
  readonly now?: () => Date;
  readonly dispatcher?: Pick<DispatcherOptions, 'batchSize' | 'maxInFlight' | 'backoff' | 'startFrom'>;
  /** Started after the dispatcher and stopped before it, under the same lease (work sharing its Bot API budget). */
  readonly alsoRun?: readonly Runnable[];
}

export interface DispatcherRole extends SingleActive {
  /** This process's dispatcher (idle unless the lease is held). */
  readonly dispatcher: Dispatcher;
}

export const createDispatcherRole = (options: DispatcherRoleOptions): DispatcherRole => {
  const logger = options.logger.child({ role: 'dispatcher' });
  const poller = createTimerPoller({
    timers: options.timers,
    mailbox: options.mailbox,
    pollIntervalMs: options.timerPollIntervalMs ?? 1000,
    ...(options.now === undefined ? {} : { now: options.now }),
    observer: timerPollerObserver(logger, options.metrics),
  });
  const dispatcher = createDispatcher({
    ...options.dispatcher,
    store: options.store,
    mailbox: options.mailbox,
    telegram: options.telegram,
    state: options.state,
    timers: options.timers,
    logger,
    metrics: options.metrics,
    onTimerScheduled: (fireAt) => poller.wake(fireAt),
  });
  const single = runSingleActive({ lease: options.lease, parts: [dispatcher, poller, ...(options.alsoRun ?? [])], logger });
  return { ...single, dispatcher };
};
