// Conversion between the port's plain header records and NATS MsgHdrs. Nats-* headers are the server's business
// and never reach the consumer; the user key travels as a header so a delivery needs no payload parsing.
import { headers as createHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { MAILBOX_HEADERS, type MailboxHeaders } from '../types.js';

export const toNatsHeaders = (record: MailboxHeaders | undefined, extra: MailboxHeaders = {}): MsgHdrs => {
  const result = createHeaders();
  for (const [key, value] of Object.entries({ ...record, ...extra })) result.set(key, value);
  return result;
};

export interface ReadHeaders {
  /** Nats-Msg-Id, the publisher's dedup id, if it had one. */
  readonly msgId: string | undefined;
  /** Lexbot-User-Key, '' when missing. */
  readonly userKey: string;
  /** Everything else but the Nats-* headers. */
  readonly headers: MailboxHeaders;
}

/**
 * Everything a delivery needs from a message's headers in one pass. MsgHdrs.has/get each copy and filter the whole
 * key list, so asking for the id, the user key and then every other key separately did that about a dozen times per
 * message on the actors' hot path.
 */
export const readNatsHeaders = (natsHeaders: MsgHdrs | undefined): ReadHeaders => {
  const headers: Record<string, string> = {};
  let msgId: string | undefined;
  let userKey = '';
  if (natsHeaders !== undefined) {
    for (const [key, values] of natsHeaders) {
      // MsgHdrs.get answers the first value, and '' for an empty one: the same here.
      const value = values[0] ?? '';
      if (key === MAILBOX_HEADERS.userKey) userKey = value;
      else if (key === 'Nats-Msg-Id') msgId = value;
      else if (!key.toLowerCase().startsWith('nats-')) headers[key] = value;
    }
  }
  return { msgId, userKey, headers };
};

export const fromNatsHeaders = (natsHeaders: MsgHdrs | undefined): MailboxHeaders => readNatsHeaders(natsHeaders).headers;
