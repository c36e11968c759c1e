// An actor worker: consumes the mailbox partitions it owns, hands each message to its actor (one mailbox per user,
// strictly in order; many users in parallel up to a bound), and acknowledges a message only after the actor's events
// are committed (DESIGN.md, guarantee 1). A message that keeps failing is naked with backoff until the mailbox
// dead-letters it; one that cannot even be decoded is terminated at once.
import type { Mailbox, MailboxDelivery, MailboxSubscription } from '../mailbox/types.js';
import type { OwnershipChange, PartitionOwnership } from '../partitions/types.js';

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
}

export interface ActorWorkerOptions<Message> {
  readonly mailbox: Mailbox;
  readonly ownership: PartitionOwnership;
  readonly target: WorkerTarget<Message>;
  /** Messages being handled at once across all actors of this worker. */
  readonly maxInFlight?: number;
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
  status(): { partitions: readonly number[]; inFlight: number; handled: number; failed: number };
}

const backoffMs = (redeliveryCount: number): number => Math.min(30_000, 250 * 2 ** redeliveryCount);

export const createActorWorker = <Message>(options: ActorWorkerOptions<Message>): ActorWorker => {
  const { mailbox, ownership, target, observer } = options;
  const maxInFlight = options.maxInFlight ?? 1024;
  // Set as soon as a partition is gained (before its consumer exists) so a quick loss still finds it.
  const consumers = new Map<number, Promise<{ subscription: MailboxSubscription; loop: Promise<void> } | undefined>>();
  const inFlight = new Set<Promise<void>>();
  let slotWaiters: (() => void)[] = [];
  let handled = 0;
  let failed = 0;
  let unsubscribe: (() => void) | undefined;

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

  const waitForSlot = async (): Promise<void> => {
    while (inFlight.size >= maxInFlight) await new Promise<void>((resolve) => slotWaiters.push(resolve));
  };
  const freeSlot = (): void => {
    const waiters = slotWaiters;
    slotWaiters = [];
    for (const wake of waiters) wake();
  };

  const startConsumer = async (partition: number) => {
    const subscription = await mailbox.consume([partition], {
      ...(options.maxAckPending === undefined ? {} : { maxAckPending: options.maxAckPending }),
      ...(options.ackWaitMs === undefined ? {} : { ackWaitMs: options.ackWaitMs }),
      ...(options.maxDeliver === undefined ? {} : { maxDeliver: options.maxDeliver }),
    });
    const loop = (async () => {
      for await (const delivery of subscription) {
        await waitForSlot();
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
      await Promise.all([...consumers.keys()].map(stopPartition));
      await Promise.all(inFlight);
      unsubscribe?.();
      await ownership.stop();
    },
    status: () => ({ partitions: [...consumers.keys()].sort((a, b) => a - b), inFlight: inFlight.size, handled, failed }),
  };
};
