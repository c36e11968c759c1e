// The outbound dispatcher (DESIGN.md, guarantee 6): follows the global log from its checkpoint and performs each
// outbox entry's effect — a Bot API call, a command into another actor's mailbox, a timer kept in the timer store.
//
// - Order: entries run in lanes (lanes.ts): one lane per chat for Telegram calls, per target for commands, per
//   timer id for timers. A lane keeps log order; lanes run in parallel, so one chat waiting out a 429 holds back only
//   itself, across batch boundaries too, up to `maxInFlight` entries read ahead.
// - At least once: the checkpoint moves past a batch only once every entry of it (and of older batches) finished
//   (batchWindow.ts). A Telegram call is claimed in the write-ahead record before it is sent and marked done after,
//   so after a crash a call that may have gone out is sent again and counted (lexbot_dispatch_resends_total), and
//   one known to be done is not. Commands are deduplicated by the mailbox (`evt:<event id>`), timers by their id.
// - Round trips: claims of calls ready at the same time share one write (claimBatcher.ts), and so do timers
//   (timerBatcher.ts); completions ride on the
//   next progress write with the checkpoint (one statement), and progress writes are grouped too: a write waits
//   `progressDelayMs` after the first entry that finished since the last one, and while one is in flight,
//   everything that finishes waits for the next. So at any rate there are at most 1000 / progressDelayMs progress
//   writes a second, not one per reply. The delay only widens the crash window in which an answered call is sent
//   again (and counted); stop() lets what is under way finish (stopGraceMs) and writes what finished at once. A claim write that happens while progress waits
//   carries it in the same statement (pendingProgress.ts), so under steady traffic most progress costs no round
//   trip of its own.
// - Bursts: a claim write releases every call of a page at once; at most `maxSendsPerTurn` of them start in one turn
//   of the event loop (turnBudget.ts), the rest in the next turns, so the answers of calls already out and the rest
//   of the process's I/O get in between instead of waiting behind one long task that builds a hundred requests.
// - Hand-off: beside the actors in one process, their committed appends are offered through handOff() and the
//   stream's own user's calls start at once, before the log read that will confirm them (handOff.ts has the rules).
// - Run it only under the dispatcher lease (singleActive.ts): two dispatchers would both send.
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import { START, formatCheckpoint, type Checkpoint, type EventStore, type PageRead, type RecordedEvent, type Subscription } from '../../actors/eventStore/types.js';
import type { Mailbox } from '../../actors/mailbox/types.js';
import { OUTBOX_EVENT_TYPES } from '../../actors/outbox/outboxEvents.js';
import { createTurnBudget } from '../../actors/runtime/turnBudget.js';
import type { TimerStore } from '../../actors/timers/types.js';
import { createBatchWindow } from './batchWindow.js';
import { createClaimBatcher, type ClaimBatcher } from './claimBatcher.js';
import { applyTimer, nowMs, publishCommand, sendTelegramCall, type EffectDeps } from './effects.js';
import { createStreamVersions, isOwnLane, type CommittedAppend } from './handOff.js';
import { createLanes } from './lanes.js';
import { createPendingProgress } from './pendingProgress.js';
import type { DispatcherMetrics } from './metrics.js';
import { toOutboxEntry, type OutboxEntry } from './outboxEntry.js';
import { DEFAULT_BACKOFF, DispatchAborted, infrastructureFailure, retrying, type BackoffOptions } from './retry.js';
import { createTimerBatcher, type TimerBatcher } from './timerBatcher.js';
import type { ClaimOutcome, DispatchKind, DispatchOutcome, DispatcherState, TelegramCaller } from './types.js';

