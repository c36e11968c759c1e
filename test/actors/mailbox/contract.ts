// The mailbox contract: every adapter runs these, so the in-process twin can stand in for JetStream.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeJson, encodeJson, type Mailbox, type MailboxDelivery, type MailboxSubscription } from '../../../actors/mailbox/index.js';

export interface MailboxFixture {
  readonly mailbox: Mailbox;
  teardown(): Promise<void>;
}

const take = async (subscription: MailboxSubscription, count: number): Promise<MailboxDelivery[]> => {
  const iterator = subscription[Symbol.asyncIterator]();
  const taken: MailboxDelivery[] = [];
  while (taken.length < count) {
    const next = await iterator.next();
    if (next.done === true) throw new Error(`subscription ended after ${taken.length} of ${count} messages`);
    taken.push(next.value);
  }
  return taken;
};

const message = (id: string, body: unknown, userKey = 'user:1') => ({
  id,
  userKey,
  payload: encodeJson(body),
  headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
});

export const mailboxContract = (name: string, create: (partitions: number) => Promise<MailboxFixture>): void => {
  describe(`mailbox contract: ${name}`, () => {
    let fixture: MailboxFixture;
    const open: MailboxSubscription[] = [];
    const consume = async (...args: Parameters<Mailbox['consume']>): Promise<MailboxSubscription> => {
      const subscription = await fixture.mailbox.consume(...args);
      open.push(subscription);
      return subscription;
    };

    beforeEach(async () => {
      fixture = await create(4);
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((subscription) => subscription.close()));
      await fixture.teardown();
    });

    it('stores a message once per id and reports the duplicate with the original sequence', async () => {
      const first = await fixture.mailbox.publish(1, message('tg:1', { n: 1 }));
      const again = await fixture.mailbox.publish(1, message('tg:1', { n: 1 }));
      await fixture.mailbox.publish(1, message('tg:2', { n: 2 }));
      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ duplicate: true, seq: first.seq });
      const [a, b] = await take(await consume([1]), 2);
      expect([a?.id, b?.id]).toEqual(['tg:1', 'tg:2']);
      expect(decodeJson(a!.payload)).toEqual({ n: 1 });
      expect(a?.userKey).toBe('user:1');
      expect(a?.headers.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
      expect(a?.redeliveryCount).toBe(0);
    });

    it('delivers several partitions through one subscription, each in publish order', async () => {
      for (let i = 0; i < 20; i += 1) {
        await fixture.mailbox.publish(i % 2 === 0 ? 0 : 3, message(`m:${i}`, { i }, `user:${i % 2}`));
      }
      const deliveries = await take(await consume([0, 3]), 20);
      const order = (partition: number) => deliveries.filter((d) => d.partition === partition).map((d) => (decodeJson(d.payload) as { i: number }).i);
      expect(order(0)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
      expect(order(3)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
      await Promise.all(deliveries.map((d) => d.ack()));
    });

    it('delivers a nak-ed message again, counting the redelivery', async () => {
      await fixture.mailbox.publish(2, message('tg:7', { n: 7 }));
      const subscription = await consume([2]);
      const [first] = await take(subscription, 1);
      await first!.nak(0, 'try again');
      const [second] = await take(subscription, 1);
      expect(second?.id).toBe('tg:7');
      expect(second?.redeliveryCount).toBe(1);
      await second!.ack();
    });

    it('redelivers what a closed subscription left unacknowledged to the next one', async () => {
      await fixture.mailbox.publish(0, message('tg:8', {}));
      const first = await consume([0], { ackWaitMs: 1000 });
      await take(first, 1);
      await first.close();
      const [again] = await take(await consume([0], { ackWaitMs: 1000 }), 1);
      expect(again?.id).toBe('tg:8');
      expect(again?.redeliveryCount).toBe(1);
      await again!.ack();
    });

    it('moves a message to the dead letters with its error after maxDeliver failures, and on term', async () => {
      await fixture.mailbox.publish(1, message('tg:9', { poison: true }, 'user:9'));
      await fixture.mailbox.publish(1, message('tg:10', { poison: 'obvious' }, 'user:10'));
      const subscription = await consume([1], { maxDeliver: 2 });
      const [a, b] = await take(subscription, 2);
      await b!.term('unparseable');
      // The consumer is told which delivery is its last chance (a failure then dead-letters the message).
      expect(a?.lastDelivery).toBe(false);
      await a!.nak(0, 'boom 1');
      const [again] = await take(subscription, 1);
      expect(again?.id).toBe('tg:9');
      expect(again?.lastDelivery).toBe(true);
      await again!.nak(0, 'boom 2');
      const letters = await fixture.mailbox.listDeadLetters();
      expect(letters.map((l) => ({ id: l.id, error: l.error, userKey: l.userKey, partition: l.partition, deliveries: l.deliveries }))).toEqual([
        { id: 'tg:10', error: 'unparseable', userKey: 'user:10', partition: 1, deliveries: 1 },
        { id: 'tg:9', error: 'boom 2', userKey: 'user:9', partition: 1, deliveries: 2 },
      ]);
      expect(decodeJson(letters[1]!.payload)).toEqual({ poison: true });
      expect(subscription.status().deadLettered).toBe(2);
    });

    it('dead-letters a message whose deliveries all expired unacknowledged', async () => {
      await fixture.mailbox.publish(3, message('tg:12', { slow: true }, 'user:12'));
      const subscription = await consume([3], { maxDeliver: 1, ackWaitMs: 500 });
      const [held] = await take(subscription, 1);
      expect(held?.id).toBe('tg:12');
      // Never acked: once the ack wait expires the redelivery would exceed maxDeliver, so it goes to the dead letters.
      let letters = await fixture.mailbox.listDeadLetters();
      while (letters.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        letters = await fixture.mailbox.listDeadLetters();
      }
      expect(letters.map((l) => ({ id: l.id, error: l.error }))).toEqual([{ id: 'tg:12', error: 'not acknowledged after 1 deliveries' }]);
    });

    /** Publishes, delivers once and terminates each message, so it lands in the dead letters. */
    const deadLetter = async (partition: number, ids: readonly string[], userKey = 'user:20'): Promise<MailboxSubscription> => {
      for (const id of ids) await fixture.mailbox.publish(partition, message(id, { id }, userKey));
      const subscription = await consume([partition], { maxDeliver: 1 });
      for (const delivery of await take(subscription, ids.length)) await delivery.term(`poison ${delivery.id}`);
      return subscription;
    };

    it('lists dead letters by their own sequence, with age and error, filtered by partition', async () => {
      const before = Date.now();
      await deadLetter(0, ['tg:20', 'tg:21']);
      await deadLetter(2, ['tg:22'], 'user:22');
      const all = await fixture.mailbox.listDeadLetters();
      expect(all.map((l) => [l.id, l.partition, l.error])).toEqual([
        ['tg:20', 0, 'poison tg:20'],
        ['tg:21', 0, 'poison tg:21'],
        ['tg:22', 2, 'poison tg:22'],
      ]);
      const seqs = all.map((l) => l.seq);
      expect(new Set(seqs).size).toBe(3);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      for (const letter of all) expect(letter.deadLetteredAt).toBeGreaterThanOrEqual(before - 1000);
      expect((await fixture.mailbox.listDeadLetters(100, { partition: 2 })).map((l) => [l.id, l.userKey])).toEqual([['tg:22', 'user:22']]);
      expect(await fixture.mailbox.listDeadLetters(100, { partition: 1 })).toEqual([]);
      expect((await fixture.mailbox.listDeadLetters(2)).map((l) => l.id)).toEqual(['tg:20', 'tg:21']);
    });

    it('drops a dead letter by sequence, and only that one', async () => {
      await deadLetter(1, ['tg:30', 'tg:31', 'tg:32']);
      const [, middle] = await fixture.mailbox.listDeadLetters();
      const dropped = await fixture.mailbox.dropDeadLetter(middle!.seq);
      expect(dropped.id).toBe('tg:31');
      expect(decodeJson(dropped.payload)).toEqual({ id: 'tg:31' });
      expect((await fixture.mailbox.listDeadLetters()).map((l) => l.id)).toEqual(['tg:30', 'tg:32']);
      await expect(fixture.mailbox.dropDeadLetter(middle!.seq)).rejects.toMatchObject({ code: 'dead_letter_not_found' });
    });

    it('retries a dead letter into its partition under a fresh id, even inside the duplicate window', async () => {
      const subscription = await deadLetter(3, ['tg:40', 'tg:41'], 'user:40');
      // The original id is still remembered: publishing it again would be dropped as a duplicate.
      expect((await fixture.mailbox.publish(3, message('tg:40', { id: 'tg:40' }, 'user:40'))).duplicate).toBe(true);
      const [first] = await fixture.mailbox.listDeadLetters();
      const retried = await fixture.mailbox.retryDeadLetter(first!.seq);
      expect(retried).toMatchObject({ seq: first!.seq, id: `tg:40:retry:${first!.seq}`, partition: 3, duplicate: false });
      expect((await fixture.mailbox.listDeadLetters()).map((l) => l.id)).toEqual(['tg:41']);
      const [again] = await take(subscription, 1);
      expect(again).toMatchObject({ id: `tg:40:retry:${first!.seq}`, userKey: 'user:40', partition: 3, seq: retried.mailboxSeq, redeliveryCount: 0 });
      expect(decodeJson(again!.payload)).toEqual({ id: 'tg:40' });
      expect(again!.headers.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
      await again!.ack();
      await expect(fixture.mailbox.retryDeadLetter(first!.seq)).rejects.toMatchObject({ code: 'dead_letter_not_found' });
    });

    it('dead-letters a retried message again under a new sequence, and retries it under another fresh id', async () => {
      const subscription = await deadLetter(2, ['tg:50']);
      const [first] = await fixture.mailbox.listDeadLetters();
      await fixture.mailbox.retryDeadLetter(first!.seq);
      const [again] = await take(subscription, 1);
      await again!.term('still poison');
      const [second] = await fixture.mailbox.listDeadLetters();
      expect(second).toMatchObject({ id: `tg:50:retry:${first!.seq}`, error: 'still poison' });
      expect(second!.seq).toBeGreaterThan(first!.seq);
      const retried = await fixture.mailbox.retryDeadLetter(second!.seq);
      expect(retried.id).toBe(`tg:50:retry:${second!.seq}`);
      const [third] = await take(subscription, 1);
      expect(third?.id).toBe(retried.id);
      await third!.ack();
    });

    it('refuses to retry or drop a sequence that is not a dead letter', async () => {
      await expect(fixture.mailbox.retryDeadLetter(999)).rejects.toMatchObject({ code: 'dead_letter_not_found' });
      await expect(fixture.mailbox.dropDeadLetter(0)).rejects.toMatchObject({ code: 'dead_letter_not_found' });
    });

    it('refuses a partition outside the range', async () => {
      await expect(fixture.mailbox.publish(4, message('tg:11', {}))).rejects.toMatchObject({ code: 'invalid_partition' });
    });

    it('probes as available', async () => {
      await expect(fixture.mailbox.probe()).resolves.toBeUndefined();
    });
  });
};
