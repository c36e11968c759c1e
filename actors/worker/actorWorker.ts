// An actor worker: consumes the mailbox partitions it owns, hands each message to its actor (one mailbox per user,
// strictly in order; many users in parallel up to a bound), and acknowledges a message only after the actor's events
// are committed (DESIGN.md, guarantee 1). A message that keeps failing is naked with backoff until the mailbox
// dead-letters it; one that cannot even be decoded is terminated at once. With `intake` it takes no new message while
// the process's event loop runs late (intakeGate.ts), so the work sharing the loop — webhook acks — goes first.
// Either way at most `maxStartsPerTurn` messages start in one turn of the event loop (turnBudget.ts): a socket read
// that brings a hundred messages is handled over several turns, with other I/O in between, not in one long task.
import type { Mailbox, MailboxDelivery, MailboxSubscription } from '../mailbox/types.js';
import type { OwnershipChange, PartitionOwnership } from '../partitions/types.js';
import { createTurnBudget } from '../runtime/turnBudget.js';
import { createIntakeGate } from './intakeGate.js';
import type { LoopDelaySource } from './loopDelay.js';

export interface WorkerTarget<Message> {
  /** Throws PoisonMessageError when the payload can never be handled. */
  readonly decode: (delivery: MailboxDelivery) => Message;
  /** Resolves once the message's effects are committed. */
  readonly tell: (actorKey: string, message: Message) => Promise<unknown>;
}

export interface WorkerObserver {
  readonly delivered?: (delivery: MailboxDelivery, waitedMs: number) => void;
  readonly handled?: (delivery: MailboxDelivery, tookMs: number) => void;
  readonly failed?: (delivery: MailboxDelivery, error: unknown) => void;
  /** Intake opened again after the loop's delay had closed it for `pausedMs`. */
  readonly intakeResumed?: (pausedMs: number) => void;
}

export interface IntakeBound {
  /** The process's event-loop delay (loopDelay.ts; tests inject their own). */
  readonly delay: LoopDelaySource;
  /** Above this delay (ms) no new message is taken until a sample is back within it. */
  readonly maxDelayMs: number;
  /** The in-flight limit never falls below this (default 8) and grows back by `stepInFlight` (4) per calm sample. */
  readonly minInFlight?: number;
  readonly stepInFlight?: number;
}

export interface ActorWorkerOptions<Message> {
  readonly mailbox: Mailbox;
  readonly ownership: PartitionOwnership;
  readonly target: WorkerTarget<Message>;
  /** Messages being handled at once across all actors of this worker. */
  readonly maxInFlight?: number;
  /** Messages started in one turn of the event loop at most (default 16); the rest start in the next turns. */
  readonly maxStartsPerTurn?: number;
  /** Take no new message while the event loop runs later than this; none: only maxInFlight bounds intake. */
  readonly intake?: IntakeBound;
  readonly maxAckPending?: number;
  readonly ackWaitMs?: number;
  readonly maxDeliver?: number;
  readonly observer?: WorkerObserver;
  readonly onError?: (error: unknown) => void;
}

export class PoisonMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

export interface ActorWorker {
  start(): Promise<void>;
  /** Stops consuming, waits for in-flight messages, releases partitions. */
  stop(): Promise<void>;
  status(): { partitions: readonly number[]; inFlight: number; handled: number; failed: number; intakePaused: boolean; intakePauses: number };
}

const backoffMs = (redeliveryCount: number): number => Math.min(30_000, 250 * 2 ** redeliveryCount);

