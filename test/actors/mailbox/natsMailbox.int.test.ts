import { jetstreamManager } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { createNatsMailbox, encodeJson, natsNames } from '../../../actors/mailbox/index.js';
import { createTestNats } from '../../support/nats.js';
import { mailboxContract } from './contract.js';

mailboxContract('NATS JetStream', async (partitions) => {
  const nats = await createTestNats();
  const mailbox = await createNatsMailbox({ connection: nats.connection, prefix: nats.prefix, partitions });
  return {
    mailbox,
    async teardown() {
      await mailbox.close();
      await nats.cleanup();
    },
  };
});

describe('NATS mailbox', () => {
  it('creates its streams idempotently, converging the duplicate window', async () => {
    const nats = await createTestNats();
    try {
      await createNatsMailbox({ connection: nats.connection, prefix: nats.prefix, partitions: 2 });
      await createNatsMailbox({ connection: nats.connection, prefix: nats.prefix, partitions: 2, duplicateWindowMs: 30_000 });
      const info = await (await jetstreamManager(nats.connection)).streams.info(natsNames(nats.prefix).mailboxStream);
      expect(info.config.subjects).toEqual([`${nats.prefix}.mailbox.*`]);
      expect(info.config.duplicate_window).toBe(30_000 * 1_000_000);
    } finally {
      await nats.cleanup();
    }
  });

  it('reports the mailbox unavailable once the connection is closed', async () => {
    const nats = await createTestNats();
    try {
      const mailbox = await createNatsMailbox({ connection: nats.connection, prefix: nats.prefix, partitions: 2 });
      await nats.connection.close();
      await expect(mailbox.publish(0, { id: 'tg:1', userKey: 'user:1', payload: encodeJson({}) })).rejects.toMatchObject({ code: 'mailbox_unavailable' });
      await expect(mailbox.probe()).rejects.toMatchObject({ code: 'mailbox_unavailable' });
    } finally {
      await nats.cleanup();
    }
  });
});
