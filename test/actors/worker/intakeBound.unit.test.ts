// The actor worker's intake bound by event-loop delay, driven by an injected delay source (no clock involved):
// while the latest sample is above the bound no new message reaches an actor, messages already in handling finish,
// and the first sample back within the bound lets the waiting ones through — none lost, none twice.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInProcessMailbox, decodeJson, encodeJson, partitionOf, type Mailbox, type MailboxSubscription } from '../../../actors/mailbox/index.js';
import { createOwnAllPartitions } from '../../../actors/partitions/ownAll.js';
import { createActorWorker } from '../../../actors/worker/actorWorker.js';
import { createIntakeGate } from '../../../actors/worker/intakeGate.js';
import { createTimerLagProbe, type LoopDelaySource } from '../../../actors/worker/loopDelay.js';

const PARTITIONS = 2;

const until = async (condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
/** Lets every callback already queued run (several turns of the loop), so whatever could happen now has happened. */
const settle = async (): Promise<void> => {
  for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
};

const fakeDelay = (initialMs = 0): LoopDelaySource & { sample(delayMs: number): void } => {
  let latest = initialMs;
  const listeners = new Set<(delayMs: number) => void>();
  return {
    current: () => latest,
    onSample: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => listeners.clear(),
    sample(delayMs) {
      latest = delayMs;
      for (const listener of [...listeners]) listener(delayMs);
    },
  };
};

/** The in-process mailbox, counting the messages its subscriptions hand to the worker. */
const countingMailbox = (inner: Mailbox): { mailbox: Mailbox; handedOut: () => number } => {
  let handedOut = 0;
  const count = (subscription: MailboxSubscription): MailboxSubscription => ({
    close: () => subscription.close(),
    status: () => subscription.status(),
    [Symbol.asyncIterator]: () => {
      const iterator = subscription[Symbol.asyncIterator]();
      return {
        next: async () => {
          const result = await iterator.next();
          if (result.done !== true) handedOut += 1;
          return result;
        },
        ...(iterator.return === undefined ? {} : { return: iterator.return.bind(iterator) }),
      };
    },
  });
  return { mailbox: { ...inner, consume: async (partitions, options) => count(await inner.consume(partitions, options)) }, handedOut: () => handedOut };
};

const setup = (delay: LoopDelaySource) => {
  const inner = createInProcessMailbox({ partitions: PARTITIONS });
  const { mailbox, handedOut } = countingMailbox(inner);
  const told: string[] = [];
  const held = new Map<string, () => void>();
  const resumed: number[] = [];
  const worker = createActorWorker<{ id: string; hold: boolean }>({
    mailbox,
    ownership: createOwnAllPartitions(PARTITIONS),
    intake: { delay, maxDelayMs: 10 },
    target: {
      decode: (delivery) => ({ id: delivery.id, hold: (decodeJson(delivery.payload) as { hold?: boolean }).hold === true }),
      tell: async (_key, message) => {
        told.push(message.id);
        if (message.hold) await new Promise<void>((resolve) => held.set(message.id, resolve));
      },
    },
    observer: { intakeResumed: (pausedMs) => resumed.push(pausedMs) },
  });
  const send = (user: number, id: string, hold = false) =>
    inner.publish(partitionOf(String(user), PARTITIONS), { id, userKey: `u${user}`, payload: encodeJson({ hold }) });
  return { inner, worker, send, told, held, resumed, handedOut };
};

describe('actor worker: intake bounded by the event loop’s delay', () => {
  it('takes no new message while the loop runs late, and every waiting one once it recovers', async () => {
    const delay = fakeDelay();
    const { inner, worker, send, told, resumed, handedOut } = setup(delay);
    await worker.start();
    await send(1, 'before');
    await until(() => worker.status().handled === 1);

    delay.sample(25);
    expect(worker.status()).toMatchObject({ intakePaused: true, intakePauses: 1 });
    for (let index = 0; index < 5; index += 1) await send(index, `late-${index}`);
    // The worker's loop has taken a message from the mailbox and waits at the gate with it.
    await until(() => handedOut() >= 2);
    await settle();
    expect(told).toEqual(['before']);
    delay.sample(40);
    await settle();
    expect(told).toEqual(['before']);

    delay.sample(10);
    await until(() => worker.status().handled === 6);
    expect(told.slice(1).sort()).toEqual(['late-0', 'late-1', 'late-2', 'late-3', 'late-4']);
    expect(worker.status()).toMatchObject({ intakePaused: false, intakePauses: 1, failed: 0 });
    expect(resumed).toHaveLength(1);

    // And again: a second pause, a second recovery.
    delay.sample(11);
    await send(7, 'second');
    await until(() => handedOut() >= 7);
    await settle();
    expect(told).not.toContain('second');
    delay.sample(0);
    await until(() => worker.status().handled === 7);
    expect(worker.status().intakePauses).toBe(2);
    expect(await inner.listDeadLetters()).toEqual([]);
    await worker.stop();
    await inner.close();
  });

  it('lets messages already in handling finish while intake is paused', async () => {
    const delay = fakeDelay();
    const { inner, worker, send, told, held } = setup(delay);
    await worker.start();
    await send(1, 'slow', true);
    await until(() => held.has('slow'));
    delay.sample(100);
    await send(2, 'waiting');
    held.get('slow')!();
    await until(() => worker.status().handled === 1);
    await settle();
    expect(told).toEqual(['slow']);
    expect(worker.status().inFlight).toBe(0);
    delay.sample(1);
    await until(() => worker.status().handled === 2);
    await worker.stop();
    await inner.close();
  });

  it('after a pause takes only as many messages as the in-flight limit has grown back to', async () => {
    const delay = fakeDelay();
    const inner = createInProcessMailbox({ partitions: PARTITIONS });
    const told: string[] = [];
    const held: (() => void)[] = [];
    const worker = createActorWorker<{ id: string }>({
      mailbox: inner,
      ownership: createOwnAllPartitions(PARTITIONS),
      maxInFlight: 16,
      intake: { delay, maxDelayMs: 10, minInFlight: 2, stepInFlight: 1 },
      target: {
        decode: (delivery) => ({ id: delivery.id }),
        tell: async (_key, message) => {
          told.push(message.id);
          await new Promise<void>((resolve) => held.push(resolve));
        },
      },
    });
    await worker.start();
    for (const sample of [20, 20, 20, 20]) delay.sample(sample); // 16 → 8 → 4 → 2 → 2
    for (let user = 0; user < 10; user += 1) {
      await inner.publish(partitionOf(String(user), PARTITIONS), { id: `m${user}`, userKey: `u${user}`, payload: encodeJson({}) });
    }
    delay.sample(0); // open, limit 3
    await until(() => told.length === 3);
    await settle();
    expect(worker.status().inFlight).toBe(3);
    delay.sample(0); // limit 4
    await until(() => told.length === 4);
    await settle();
    expect(told).toHaveLength(4);
    held.splice(0, 2).forEach((release) => release()); // two done: two more fit under the same limit
    await until(() => told.length === 6);
    await settle();
    expect(worker.status()).toMatchObject({ inFlight: 4, handled: 2 });
    for (let calm = 0; calm < 4; calm += 1) delay.sample(0);
    await until(() => told.length === 10);
    while (held.length > 0) held.shift()!();
    await until(() => worker.status().handled === 10);
    await worker.stop();
    await inner.close();
  });

  it('starts paused when the loop already runs late, and stopping lets the waiting messages through', async () => {
    const delay = fakeDelay(50);
    const { inner, worker, send, told, handedOut } = setup(delay);
    await worker.start();
    expect(worker.status().intakePaused).toBe(true);
    await send(1, 'queued');
    await until(() => handedOut() >= 1);
    await settle();
    expect(told).toEqual([]);
    await worker.stop();
    expect(told).toEqual(['queued']);
    expect(worker.status().intakePaused).toBe(false);
    await inner.close();
  });
});

describe('intake gate', () => {
  it('reports how long it was closed, on the clock it is given', () => {
    const delay = fakeDelay();
    let now = 1000;
    const resumed: number[] = [];
    const gate = createIntakeGate({ delay, maxDelayMs: 5, maxInFlight: 16, now: () => now, onResumed: (ms) => resumed.push(ms) });
    delay.sample(6);
    now += 40;
    delay.sample(7);
    now += 2;
    delay.sample(5);
    expect(resumed).toEqual([42]);
    expect(gate.pauses()).toBe(1);
    gate.close();
  });

  it('halves the in-flight limit at every late sample, down to its floor, and adds a step at every calm one', () => {
    const delay = fakeDelay();
    const gate = createIntakeGate({ delay, maxDelayMs: 5, maxInFlight: 64, minInFlight: 6, stepInFlight: 5 });
    expect(gate.limit()).toBe(64);
    const limits: number[] = [];
    for (const sample of [9, 9, 9, 9, 9, 0, 0, 7, 1]) {
      delay.sample(sample);
      limits.push(gate.limit());
    }
    expect(limits).toEqual([32, 16, 8, 6, 6, 11, 16, 8, 13]);
    for (let calm = 0; calm < 20; calm += 1) delay.sample(0);
    expect(gate.limit()).toBe(64);
    delay.sample(50);
    gate.close();
    expect(gate.limit()).toBe(64);
  });
});

describe('timer-lag probe', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('samples how late its timer fired', () => {
    vi.useFakeTimers();
    let now = 0;
    const probe = createTimerLagProbe({ intervalMs: 10, now: () => now });
    const samples: number[] = [];
    probe.onSample((delayMs) => samples.push(delayMs));
    now = 35; // the loop was busy: the timer due at 10 fires at 35
    vi.advanceTimersByTime(10);
    now = 45; // on time: due at 45
    vi.advanceTimersByTime(10);
    expect(samples).toEqual([25, 0]);
    expect(probe.current()).toBe(0);
    probe.stop();
    vi.advanceTimersByTime(100);
    expect(samples).toHaveLength(2);
  });
});
