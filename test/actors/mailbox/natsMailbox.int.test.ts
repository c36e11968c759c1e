import { jetstreamManager } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { createNatsMailbox, encodeJson, natsNames, type MailboxDelivery, type MailboxSubscription } from '../../../actors/mailbox/index.js';
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

  it('pulls with a 1 s heartbeat, so a pull request the server forgot is noticed within seconds, not 30 s', async () => {
    const nats = await createTestNats();
    try {
      const names = natsNames(nats.prefix);
      // The pull requests as the server receives them (a plain subscriber sees the request subject too).
      const requests: { expires?: number; idle_heartbeat?: number; batch?: number }[] = [];
      const watch = nats.connection.subscribe(`$JS.API.CONSUMER.MSG.NEXT.${names.mailboxStream}.>`, {
        callback: (_error, message) => {
          requests.push(message.json());
        },
      });
      const mailbox = await createNatsMailbox({ connection: nats.connection, prefix: nats.prefix, partitions: 2 });
      const subscription = await mailbox.consume([0, 1]);
      await expect.poll(() => requests.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      for (const request of requests) {
        expect(request).toMatchObject({ expires: 30_000 * 1_000_000, idle_heartbeat: 1_000 * 1_000_000 });
      }
      watch.unsubscribe();
      await subscription.close();
      await mailbox.close();
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

  it('stores every ack given in one turn by several subscriptions (they leave together, after the turn)', async () => {
    const nats = await createTestNats();
    try {
      const mailbox = await createNatsMailbox({ connection: nats.connection, prefix: nats.prefix, partitions: 4 });
      for (let i = 0; i < 12; i += 1) await mailbox.publish(i % 4, { id: `tg:${i}`, userKey: `user:${i}`, payload: encodeJson({ i }) });
      const take = async (subscription: MailboxSubscription, count: number): Promise<MailboxDelivery[]> => {
        const taken: MailboxDelivery[] = [];
        for await (const delivery of subscription) if (taken.push(delivery) === count) break;
        return taken;
      };
      const [low, high] = await Promise.all([mailbox.consume([0, 1]), mailbox.consume([2, 3])]);
      const deliveries = [...(await take(low!, 6)), ...(await take(high!, 6))];
      await Promise.all(deliveries.map((delivery) => delivery.ack()));
      await nats.connection.flush();
      const jsm = await jetstreamManager(nats.connection);
      const names = natsNames(nats.prefix);
      // The server applies acks after answering the flush: wait for them instead of racing it.
      const pending = async (): Promise<number[]> =>
        Promise.all([0, 1, 2, 3].map(async (partition) => (await jsm.consumers.info(names.mailboxStream, names.consumer(partition))).num_ack_pending));
      while ((await pending()).some((count) => count > 0)) await new Promise((resolve) => setTimeout(resolve, 20));
      for (const partition of [0, 1, 2, 3]) {
        const info = await jsm.consumers.info(names.mailboxStream, names.consumer(partition));
        expect(info.ack_floor.consumer_seq).toBe(3);
        expect(info.num_redelivered).toBe(0);
      }
      await mailbox.close();
    } finally {
      await nats.cleanup();
    }
  });
});
