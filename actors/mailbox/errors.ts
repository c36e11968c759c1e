// Coded mailbox errors. The gateway maps `mailbox_unavailable` to 503 so Telegram retries; nothing else is mapped.

export type MailboxErrorCode = 'mailbox_unavailable' | 'invalid_partition' | 'message_too_large' | 'dead_letter_not_found';

export class MailboxError extends Error {
  constructor(
    readonly code: MailboxErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailboxError';
  }
}

export const mailboxUnavailable = (message: string, cause?: unknown): MailboxError =>
  new MailboxError('mailbox_unavailable', message, cause === undefined ? undefined : { cause });

export const isMailboxUnavailable = (error: unknown): boolean =>
  error instanceof MailboxError && error.code === 'mailbox_unavailable';

export const assertPartition = (partition: number, partitions: number): void => {
  if (!Number.isInteger(partition) || partition < 0 || partition >= partitions) {
    throw new MailboxError('invalid_partition', `partition ${partition} is outside 0..${partitions - 1}`);
  }
};

export const deadLetterNotFound = (seq: number): MailboxError =>
  new MailboxError('dead_letter_not_found', `no dead letter with sequence ${seq}`);
