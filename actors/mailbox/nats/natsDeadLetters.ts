// The operator's side of the dead-letter stream `<prefix>_dlq`: list, retry into the mailbox, drop. A dead letter is
// addressed by its sequence in that stream. Retry publishes first and deletes second, under an id derived from the
// sequence (retryIdOf), so a retry cut short between the two steps is simply run again: the publish is deduplicated.
import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { assertPartition, deadLetterNotFound, mailboxUnavailable } from '../errors.js';
import { MAILBOX_HEADERS, retryIdOf, type DeadLetter, type DeadLetterFilter, type RetriedDeadLetter } from '../types.js';
import { fromNatsHeaders, toNatsHeaders } from './natsHeaders.js';
import { DLQ_HEADERS, type NatsNames } from './names.js';

export interface NatsDeadLetters {
  list(limit: number, filter: DeadLetterFilter): Promise<readonly DeadLetter[]>;
  retry(seq: number): Promise<RetriedDeadLetter>;
  drop(seq: number): Promise<DeadLetter>;
}

const DLQ_HEADER_PREFIX = 'Lexbot-Dlq-';

const toDeadLetter = (stored: StoredMsg): DeadLetter => {
  const header = (key: string): string => (stored.header?.has(key) ? stored.header.get(key) : '');
  // The publisher's own headers (trace context, message kind), without what the dead-lettering added.
  const headers = Object.fromEntries(Object.entries(fromNatsHeaders(stored.header)).filter(([key]) => !key.startsWith(DLQ_HEADER_PREFIX)));
  return {
    seq: stored.seq,
    id: header(DLQ_HEADERS.messageId),
    userKey: header(MAILBOX_HEADERS.userKey),
    partition: Number(header(DLQ_HEADERS.partition)),
    mailboxSeq: Number(header(DLQ_HEADERS.mailboxSeq)),
    deliveries: Number(header(DLQ_HEADERS.deliveries)),
    error: header(DLQ_HEADERS.error),
    payload: stored.data,
    headers,
    deadLetteredAt: stored.time.getTime(),
  };
};

export const createNatsDeadLetters = (js: JetStreamClient, jsm: JetStreamManager, names: NatsNames, partitions: number): NatsDeadLetters => {
  const fetch = async (seq: number): Promise<DeadLetter> => {
    if (!Number.isSafeInteger(seq) || seq < 1) throw deadLetterNotFound(seq);
    const stored = await jsm.streams.getMessage(names.dlqStream, { seq });
    if (stored === null) throw deadLetterNotFound(seq);
    return toDeadLetter(stored);
  };

  return {
    async list(limit, filter) {
      const info = await jsm.streams.info(names.dlqStream);
      const letters: DeadLetter[] = [];
      if (info.state.messages === 0) return letters;
      // Sequence by sequence: dropped and retried letters leave gaps (getMessage answers null for them). The queue
      // is meant to stay small — an operator looks at every entry — so a scan is fine here.
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && letters.length < limit; seq += 1) {
        const stored = await jsm.streams.getMessage(names.dlqStream, { seq });
        if (stored === null) continue;
        if (filter.partition !== undefined && stored.subject !== names.dlqSubject(filter.partition)) continue;
        letters.push(toDeadLetter(stored));
      }
      return letters;
    },

    async retry(seq) {
      const letter = await fetch(seq);
      // A dead letter of a deployment that had more partitions than this one cannot go back where it was.
      assertPartition(letter.partition, partitions);
      const id = retryIdOf(letter.id === '' ? `seq:${letter.mailboxSeq}` : letter.id, seq);
      let ack;
      try {
        ack = await js.publish(names.mailboxSubject(letter.partition), letter.payload, {
          msgID: id,
          headers: toNatsHeaders(letter.headers, { [MAILBOX_HEADERS.userKey]: letter.userKey }),
        });
      } catch (error) {
        throw mailboxUnavailable(`retrying dead letter ${seq} failed: ${error instanceof Error ? error.message : String(error)}`, error);
      }
      await jsm.streams.deleteMessage(names.dlqStream, seq, false);
      return { seq, id, partition: letter.partition, mailboxSeq: ack.seq, duplicate: ack.duplicate };
    },

    async drop(seq) {
      const letter = await fetch(seq);
      await jsm.streams.deleteMessage(names.dlqStream, seq, false);
      return letter;
    },
  };
};
