// The mailbox port: how updates and cross-actor commands reach a user actor. A mailbox is split into P partitions;
// a message goes to the partition of its user (partitionOf), and each partition keeps publish order. Adapters:
// NATS JetStream (nats/) for distributed deployments and an in-process twin (inProcess/) for tests and single node.
// Both pass the same contract suite (test/actors/mailbox/contract.ts).

/** Headers carried with a message: W3C trace context and a correlation id, plus anything the publisher adds. */
export type MailboxHeaders = Readonly<Record<string, string>>;

export const MAILBOX_HEADERS = {
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  correlationId: 'Lexbot-Correlation-Id',
  userKey: 'Lexbot-User-Key',
} as const;

export interface OutgoingMessage {
  /** Dedup id: a second publish with the same id inside the duplicate window is dropped (e.g. `tg:<update_id>`). */
  readonly id: string;
  /** Whose mailbox this is: `user:<id>` or, for updates without a user, `chat:<id>`. */
  readonly userKey: string;
  /** Opaque bytes; use encodeJson/decodeJson for JSON payloads. */
  readonly payload: Uint8Array;
  readonly headers?: MailboxHeaders;
}

export interface PublishResult {
  /** True when the id was already in the mailbox inside the duplicate window, so nothing new was stored. */
  readonly duplicate: boolean;
  /** Sequence of the stored message (of the original one for a duplicate). */
  readonly seq: number;
}

export interface MailboxDelivery {
  readonly id: string;
  readonly userKey: string;
  readonly partition: number;
  /** Sequence in the mailbox; increasing within a partition. */
  readonly seq: number;
  readonly payload: Uint8Array;
  readonly headers: MailboxHeaders;
  /** 0 on the first delivery, then 1, 2, … (nak, ack timeout, or a consumer that died holding it). */
  readonly redeliveryCount: number;
  /** A failure now (nak) dead-letters the message: the consumer's last chance to answer for it. */
  readonly lastDelivery: boolean;
  /** When the message was stored (ms since epoch), to measure how long it waited in the mailbox. */
  readonly publishedAt: number;
  /** Done with it: it will not be delivered again. */
  ack(): Promise<void>;
  /**
   * Failed: deliver again after `delayMs`. Once the message has been delivered `maxDeliver` times it is moved to the
   * dead-letter queue with `error` instead, and acknowledged.
   */
  nak(delayMs?: number, error?: string): Promise<void>;
  /** Never deliver again (a poison message the consumer recognised itself); it goes to the dead-letter queue. */
  term(reason: string): Promise<void>;
}

export interface ConsumeOptions {
  /** Delivered but unacknowledged messages allowed per partition: the back-pressure bound. Default 256. */
  readonly maxAckPending?: number;
  /** A delivery not acked within this time is delivered again. Default 30 s. */
  readonly ackWaitMs?: number;
  /** Deliveries before a message is dead-lettered. Default 5. */
  readonly maxDeliver?: number;
}

export interface SubscriptionStatus {
  readonly closed: boolean;
  readonly partitions: readonly number[];
  /** Messages handed to the iterator so far. */
  readonly delivered: number;
  /** Messages moved to the dead-letter queue by this subscription. */
  readonly deadLettered: number;
  /** Last transport problem seen (e.g. a missed heartbeat), if any; cleared by the next delivery. */
  readonly lastError: string | undefined;
}

/** Messages of several partitions, interleaved; within one partition in sequence order (redeliveries aside). */
export interface MailboxSubscription extends AsyncIterable<MailboxDelivery> {
  /** Stop fetching; the iterator ends once what was fetched has been handed out. Unacked messages are redelivered. */
  close(): Promise<void>;
  status(): SubscriptionStatus;
}

export interface DeadLetter {
  /** Sequence in the dead-letter queue: the key an operator retries or drops it by. */
  readonly seq: number;
  /** The message's dedup id in the mailbox (e.g. `tg:<update_id>`). */
  readonly id: string;
  readonly userKey: string;
  readonly partition: number;
  /** Sequence the message had in the mailbox. */
  readonly mailboxSeq: number;
  readonly deliveries: number;
  readonly error: string;
  readonly payload: Uint8Array;
  readonly headers: MailboxHeaders;
  /** When it was dead-lettered (ms since epoch). */
  readonly deadLetteredAt: number;
}

export interface DeadLetterFilter {
  /** Only the dead letters of this partition. */
  readonly partition?: number;
}

export interface RetriedDeadLetter {
  /** The dead letter's sequence in the dead-letter queue (now removed from it). */
  readonly seq: number;
  /** The fresh dedup id it was published under: `<original id>:retry:<seq>`. */
  readonly id: string;
  readonly partition: number;
  /** Its new sequence in the mailbox. */
  readonly mailboxSeq: number;
  /** True when an earlier, interrupted retry of the same dead letter had already put it back. */
  readonly duplicate: boolean;
}

/**
 * The mailbox id a retried dead letter is published under. The original id may still be inside the duplicate
 * window, so it needs a fresh one; deriving it from the dead letter's sequence makes a retry interrupted between
 * the publish and the removal harmless (the second attempt is deduplicated). The actor's own idempotency is keyed
 * on the update/command id inside the payload, so a retried message is still applied at most once.
 */
export const retryIdOf = (id: string, deadLetterSeq: number): string => `${id.replace(/(:retry:\d+)+$/, '')}:retry:${deadLetterSeq}`;

export interface Mailbox {
  readonly partitions: number;
  /** Resolves only once the message is durably stored (JetStream ack); rejects with MailboxUnavailableError otherwise. */
  publish(partition: number, message: OutgoingMessage): Promise<PublishResult>;
  /** One durable consumer per partition; a partition should be consumed by one subscription at a time. */
  consume(partitions: readonly number[], options?: ConsumeOptions): Promise<MailboxSubscription>;
  /** Throws MailboxUnavailableError when messages cannot be accepted now (for /ready). */
  probe(): Promise<void>;
  /** Oldest first, at most `limit` (default 100). */
  listDeadLetters(limit?: number, filter?: DeadLetterFilter): Promise<readonly DeadLetter[]>;
  /** Publishes a dead letter back into its partition under retryIdOf(id, seq), then removes it from the dead letters. */
  retryDeadLetter(seq: number): Promise<RetriedDeadLetter>;
  /** Deletes a dead letter for good and returns what it was. */
  dropDeadLetter(seq: number): Promise<DeadLetter>;
  /** Closes subscriptions; does not close a connection it was given. */
  close(): Promise<void>;
}

export const DEFAULTS = {
  maxAckPending: 256,
  ackWaitMs: 30_000,
  maxDeliver: 5,
  duplicateWindowMs: 120_000,
  publishTimeoutMs: 5_000,
} as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const encodeJson = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));
export const decodeJson = (bytes: Uint8Array): unknown => JSON.parse(decoder.decode(bytes));