export interface DispatcherOptions {
  readonly store: EventStore;
  readonly mailbox: Mailbox;
  readonly telegram: TelegramCaller;
  readonly state: DispatcherState;
  readonly timers: TimerStore;
  readonly logger: Logger;
  readonly metrics: DispatcherMetrics;
  /** Events read per page of the log; default 200. */
  readonly batchSize?: number;
  /** Outbox entries read but not finished before reading pauses (back-pressure); default 1000. */
  readonly maxInFlight?: number;
  readonly backoff?: Partial<BackoffOptions>;
  /** Where a dispatcher with no stored checkpoint starts; default the start of the log. */
  readonly startFrom?: Checkpoint;
  /** A timer was scheduled to fire at `fireAt` (wake the poller if that is sooner than it planned). */
  readonly onTimerScheduled?: (fireAt: Date) => void;
  /**
   * How long finished entries wait to be stored together (completions and checkpoint, one statement); default 50 ms.
   * Longer: fewer writes, and more calls sent again after a crash (never after a stop).
   */
  readonly progressDelayMs?: number;
  /** Bot API calls started in one turn of the event loop at most; default 8 (building one took ~1 ms under load). */
  readonly maxSendsPerTurn?: number;
  /** Streams whose last seen version the hand-off remembers (handOff.ts); default 100,000. */
  readonly handOffStreams?: number;
  /**
   * How long stop() lets the effects already started finish before it aborts them; default 3 s. An aborted call may
   * have reached Telegram: the next run sends it again (the user sees it twice), so a stop waits this long first.
   */
  readonly stopGraceMs?: number;
}

export interface DispatcherStatus {
  readonly running: boolean;
  /** Stored checkpoint: every outbox entry up to here is done. */
  readonly committed: Checkpoint;
  /** Last event read from the log. */
  readonly readUpTo: Checkpoint;
  readonly inFlight: number;
}

export interface Dispatcher {
  /** Loads the checkpoint and starts following the log. */
  start(): Promise<void>;
  /**
   * Stops reading and starting effects, lets those already started finish for up to `stopGraceMs`, aborts the rest
   * (calls claimed but not finished are sent again by the next run, and counted), stores the checkpoint of what
   * finished, and resolves.
   */
  stop(): Promise<void>;
  status(): DispatcherStatus;
  /** Committed appends of this process (handOff.ts); ignored while the dispatcher is not running. */
  handOff(appends: readonly CommittedAppend[]): void;
}

const MAX_BATCHES_IN_FLIGHT = 256;
/** The only events the dispatcher acts on (toOutboxEntry): the rest of the log comes without data. */
const OUTBOX_TYPES: readonly string[] = Object.values(OUTBOX_EVENT_TYPES);

const methodLabel = (entry: OutboxEntry): string => (entry.kind === 'telegram' ? entry.method : entry.kind === 'invalid' ? entry.as : entry.kind);

