// Conversion between the port's plain header records and NATS MsgHdrs. Nats-* headers are the server's business
// and never reach the consumer; the user key travels as a header so a delivery needs no payload parsing.
import { headers as createHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { MAILBOX_HEADERS, type MailboxHeaders } from '../types.js';

export const toNatsHeaders = (record: MailboxHeaders | undefined, extra: MailboxHeaders = {}): MsgHdrs => {
  const result = createHeaders();
  for (const [key, value] of Object.entries({ ...record, ...extra })) result.set(key, value);
  return result;
};

export const fromNatsHeaders = (natsHeaders: MsgHdrs | undefined): MailboxHeaders => {
  const result: Record<string, string> = {};
  if (natsHeaders === undefined) return result;
  for (const key of natsHeaders.keys()) {
    if (key.toLowerCase().startsWith('nats-') || key === MAILBOX_HEADERS.userKey) continue;
    result[key] = natsHeaders.get(key);
  }
  return result;
};
