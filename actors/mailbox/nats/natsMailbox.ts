// The NATS JetStream mailbox. One stream `<prefix>_mailbox` holds every partition on subject
// `<prefix>.mailbox.<partition>` (the publisher computes the partition: no subject transforms, so it works on
// NATS 2.9); `Nats-Msg-Id` = message id gives dedup inside the stream's duplicate window. The connection is given,
// not owned: the composition root connects, drains and closes it.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { assertPartition, MailboxError, mailboxUnavailable } from '../errors.js';
import { DEFAULTS, MAILBOX_HEADERS, type Mailbox, type MailboxSubscription } from '../types.js';
import { createAckBatcher } from './ackBatcher.js';
import { ensureStreams } from './ensureStreams.js';
import { createNatsDeadLetters } from './natsDeadLetters.js';
import { toNatsHeaders } from './natsHeaders.js';
import { natsNames } from './names.js';
import { consumeNatsPartitions } from './natsSubscription.js';

export interface NatsMailboxOptions {
  readonly connection: NatsConnection;
  readonly prefix: string;
  readonly partitions: number;
  readonly duplicateWindowMs?: number;
  /** How long a publish may wait for the JetStream ack before it counts as unavailable. */
  readonly publishTimeoutMs?: number;
  readonly retentionMs?: number;
  readonly replicas?: number;
}

// Room left under the server's max_payload for headers (trace context, ids).
const HEADER_ALLOWANCE = 4096;

export const createNatsMailbox = async (options: NatsMailboxOptions): Promise<Mailbox> => {
  const { connection: nc, partitions } = options;
  const names = natsNames(options.prefix);
  const publishTimeoutMs = options.publishTimeoutMs ?? DEFAULTS.publishTimeoutMs;
  const jsm = await jetstreamManager(nc, { timeout: publishTimeoutMs });
  const js = jetstream(nc, { timeout: publishTimeoutMs });
  await ensureStreams(jsm, names, {
    duplicateWindowMs: options.duplicateWindowMs ?? DEFAULTS.duplicateWindowMs,
    retentionMs: options.retentionMs ?? 24 * 3600_000,
    replicas: options.replicas ?? 1,
  });
  const subscriptions = new Set<MailboxSubscription>();
  const deadLetters = createNatsDeadLetters(js, jsm, names, partitions);
  const acks = createAckBatcher();

  return {
    partitions,

    async publish(partition, message) {
      assertPartition(partition, partitions);
      const maxPayload = nc.info?.max_payload;
      if (maxPayload !== undefined && message.payload.byteLength > maxPayload - HEADER_ALLOWANCE) {
        throw new MailboxError('message_too_large', `payload of ${message.payload.byteLength} bytes exceeds the server's limit of ${maxPayload}`);
      }
      try {
        const ack = await js.publish(names.mailboxSubject(partition), message.payload, {
          msgID: message.id,
          headers: toNatsHeaders(message.headers, { [MAILBOX_HEADERS.userKey]: message.userKey }),
          timeout: publishTimeoutMs,
        });
        return { duplicate: ack.duplicate, seq: ack.seq };
      } catch (error) {
        throw mailboxUnavailable(`publish to partition ${partition} failed: ${error instanceof Error ? error.message : String(error)}`, error);
      }
    },

    async consume(selected, consumeOptions = {}) {
      for (const partition of selected) assertPartition(partition, partitions);
      const subscription = await consumeNatsPartitions({ js, jsm, names, partitions: selected, options: consumeOptions, acks });
      subscriptions.add(subscription);
      return subscription;
    },

    async probe() {
      if (nc.isClosed()) throw mailboxUnavailable('the NATS connection is closed');
      try {
        await jsm.streams.info(names.mailboxStream);
      } catch (error) {
        throw mailboxUnavailable(`stream ${names.mailboxStream} unreachable: ${error instanceof Error ? error.message : String(error)}`, error);
      }
    },

    listDeadLetters: (limit = 100, filter = {}) => deadLetters.list(limit, filter),
    retryDeadLetter: (seq) => deadLetters.retry(seq),
    dropDeadLetter: (seq) => deadLetters.drop(seq),

    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      subscriptions.clear();
    },
  };
};
