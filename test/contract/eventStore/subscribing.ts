// Live subscriptions: catch-up then live, resumable from a checkpoint, one batch at a time (back-pressure).
import { expect, it } from 'vitest';
import { START, type RecordedEvent, type Subscription } from '../../../actors/eventStore/types.js';
import { newEvents, streamName, type EventStoreHarness } from './harness.js';

/** Resolves once `predicate` holds for what a handler collected; the test's timeout bounds the wait. */
const collector = () => {
  const received: RecordedEvent[] = [];
  let waiter: { predicate: () => boolean; resolve: () => void } | undefined;
  return {
    received,
    handler: async (events: readonly RecordedEvent[]) => {
      received.push(...events);
      if (waiter?.predicate()) waiter.resolve();
    },
    until: (predicate: () => boolean) =>
      new Promise<void>((resolve) => {
        if (predicate()) return resolve();
        waiter = { predicate, resolve };
      }),
  };
};

export const subscribingContract = (harness: () => EventStoreHarness): void => {
  it('delivers past and live events once each, in log order', async () => {
    const { store } = harness();
    const stream = streamName();
    const past = newEvents(3);
    await store.append(stream, 'no_stream', past);
    const c = collector();
    const subscription = store.subscribe({ after: START, handler: c.handler, batchSize: 2 });
    await c.until(() => c.received.length >= 3);
    const live = newEvents(4);
    await store.append(stream, 3, live.slice(0, 1));
    await store.append(streamName(), 'any', live.slice(1));
    await c.until(() => c.received.length >= 7);
    const log = (await store.readAll(START, 100)).events;
    expect(c.received.map((e) => e.id)).toEqual(log.map((e) => e.id));
    expect(new Set(c.received.map((e) => e.id))).toEqual(new Set([...past, ...live].map((e) => e.id)));
    await subscription.close();
    expect(subscription.status()).toMatchObject({ running: false, delivered: 7, checkpoint: log[6]!.checkpoint });
  });

  it('resumes from a checkpoint without repeating or skipping', async () => {
    const { store } = harness();
    await store.append(streamName(), 'any', newEvents(5));
    const first = collector();
    const one = store.subscribe({ after: START, handler: first.handler, batchSize: 2 });
    await first.until(() => first.received.length >= 2);
    await one.close();
    const { checkpoint } = one.status();
    await store.append(streamName(), 'any', newEvents(3));
    const second = collector();
    const total = 8;
    const two = store.subscribe({ after: checkpoint, handler: second.handler });
    await second.until(() => first.received.length + second.received.length >= total);
    await two.close();
    const log = (await store.readAll(START, 100)).events.map((e) => e.id);
    expect([...first.received, ...second.received].map((e) => e.id)).toEqual(log);
  });

  it('waits for each batch handler before reading on (back-pressure)', async () => {
    const { store } = harness();
    await store.append(streamName(), 'any', newEvents(5));
    let active = 0;
    let maxActive = 0;
    const batches: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstBatch: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      firstBatch = resolve;
    });
    const c = collector();
    const subscription: Subscription = store.subscribe({
      after: START,
      batchSize: 2,
      handler: async (events) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        batches.push(events.length);
        firstBatch();
        await gate;
        await c.handler(events);
        active -= 1;
      },
    });
    await started;
    // The first handler is still blocked: appending more must not start a second, concurrent one.
    await store.append(streamName(), 'any', newEvents(3));
    expect(subscription.status().delivered).toBe(0);
    release();
    await c.until(() => c.received.length >= 8);
    await subscription.close();
    expect(maxActive).toBe(1);
    expect(batches.every((size) => size <= 2)).toBe(true);
    expect(subscription.status().delivered).toBe(8);
  });

  it('stops on a handler error and reports it', async () => {
    const { store } = harness();
    await store.append(streamName(), 'any', newEvents(2));
    const subscription = store.subscribe({
      after: START,
      handler: async () => {
        throw new Error('projection failed');
      },
    });
    await expect(subscription.done).rejects.toThrow('projection failed');
    expect(subscription.status()).toMatchObject({ running: false, delivered: 0, checkpoint: START });
  });

  it('delivers nothing after close', async () => {
    const { store } = harness();
    const c = collector();
    const subscription = store.subscribe({ after: START, handler: c.handler });
    await store.append(streamName(), 'any', newEvents(1));
    await c.until(() => c.received.length >= 1);
    await subscription.close();
    await store.append(streamName(), 'any', newEvents(2));
    await store.readAll(START, 10);
    expect(subscription.status()).toMatchObject({ running: false, delivered: 1 });
    expect(c.received).toHaveLength(1);
  });
};
