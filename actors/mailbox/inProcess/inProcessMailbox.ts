// The in-process twin of the NATS mailbox, for unit tests and single-node mode. Same semantics as the JetStream
// adapter: dedup by id inside a window, one durable consumer per partition delivering in sequence order,
// redelivery after nak or an expired ack wait (redeliveries before new messages), max-ack-pending as back-pressure,
// dead letters after maxDeliver deliveries. Nothing survives the process, by design.
import { createDeliveryQueue, type DeliveryQueue } from '../deliveryQueue.js';
import { assertPartition, deadLetterNotFound } from '../errors.js';
import {
  DEFAULTS,
  retryIdOf,
  type ConsumeOptions,
  type DeadLetter,
  type Mailbox,
  type MailboxDelivery,
  type MailboxSubscription,
  type OutgoingMessage,
} from '../types.js';

export interface InProcessMailboxOptions {
  readonly partitions: number;
  readonly duplicateWindowMs?: number;
  /** Injected clock for the duplicate window; defaults to Date.now. */
  readonly now?: () => number;
}

interface Stored {
  readonly seq: number;
  readonly partition: number;
  readonly message: OutgoingMessage;
  readonly publishedAt: number;
}

interface Subscriber {
  readonly queue: DeliveryQueue;
  readonly onDelivered: () => void;
  readonly onDeadLettered: () => void;
}

interface ConsumerState {
  options: Required<ConsumeOptions>;
  nextIndex: number;
  /** Delivered, not yet settled; the timer redelivers on ack-wait expiry. */
  readonly pending: Map<number, ReturnType<typeof setTimeout>>;
  /** Settled-for-now messages waiting to be delivered again, ordered by seq. */
  readonly redeliver: Stored[];
  readonly deliveries: Map<number, number>;
  subscriber: Subscriber | undefined;
}

