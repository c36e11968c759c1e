// Public surface of the mailbox: the port, the partition function and both adapters.
export type * from './types.js';
export { MAILBOX_HEADERS, DEFAULTS as MAILBOX_DEFAULTS, encodeJson, decodeJson, retryIdOf } from './types.js';
export { MailboxError, isMailboxUnavailable, mailboxUnavailable, type MailboxErrorCode } from './errors.js';
export { partitionOf, fnv1a32 } from './partitionOf.js';
export { createInProcessMailbox, type InProcessMailboxOptions } from './inProcess/inProcessMailbox.js';
export { createNatsMailbox, type NatsMailboxOptions } from './nats/natsMailbox.js';
export { natsNames } from './nats/names.js';
