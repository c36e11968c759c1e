import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import type { EventStore } from '../../../actors/eventStore/types.js';
import { createInProcessMailbox, decodeJson, encodeJson, partitionOf } from '../../../actors/mailbox/index.js';
import { createOwnAllPartitions } from '../../../actors/partitions/ownAll.js';
import { createActorHost } from '../../../actors/runtime/actorHost.js';
import { createGroupCommitter } from '../../../actors/runtime/groupCommit.js';
import { PoisonMessageError, createActorWorker } from '../../../actors/worker/actorWorker.js';
import { counterBehavior, counterCodec, type CounterMessage } from '../runtime/counter.js';
import { startTurnCounter } from '../../support/turnCounter.js';

const PARTITIONS = 4;

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const setup = (store: EventStore) => {
  const mailbox = createInProcessMailbox({ partitions: PARTITIONS });
  const host = createActorHost({
    store,
    committer: createGroupCommitter(store),
    behavior: counterBehavior,
    codec: counterCodec,
    streamOf: (key) => `counter-${key}`,
  });
  const worker = createActorWorker<CounterMessage>({
    mailbox,
    ownership: createOwnAllPartitions(PARTITIONS),
    target: {
      decode: (delivery) => {
        const body = decodeJson(delivery.payload) as { amount?: unknown };
        if (typeof body.amount !== 'number') throw new PoisonMessageError('no amount');
        return { id: delivery.id, amount: body.amount };
      },
      tell: (key, message) => host.tell(key, message),
    },
    maxInFlight: 8,
    maxDeliver: 3,
  });
  const send = (user: number, id: string, body: unknown) =>
    mailbox.publish(partitionOf(String(user), PARTITIONS), { id, userKey: `u${user}`, payload: encodeJson(body) });
  return { mailbox, host, worker, send };
};

describe('actor worker', () => {
  it('applies every message once, each user’s in publish order, many users in parallel', async () => {
    const store = createMemoryEventStore();
    const { host, worker, send, mailbox } = setup(store);
    await worker.start();
    const users = 12;
    const perUser = 15;
    for (let index = 0; index < perUser; index += 1) {
      for (let user = 0; user < users; user += 1) await send(user, `m-${user}-${index}`, { amount: index });
    }
    await until(() => worker.status().handled === users * perUser);
    for (let user = 0; user < users; user += 1) {
      const events = await store.readStream(`counter-u${user}`);
      expect(events.map((event) => (event.data as { by: string }).by)).toEqual(Array.from({ length: perUser }, (_, index) => `m-${user}-${index}`));
    }
    await worker.stop();
    await host.close();
    await mailbox.close();
  });

  it('acks only after the commit: a failing store means redelivery, and the message still applies once', async () => {
    const inner = createMemoryEventStore();
    let failures = 2;
    const flaky: EventStore = {
      ...inner,
      appendMany: async (requests) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('database unavailable');
        }
        return inner.appendMany(requests);
      },
    };
    const { host, worker, send, mailbox } = setup(flaky);
    await worker.start();
    await send(1, 'only', { amount: 7 });
    await until(async () => (await inner.readStream('counter-u1')).length === 1);
    await until(() => worker.status().handled === 1);
    expect(worker.status().failed).toBe(2);
    expect(await mailbox.listDeadLetters()).toEqual([]);
    await worker.stop();
    await host.close();
    await mailbox.close();
  });

  it('dead-letters a message it cannot decode without blocking the user’s next one', async () => {
    const store = createMemoryEventStore();
    const { host, worker, send, mailbox } = setup(store);
    await worker.start();
    await send(3, 'bad', { nothing: true });
    await send(3, 'good', { amount: 1 });
    await until(() => worker.status().handled === 1);
    await until(async () => (await mailbox.listDeadLetters()).length === 1);
    const [dead] = await mailbox.listDeadLetters();
    expect(dead?.id).toBe('bad');
    expect(dead?.error).toContain('undecodable');
    await worker.stop();
    await host.close();
    await mailbox.close();
  });

  it('starts at most maxStartsPerTurn messages in one turn of the event loop, and handles them all', async () => {
    const store = createMemoryEventStore();
    const mailbox = createInProcessMailbox({ partitions: PARTITIONS });
    const host = createActorHost({ store, committer: createGroupCommitter(store), behavior: counterBehavior, codec: counterCodec, streamOf: (key) => `counter-${key}` });
    const turns = startTurnCounter();
    const worker = createActorWorker<CounterMessage>({
      mailbox,
      ownership: createOwnAllPartitions(PARTITIONS),
      target: {
        decode: (delivery) => ({ id: delivery.id, amount: (decodeJson(delivery.payload) as { amount: number }).amount }),
        tell: (key, message) => {
          turns.count();
          return host.tell(key, message);
        },
      },
      maxStartsPerTurn: 3,
    });
    const users = 40;
    for (let user = 0; user < users; user += 1) {
      await mailbox.publish(partitionOf(String(user), PARTITIONS), { id: `m-${user}`, userKey: `u${user}`, payload: encodeJson({ amount: 1 }) });
    }
    await worker.start();
    await until(() => worker.status().handled === users);
    turns.stop();
    expect(Math.max(...turns.perTurn().values())).toBe(3);
    expect([...turns.perTurn().values()].reduce((sum, starts) => sum + starts, 0)).toBe(users);
    await worker.stop();
    await host.close();
    await mailbox.close();
  });
});
