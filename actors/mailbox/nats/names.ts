// Every NATS name the mailbox uses, derived from NATS_PREFIX so deployments and test runs can share one server.

export const natsNames = (prefix: string) => ({
  mailboxStream: `${prefix}_mailbox`,
  mailboxSubjects: `${prefix}.mailbox.*`,
  mailboxSubject: (partition: number) => `${prefix}.mailbox.${partition}`,
  consumer: (partition: number) => `${prefix}_p${partition}`,
  dlqStream: `${prefix}_dlq`,
  dlqSubjects: `${prefix}.dlq.*`,
  dlqSubject: (partition: number) => `${prefix}.dlq.${partition}`,
});

export type NatsNames = ReturnType<typeof natsNames>;

/** Headers the adapter writes itself; the rest of a message's headers belong to the publisher. */
export const DLQ_HEADERS = {
  error: 'Lexbot-Dlq-Error',
  deliveries: 'Lexbot-Dlq-Deliveries',
  mailboxSeq: 'Lexbot-Dlq-Mailbox-Seq',
  partition: 'Lexbot-Dlq-Partition',
  messageId: 'Lexbot-Dlq-Message-Id',
} as const;