export const createInProcessMailbox = (options: InProcessMailboxOptions): Mailbox => {
  const { partitions } = options;
  const windowMs = options.duplicateWindowMs ?? DEFAULTS.duplicateWindowMs;
  const now = options.now ?? Date.now;
  const logs: Stored[][] = Array.from({ length: partitions }, () => []);
  const seen = new Map<string, { seq: number; at: number }>();
  const consumers = new Map<number, ConsumerState>();
  const deadLetters: DeadLetter[] = [];
  let lastDeadLetterSeq = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let lastSeq = 0;
  let closed = false;

  const later = (ms: number, run: () => void): ReturnType<typeof setTimeout> => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    timers.add(timer);
    return timer;
  };
  const cancel = (timer: ReturnType<typeof setTimeout> | undefined): void => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timers.delete(timer);
  };

  const deadLetter = (state: ConsumerState, stored: Stored, error: string): void => {
    lastDeadLetterSeq += 1;
    deadLetters.push({
      seq: lastDeadLetterSeq,
      id: stored.message.id,
      userKey: stored.message.userKey,
      partition: stored.partition,
      mailboxSeq: stored.seq,
      deliveries: state.deliveries.get(stored.seq) ?? 0,
      error,
      payload: stored.message.payload,
      headers: { ...stored.message.headers },
      deadLetteredAt: now(),
    });
    state.subscriber?.onDeadLettered();
  };

  const settle = (state: ConsumerState, seq: number): boolean => {
    const timer = state.pending.get(seq);
    if (timer === undefined) return false;
    cancel(timer);
    state.pending.delete(seq);
    return true;
  };

  const scheduleRedelivery = (partition: number, state: ConsumerState, stored: Stored, delayMs: number): void => {
    const enqueue = (): void => {
      const at = state.redeliver.findIndex((other) => other.seq > stored.seq);
      state.redeliver.splice(at === -1 ? state.redeliver.length : at, 0, stored);
      pump(partition);
    };
    if (delayMs > 0) later(delayMs, enqueue);
    else enqueue();
  };

  const deliver = (partition: number, state: ConsumerState, stored: Stored): MailboxDelivery => {
    const count = (state.deliveries.get(stored.seq) ?? 0) + 1;
    state.deliveries.set(stored.seq, count);
    state.pending.set(
      stored.seq,
      later(state.options.ackWaitMs, () => {
        state.pending.delete(stored.seq);
        scheduleRedelivery(partition, state, stored, 0);
      }),
    );
    return {
      id: stored.message.id,
      userKey: stored.message.userKey,
      partition,
      seq: stored.seq,
      payload: stored.message.payload,
      headers: { ...stored.message.headers },
      redeliveryCount: count - 1,
      lastDelivery: count >= state.options.maxDeliver,
      publishedAt: stored.publishedAt,
      async ack() {
        if (settle(state, stored.seq)) pump(partition);
      },
      async nak(delayMs = 0, error = 'nak') {
        if (!settle(state, stored.seq)) return;
        if (count >= state.options.maxDeliver) deadLetter(state, stored, error);
        else scheduleRedelivery(partition, state, stored, delayMs);
        pump(partition);
      },
      async term(reason) {
        if (!settle(state, stored.seq)) return;
        deadLetter(state, stored, reason);
        pump(partition);
      },
    };
  };

  const pump = (partition: number): void => {
    const state = consumers.get(partition);
    const subscriber = state?.subscriber;
    if (state === undefined || subscriber === undefined || subscriber.queue.ended || closed) return;
    const log = logs[partition] ?? [];
    while (state.pending.size < state.options.maxAckPending) {
      const stored = state.redeliver.shift() ?? log[state.nextIndex];
      if (stored === undefined) return;
      if (stored === log[state.nextIndex]) state.nextIndex += 1;
      if ((state.deliveries.get(stored.seq) ?? 0) >= state.options.maxDeliver) {
        deadLetter(state, stored, `not acknowledged after ${state.options.maxDeliver} deliveries`);
        continue;
      }
      subscriber.queue.push(deliver(partition, state, stored));
      subscriber.onDelivered();
    }
  };

  const forget = (): void => {
    const horizon = now() - windowMs;
    for (const [id, entry] of seen) {
      if (entry.at > horizon) break;
      seen.delete(id);
    }
  };

  const takeDeadLetter = (seq: number): DeadLetter => {
    const index = deadLetters.findIndex((letter) => letter.seq === seq);
    const letter = deadLetters[index];
    if (letter === undefined) throw deadLetterNotFound(seq);
    deadLetters.splice(index, 1);
    return letter;
  };

  const mailbox: Mailbox = {
    partitions,
    async publish(partition, message) {
      assertPartition(partition, partitions);
      forget();
      const known = seen.get(message.id);
      if (known !== undefined) return { duplicate: true, seq: known.seq };
      lastSeq += 1;
      const stored: Stored = { seq: lastSeq, partition, message, publishedAt: now() };
      logs[partition]?.push(stored);
      seen.set(message.id, { seq: lastSeq, at: stored.publishedAt });
      pump(partition);
      return { duplicate: false, seq: lastSeq };
    },

    async consume(selected, consumeOptions = {}) {
      const resolved: Required<ConsumeOptions> = {
        maxAckPending: consumeOptions.maxAckPending ?? DEFAULTS.maxAckPending,
        ackWaitMs: consumeOptions.ackWaitMs ?? DEFAULTS.ackWaitMs,
        maxDeliver: consumeOptions.maxDeliver ?? DEFAULTS.maxDeliver,
      };
      for (const partition of selected) assertPartition(partition, partitions);
      const queue = createDeliveryQueue();
      const counters = { delivered: 0, deadLettered: 0 };
      const subscriber: Subscriber = {
        queue,
        onDelivered: () => (counters.delivered += 1),
        onDeadLettered: () => (counters.deadLettered += 1),
      };
      for (const partition of selected) {
        const state = consumers.get(partition) ?? {
          options: resolved,
          nextIndex: 0,
          pending: new Map(),
          redeliver: [],
          deliveries: new Map(),
          subscriber: undefined,
        };
        state.options = resolved;
        state.subscriber = subscriber;
        consumers.set(partition, state);
      }
      const close = async (): Promise<void> => {
        queue.end();
        for (const partition of selected) {
          const state = consumers.get(partition);
          if (state?.subscriber === subscriber) state.subscriber = undefined;
        }
      };
      for (const partition of selected) pump(partition);
      const subscription: MailboxSubscription = {
        close,
        status: () => ({ closed: queue.ended, partitions: [...selected], ...counters, lastError: undefined }),
        [Symbol.asyncIterator]: () => {
          const iterator = queue.iterate();
          return {
            next: () => iterator.next(),
            return: async () => {
              await close();
              return { value: undefined, done: true };
            },
          };
        },
      };
      return subscription;
    },

    async probe() {},

    async listDeadLetters(limit = 100, filter = {}) {
      return deadLetters.filter((letter) => filter.partition === undefined || letter.partition === filter.partition).slice(0, limit);
    },

    async retryDeadLetter(seq) {
      const letter = deadLetters.find((candidate) => candidate.seq === seq);
      if (letter === undefined) throw deadLetterNotFound(seq);
      const id = retryIdOf(letter.id, seq);
      const { duplicate, seq: mailboxSeq } = await mailbox.publish(letter.partition, { id, userKey: letter.userKey, payload: letter.payload, headers: letter.headers });
      takeDeadLetter(seq);
      return { seq, id, partition: letter.partition, mailboxSeq, duplicate };
    },

    async dropDeadLetter(seq) {
      return takeDeadLetter(seq);
    },

    async close() {
      closed = true;
      for (const state of consumers.values()) state.subscriber?.queue.end();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
  return mailbox;
};