export const createDispatcher = (options: DispatcherOptions): Dispatcher => {
  const { store, logger, metrics, state } = options;
  const batchSize = options.batchSize ?? 200;
  const maxInFlight = options.maxInFlight ?? 1000;
  const progressDelayMs = options.progressDelayMs ?? 50;
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...options.backoff };
  let claims: ClaimBatcher | undefined;
  let timerGroups: TimerBatcher | undefined;
  const sends = createTurnBudget(options.maxSendsPerTurn ?? 8);
  const deps: EffectDeps = {
    ...options,
    telegram: async (method, payload, signal) => {
      await sends.take();
      return options.telegram(method, payload, signal);
    },
    backoff,
    onTimerScheduled: options.onTimerScheduled ?? (() => undefined),
    claim: (eventId) => claims!.claim(eventId),
    scheduleTimer: (timer) => timerGroups!.schedule(timer),
    completed: (call) => pending.completed(call),
  };

  let window = createBatchWindow();
  let lanes = createLanes();
  let abort = new AbortController();
  let pending = createPendingProgress(window, START);
  let readUpTo: Checkpoint = START;
  let running = false;
  /** Set by stop(): entries not started yet stay unstarted (the next run does them), those started may finish. */
  let stopping = false;
  let following: Promise<void> = Promise.resolve();
  let subscription: Subscription | undefined;
  let commits: Promise<void> = Promise.resolve();
  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  const tasks = new Set<Promise<unknown>>();
  let roomWaiters: (() => void)[] = [];
  const versions = createStreamVersions(options.handOffStreams ?? 100_000);
  /** Calls started by a hand-off and not yet found by the log read, by event id. */
  const handedOver = new Map<string, Promise<string | undefined>>();

  metrics.trackLag(() => {
    const oldest = window.oldestOpen();
    return oldest === undefined ? 0 : Math.max(0, Date.now() - oldest) / 1000;
  });
  metrics.trackInFlight(() => window.inFlight());

  const releaseRoom = (): void => {
    const waiters = roomWaiters;
    roomWaiters = [];
    waiters.forEach((wake) => wake());
  };

  /** Back-pressure: wait until the window has room for `entries` more (an empty window always has). */
  const room = async (entries: number, signal: AbortSignal): Promise<void> => {
    while (window.inFlight() > 0 && (window.inFlight() + entries > maxInFlight || window.batches() >= MAX_BATCHES_IN_FLIGHT)) {
      if (signal.aborted) throw new DispatchAborted();
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          signal.removeEventListener('abort', wake);
          resolve();
        };
        roomWaiters.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
  };

  const commitOnce = async (signal: AbortSignal | undefined): Promise<void> => {
    const taken = pending.take(signal === undefined);
    if (taken === undefined) {
      // A claim write carries what was pending: look again once it is through.
      if (signal !== undefined && pending.busy()) scheduleCommit(signal);
      return;
    }
    const write = (): Promise<void> => state.commit(taken.progress);
    try {
      if (signal === undefined) await write();
      else await retrying(write, infrastructureFailure, (failure) => logger.warn({ err: failure.description }, 'storing the dispatcher checkpoint failed, will retry'), signal, backoff);
    } catch (error) {
      // Not stored: the completions go with the next write (the final one at stop, at the latest).
      pending.lost(taken);
      throw error;
    }
    pending.stored(taken);
  };

  /** A grouped write to our own store, retried until it works or the dispatcher stops. */
  const persistently = async <T>(write: () => Promise<T>, kind: DispatchKind, what: string, size: Record<string, number>, signal: AbortSignal): Promise<T> => {
    const attempt = await retrying(
      write,
      infrastructureFailure,
      (failure, attemptNo, delayMs) => {
        metrics.retries.inc({ kind, reason: failure.reason });
        logger[attemptNo >= 5 ? 'error' : 'warn']({ err: failure.description, ...size, attempt: attemptNo, delay_ms: delayMs }, `${what} failed, will retry`);
      },
      signal,
      backoff,
    );
    if (!attempt.ok) throw new Error('unreachable: infrastructure failures are never final');
    return attempt.value;
  };

  /** Claims of calls about to be sent, with the progress that waits to be stored, if no other write has it. */
  const claimWithProgress = async (eventIds: readonly string[], signal: AbortSignal): Promise<readonly ClaimOutcome[]> => {
    const taken = pending.take();
    try {
      const outcomes = await persistently(() => state.claim(eventIds, taken?.progress), 'telegram', 'claiming Telegram calls', { calls: eventIds.length }, signal);
      if (taken !== undefined) pending.stored(taken);
      return outcomes;
    } catch (error) {
      if (taken !== undefined) pending.lost(taken);
      throw error;
    }
  };

  const scheduleCommit = (signal: AbortSignal): void => {
    // One pending write collects everything that finishes until it starts.
    if (progressTimer !== undefined || signal.aborted) return;
    progressTimer = setTimeout(() => {
      progressTimer = undefined;
      commits = commits.then(() => commitOnce(signal)).catch((error: unknown) => {
        if (!(error instanceof DispatchAborted)) logger.error({ err: error }, 'storing the dispatcher checkpoint failed');
      });
    }, progressDelayMs);
  };

  /**
   * Observes the phases up to the start of a Bot API call's effect (effects.ts observes the rest). `read` is undefined
   * for a call handed over in-process: it had no visible, read or open phase.
   */
  const observeStart = (entry: OutboxEntry, read: PageRead | undefined, handedAt: number): void => {
    const started = nowMs();
    const phases = metrics.dispatchPhaseSeconds;
    if (read !== undefined) {
      phases.observe({ phase: 'visible' }, Math.max(0, read.startedAt - entry.event.recordedAt.getTime()) / 1000);
      phases.observe({ phase: 'read' }, (read.fetchedAt - read.startedAt) / 1000);
      phases.observe({ phase: 'open' }, (handedAt - read.fetchedAt) / 1000);
    }
    phases.observe({ phase: 'queue' }, (started - handedAt) / 1000);
  };

  const perform = async (entry: OutboxEntry, signal: AbortSignal, read: PageRead | undefined, handedAt: number): Promise<string | undefined> => {
    if (stopping) throw new DispatchAborted();
    if (entry.kind === 'telegram') observeStart(entry, read, handedAt);
    const { event } = entry;
    const log = logger.child({ event_id: event.id, stream: event.streamName, correlation_id: event.metadata.correlationId ?? event.id, kind: entry.kind, lane: entry.lane });
    const kind: DispatchKind = entry.kind === 'invalid' ? entry.as : entry.kind;
    let outcome: DispatchOutcome;
    try {
      switch (entry.kind) {
        case 'telegram':
          outcome = await sendTelegramCall(entry, deps, log.child({ method: entry.method }), signal);
          break;
        case 'command':
          outcome = await publishCommand(entry, deps, log, signal);
          break;
        case 'timer_scheduled':
        case 'timer_cancelled':
          outcome = await applyTimer(entry, deps, log, signal);
          break;
        case 'invalid':
          log.error({ problem: entry.problem }, 'malformed outbox event; skipped');
          outcome = 'invalid';
          break;
      }
    } catch (error) {
      if (error instanceof DispatchAborted) throw error;
      // A bug, not a transient failure (effects retry those): skip loudly rather than stall the log forever.
      log.error({ err: error }, 'dispatching failed unexpectedly; skipped');
      outcome = 'invalid';
    }
    metrics.dispatched.inc({ kind, outcome });
    metrics.dispatchSeconds.observe({ method: methodLabel(entry), outcome }, Math.max(0, Date.now() - event.recordedAt.getTime()) / 1000);
    log.debug({ outcome }, 'dispatched');
    return entry.kind === 'telegram' ? event.id : undefined;
  };

  const handleBatch = async (events: readonly RecordedEvent[], read: PageRead, signal: AbortSignal): Promise<void> => {
    const handedAt = nowMs();
    const last = events[events.length - 1];
    if (last === undefined) return;
    const entries = events.map(toOutboxEntry).filter((entry): entry is OutboxEntry => entry !== undefined);
    await room(entries.length, signal);
    const batch = window.open(last.checkpoint, entries.length, entries[0]?.event.recordedAt.getTime());
    readUpTo = last.checkpoint;
    for (const entry of entries) {
      // Started by a hand-off: the log read only waits for it (and does not send it again).
      const started = handedOver.get(entry.event.id);
      if (started !== undefined) handedOver.delete(entry.event.id);
      const task = (started ?? lanes.enqueue(entry.lane, () => perform(entry, signal, read, handedAt))).then(
        (settledId) => {
          batch.finish(settledId);
          releaseRoom();
          scheduleCommit(signal);
        },
        (error: unknown) => {
          // Aborted: the entry stays unfinished, so the checkpoint stays before it and the next run redoes it.
          if (!(error instanceof DispatchAborted)) logger.error({ err: error, event_id: entry.event.id }, 'dispatch task failed');
          releaseRoom();
        },
      );
      tasks.add(task);
      void task.finally(() => tasks.delete(task));
    }
    // Only now, with this page's entries in their lanes: a hand-off of a stream's next version may follow them.
    for (const event of events) versions.seen(event.streamName, event.streamVersion);
    if (entries.length === 0) scheduleCommit(signal);
  };

  const handOff = (appends: readonly CommittedAppend[]): void => {
    if (!running || stopping || abort.signal.aborted) return;
    const signal = abort.signal;
    for (const append of appends) {
      const calls = append.calls.map(toOutboxEntry).filter((entry): entry is OutboxEntry & { kind: 'telegram' } => entry?.kind === 'telegram' && isOwnLane(append.stream, entry.lane));
      if (!versions.follows(append.stream, append.firstVersion) || handedOver.size + calls.length > maxInFlight) {
        // Its calls wait for the log read; later appends of the stream too, until that read has seen this one.
        if (calls.length > 0) metrics.handOffs.inc({ outcome: 'refused' });
        continue;
      }
      versions.seen(append.stream, append.firstVersion + append.count - 1);
      if (calls.length === 0) continue;
      metrics.handOffs.inc({ outcome: 'accepted' });
      const handedAt = nowMs();
      for (const entry of calls) {
        const task = lanes.enqueue(entry.lane, () => perform(entry, signal, undefined, handedAt));
        // Awaited by the log read that finds the entry (or by stop()); until then its rejection is not unhandled.
        task.catch(() => undefined);
        handedOver.set(entry.event.id, task);
        tasks.add(task);
        void task.finally(() => tasks.delete(task)).catch(() => undefined);
      }
    }
  };

  const follow = async (signal: AbortSignal): Promise<void> => {
    for (let failures = 0; !signal.aborted; ) {
      subscription = store.subscribe({ after: readUpTo, batchSize, dataOnlyOf: OUTBOX_TYPES, handler: (events, read) => handleBatch(events, read, signal) });
      try {
        await subscription.done;
        return;
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        const delayMs = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(failures, 16));
        logger.error({ err: error, after: formatCheckpoint(readUpTo), delay_ms: delayMs }, 'reading the log failed; resubscribing');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, delayMs);
          function done(): void {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
          }
          signal.addEventListener('abort', done, { once: true });
        });
      }
    }
  };

  return {
    async start() {
      if (running) return;
      window = createBatchWindow();
      lanes = createLanes();
      // What an earlier run saw or started says nothing about this run's reads, which start at the stored checkpoint.
      versions.clear();
      handedOver.clear();
      abort = new AbortController();
      // Every effect in flight (up to maxInFlight) listens on this one signal: that is the design, not a leak.
      setMaxListeners(0, abort.signal);
      const signal = abort.signal;
      claims = createClaimBatcher((eventIds) => claimWithProgress(eventIds, signal));
      timerGroups = createTimerBatcher((timers) => persistently(() => options.timers.scheduleMany(timers), 'timer_scheduled', 'storing timers', { timers: timers.length }, signal));
      const committed = (await state.loadCheckpoint()) ?? options.startFrom ?? START;
      pending = createPendingProgress(window, committed);
      readUpTo = committed;
      running = true;
      logger.info({ checkpoint: formatCheckpoint(committed) }, 'dispatcher started');
      following = follow(abort.signal);
    },

    async stop() {
      if (!running) return;
      stopping = true;
      // The effects already under way finish (their completions are stored below), within the grace period.
      const grace = new Promise<void>((resolve) => setTimeout(resolve, options.stopGraceMs ?? 3_000).unref());
      await Promise.race([Promise.allSettled([...tasks]), grace]);
      abort.abort();
      releaseRoom();
      await subscription?.close();
      await following;
      await Promise.allSettled([...tasks]);
      handedOver.clear();
      clearTimeout(progressTimer);
      progressTimer = undefined;
      await commits;
      // One last store of what finished (no retrying: stopping must not hang on a database that is down).
      await commitOnce(undefined).catch((error: unknown) => logger.error({ err: error }, 'storing the final dispatcher checkpoint failed'));
      running = false;
      stopping = false;
      logger.info({ checkpoint: formatCheckpoint(pending.committed()), unfinished: window.inFlight() }, 'dispatcher stopped');
    },

    status: () => ({ running, committed: pending.committed(), readUpTo, inFlight: window.inFlight() }),
    handOff,
  };
};