export const createActorWorker = <Message>(options: ActorWorkerOptions<Message>): ActorWorker => {
  const { mailbox, ownership, target, observer } = options;
  const maxInFlight = options.maxInFlight ?? 1024;
  const turns = createTurnBudget(options.maxStartsPerTurn ?? 16);
  // Set as soon as a partition is gained (before its consumer exists) so a quick loss still finds it.
  const consumers = new Map<number, Promise<{ subscription: MailboxSubscription; loop: Promise<void> } | undefined>>();
  const inFlight = new Set<Promise<void>>();
  let slotWaiters: (() => void)[] = [];
  let handled = 0;
  let failed = 0;
  let unsubscribe: (() => void) | undefined;
  const gate =
    options.intake === undefined
      ? undefined
      : createIntakeGate({
          ...options.intake,
          maxInFlight,
          ...(observer?.intakeResumed === undefined ? {} : { onResumed: observer.intakeResumed }),
        });

  const report = (error: unknown): void => options.onError?.(error);

  const handle = async (delivery: MailboxDelivery): Promise<void> => {
    const started = Date.now();
    observer?.delivered?.(delivery, Math.max(0, started - delivery.publishedAt));
    let message: Message;
    try {
      message = target.decode(delivery);
    } catch (error) {
      failed += 1;
      observer?.failed?.(delivery, error);
      await delivery.term(`undecodable: ${(error as Error).message}`).catch(report);
      return;
    }
    try {
      await target.tell(delivery.userKey, message);
      await delivery.ack();
      handled += 1;
      observer?.handled?.(delivery, Date.now() - started);
    } catch (error) {
      failed += 1;
      observer?.failed?.(delivery, error);
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await (error instanceof PoisonMessageError ? delivery.term(reason) : delivery.nak(backoffMs(delivery.redeliveryCount), reason)).catch(report);
    }
  };

  // A slot is reserved before the wait returns: several partitions' loops resume in the same turn, and each must
  // see the others' slots before their tasks exist.
  let reserved = 0;
  const waitForSlot = async (): Promise<void> => {
    for (;;) {
      if (gate?.paused()) await gate.wait();
      else if (inFlight.size + reserved >= (gate?.limit() ?? maxInFlight)) await new Promise<void>((resolve) => slotWaiters.push(resolve));
      else if (!turns.tryTake()) await turns.nextTurn();
      else {
        reserved += 1;
        return;
      }
    }
  };
  const freeSlot = (): void => {
    const waiters = slotWaiters;
    slotWaiters = [];
    for (const wake of waiters) wake();
  };

  // A calm sample may raise the in-flight limit: then let waiting messages look again. (The gate listens first, so
  // its limit is already the new one here.)
  let lastLimit = maxInFlight;
  const stopWaking = options.intake?.delay.onSample(() => {
    const limit = gate?.limit() ?? maxInFlight;
    if (limit > lastLimit) freeSlot();
    lastLimit = limit;
  });

  const startConsumer = async (partition: number) => {
    const subscription = await mailbox.consume([partition], {
      ...(options.maxAckPending === undefined ? {} : { maxAckPending: options.maxAckPending }),
      ...(options.ackWaitMs === undefined ? {} : { ackWaitMs: options.ackWaitMs }),
      ...(options.maxDeliver === undefined ? {} : { maxDeliver: options.maxDeliver }),
    });
    const loop = (async () => {
      for await (const delivery of subscription) {
        await waitForSlot();
        reserved -= 1;
        const task = handle(delivery).finally(() => {
          inFlight.delete(task);
          freeSlot();
        });
        inFlight.add(task);
      }
    })().catch(report);
    return { subscription, loop };
  };

  const stopPartition = async (partition: number): Promise<void> => {
    const starting = consumers.get(partition);
    if (!starting) return;
    consumers.delete(partition);
    const consumer = await starting;
    if (!consumer) return;
    await consumer.subscription.close();
    await consumer.loop;
  };

  const onChange = (change: OwnershipChange): void => {
    for (const partition of change.lost) void stopPartition(partition).catch(report);
    for (const partition of change.gained) {
      if (consumers.has(partition)) continue;
      consumers.set(
        partition,
        startConsumer(partition).catch((error: unknown) => {
          report(error);
          consumers.delete(partition);
          // Still ours: try again shortly (the mailbox may be coming back).
          setTimeout(() => {
            if (ownership.owned().has(partition)) onChange({ gained: [partition], lost: [] });
          }, 1000).unref();
          return undefined;
        }),
      );
    }
  };

  return {
    async start() {
      unsubscribe = ownership.onChange(onChange);
      await ownership.start();
    },
    async stop() {
      // Consumers hand out what they fetched before they end: let it through.
      gate?.close();
      stopWaking?.();
      freeSlot();
      await Promise.all([...consumers.keys()].map(stopPartition));
      await Promise.all(inFlight);
      unsubscribe?.();
      await ownership.stop();
    },
    status: () => ({
      partitions: [...consumers.keys()].sort((a, b) => a - b),
      inFlight: inFlight.size,
      handled,
      failed,
      intakePaused: gate?.paused() ?? false,
      intakePauses: gate?.pauses() ?? 0,
    }),
  };
};
