// Consuming a set of partitions: one durable pull consumer per partition (`<prefix>_p<partition>`, explicit acks,
// max_ack_pending as back-pressure), their messages merged into one iterator. The server's max_deliver stays
// unlimited on purpose: a message past `maxDeliver` deliveries is copied to the dead-letter stream with its error and
// then terminated here, so nothing is ever silently dropped by the server.
import { AckPolicy, DeliverPolicy, JetStreamApiError, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { createDeliveryQueue } from '../deliveryQueue.js';
import { DEFAULTS, MAILBOX_HEADERS, type ConsumeOptions, type MailboxDelivery, type MailboxSubscription } from '../types.js';
import type { AckBatcher } from './ackBatcher.js';
import { fromNatsHeaders, readNatsHeaders, toNatsHeaders } from './natsHeaders.js';
import { DLQ_HEADERS, type NatsNames } from './names.js';

/**
 * A pull request's life and the server's heartbeat while it waits. An older nats-server (this machine's 2.9.10; fixed
 * by nats-io/nats-server#3942, March 2023) may drop an expired pull request without telling the client (no 408) when a
 * message arrives just then; the client, still counting the
 * request's unused messages as asked for, pulls again only after two missed heartbeats — 2 × 15 s by default, so a
 * partition's updates waited up to 30 s (test/bench/pipeline/FINDINGS.md, 27 Nov). With a 1 s heartbeat that is
 * 2 s at most, for one small heartbeat a second per idle partition.
 */
const PULL_EXPIRES_MS = 30_000;
const PULL_HEARTBEAT_MS = 1_000;

interface ConsumeArgs {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly names: NatsNames;
  readonly partitions: readonly number[];
  readonly options: ConsumeOptions;
  /** Shared by every subscription of the connection, so acks of all partitions go out together. */
  readonly acks: AckBatcher;
}

// Consumer state stays on file: mem_storage would save the server a state write per message but loses the ack floor
// on a restart (NOTES.md).
const ensureConsumer = async (jsm: JetStreamManager, names: NatsNames, partition: number, options: Required<ConsumeOptions>): Promise<void> => {
  const tunable = { max_ack_pending: options.maxAckPending, ack_wait: nanos(options.ackWaitMs), max_deliver: -1 };
  try {
    await jsm.consumers.add(names.mailboxStream, {
      durable_name: names.consumer(partition),
      filter_subject: names.mailboxSubject(partition),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ...tunable,
    });
  } catch (error) {
    // It exists with other tunables (a restart with new options): converge instead of failing.
    if (!(error instanceof JetStreamApiError)) throw error;
    await jsm.consumers.update(names.mailboxStream, names.consumer(partition), tunable);
  }
};

export const consumeNatsPartitions = async ({ js, jsm, names, partitions, options, acks }: ConsumeArgs): Promise<MailboxSubscription> => {
  const resolved: Required<ConsumeOptions> = {
    maxAckPending: options.maxAckPending ?? DEFAULTS.maxAckPending,
    ackWaitMs: options.ackWaitMs ?? DEFAULTS.ackWaitMs,
    maxDeliver: options.maxDeliver ?? DEFAULTS.maxDeliver,
  };
  const queue = createDeliveryQueue();
  const counters = { delivered: 0, deadLettered: 0, lastError: undefined as string | undefined };
  const streams: ConsumerMessages[] = [];

  const deadLetter = async (msg: JsMsg, partition: number, error: string): Promise<void> => {
    const id = msg.headers?.has('Nats-Msg-Id') ? msg.headers.get('Nats-Msg-Id') : '';
    const userKey = msg.headers?.has(MAILBOX_HEADERS.userKey) ? msg.headers.get(MAILBOX_HEADERS.userKey) : '';
    await js.publish(names.dlqSubject(partition), msg.data, {
      // Dedup makes a crash between this publish and the term below harmless.
      msgID: `dlq:${msg.seq}`,
      headers: toNatsHeaders(fromNatsHeaders(msg.headers), {
        [MAILBOX_HEADERS.userKey]: userKey,
        [DLQ_HEADERS.messageId]: id,
        [DLQ_HEADERS.error]: error.slice(0, 2000),
        [DLQ_HEADERS.deliveries]: String(msg.info.deliveryCount),
        [DLQ_HEADERS.mailboxSeq]: String(msg.seq),
        [DLQ_HEADERS.partition]: String(partition),
      }),
    });
    msg.term(error.slice(0, 200));
    counters.deadLettered += 1;
  };

  const toDelivery = (msg: JsMsg, partition: number, deliveryCount: number): MailboxDelivery => {
    const { msgId, userKey, headers } = readNatsHeaders(msg.headers);
    return {
      id: msgId ?? `seq:${msg.seq}`,
      userKey,
      partition,
      seq: msg.seq,
      payload: msg.data,
      headers,
      redeliveryCount: deliveryCount - 1,
      lastDelivery: deliveryCount >= resolved.maxDeliver,
      // From the parsed delivery info: msg.timestampNanos would parse the reply subject again, into a BigInt.
      publishedAt: Math.floor(msg.info.timestampNanos / 1_000_000),
      ack: () => acks.ack(msg),
      async nak(delayMs = 0, error = 'nak') {
        if (deliveryCount >= resolved.maxDeliver) await deadLetter(msg, partition, error);
        else msg.nak(delayMs);
      },
      async term(reason) {
        await deadLetter(msg, partition, reason);
      },
    };
  };

  const pipe = async (messages: ConsumerMessages, partition: number): Promise<void> => {
    for await (const msg of messages) {
      counters.lastError = undefined;
      const { deliveryCount } = msg.info;
      if (deliveryCount > resolved.maxDeliver) {
        // Delivered maxDeliver times without an ack or a nak (ack wait expired, or the consumer died holding it).
        await deadLetter(msg, partition, `not acknowledged after ${resolved.maxDeliver} deliveries`).catch((error: unknown) => {
          counters.lastError = `dead-lettering seq ${msg.seq} failed: ${String(error)}`;
          msg.nak(resolved.ackWaitMs);
        });
        continue;
      }
      counters.delivered += 1;
      queue.push(toDelivery(msg, partition, deliveryCount));
    }
  };

  const watch = async (messages: ConsumerMessages, partition: number): Promise<void> => {
    for await (const status of messages.status()) {
      if (status.type === 'heartbeats_missed' || status.type === 'consumer_not_found' || status.type === 'consumer_deleted') {
        counters.lastError = `partition ${partition}: ${status.type}`;
      }
    }
  };

  try {
    for (const partition of partitions) {
      await ensureConsumer(jsm, names, partition, resolved);
      const consumer = await js.consumers.get(names.mailboxStream, names.consumer(partition));
      const messages = await consumer.consume({ max_messages: Math.min(resolved.maxAckPending, 256), expires: PULL_EXPIRES_MS, idle_heartbeat: PULL_HEARTBEAT_MS });
      streams.push(messages);
      void pipe(messages, partition).catch((error: unknown) => {
        counters.lastError = `partition ${partition}: ${String(error)}`;
      });
      void watch(messages, partition).catch(() => undefined);
    }
  } catch (error) {
    await Promise.all(streams.map((messages) => messages.close()));
    throw error;
  }

  const close = async (): Promise<void> => {
    if (queue.ended) return;
    queue.end();
    await Promise.all(streams.map((messages) => messages.close()));
  };
  return {
    close,
    status: () => ({ closed: queue.ended, partitions: [...partitions], ...counters }),
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
};
