// The timer poller on the in-memory twins with a controlled clock: nothing fires before its time, each due timer is
// delivered once with its dedup id and kind header, and wake() makes a newly scheduled timer count at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInProcessMailbox, decodeJson, type MailboxDelivery } from '../../../actors/mailbox/index.js';
import { MESSAGE_KIND_HEADER, timerMessageId } from '../../../actors/outbox/outboxEvents.js';
import { createMemoryTimerStore, createTimerPoller, type TimerPoller } from '../../../actors/timers/index.js';

describe('timer poller', () => {
  const pollers: TimerPoller[] = [];
  afterEach(async () => {
    for (const poller of pollers.splice(0)) await poller.stop();
  });

  it('fires due timers once, never before their time', async () => {
    let now = new Date('2026-01-01T00:00:00Z').getTime();
    const timers = createMemoryTimerStore();
    const mailbox = createInProcessMailbox({ partitions: 2 });
    const fired: string[] = [];
    const poller = createTimerPoller({ timers, mailbox, now: () => new Date(now), observer: { fired: (timer) => fired.push(timer.timerId) } });
    pollers.push(poller);
    await timers.schedule({ timerId: 'a', fireAt: new Date(now + 1000), target: 'user:9', message: { n: 1 }, eventId: 'e1', headers: { 'Lexbot-Correlation-Id': 'tg:1' } });
    await timers.schedule({ timerId: 'b', fireAt: new Date(now + 2000), target: 'user:10', message: { n: 2 }, eventId: 'e2', headers: {} });

    expect((await poller.pollOnce()).fired).toEqual([]);
    now += 999;
    expect((await poller.pollOnce()).fired).toEqual([]);
    now += 1;
    expect((await poller.pollOnce()).fired.map((t) => t.timerId)).toEqual(['a']);
    expect((await poller.pollOnce()).fired).toEqual([]);
    now += 5000;
    expect((await poller.pollOnce()).fired.map((t) => t.timerId)).toEqual(['b']);
    expect(fired).toEqual(['a', 'b']);

    const subscription = await mailbox.consume([0, 1]);
    const received: MailboxDelivery[] = [];
    for await (const delivery of subscription) {
      received.push(delivery);
      await delivery.ack();
      if (received.length === 2) break;
    }
    await subscription.close();
    const a = received.find((delivery) => delivery.id === timerMessageId('a'))!;
    expect(a.userKey).toBe('user:9');
    expect(a.headers[MESSAGE_KIND_HEADER]).toBe('timer');
    expect(a.headers['Lexbot-Correlation-Id']).toBe('tg:1');
    expect(decodeJson(a.payload)).toEqual({ timerId: 'a', message: { n: 1 } });
  });

  it('wakes for a timer scheduled while it sleeps', async () => {
    const memory = createMemoryTimerStore();
    let sleeps = 0;
    // nextDue() is what the poller asks right before it goes to sleep.
    const timers = { ...memory, nextDue: async () => ((sleeps += 1), memory.nextDue()) };
    const mailbox = createInProcessMailbox({ partitions: 1 });
    const fired: string[] = [];
    // A poll interval far beyond the test's timeout: only wake() can make it poll again.
    const poller = createTimerPoller({ timers, mailbox, pollIntervalMs: 3_600_000, observer: { fired: (timer) => fired.push(timer.timerId) } });
    pollers.push(poller);
    poller.start();
    await vi.waitFor(() => expect(sleeps).toBe(1), { timeout: 5_000, interval: 1 });
    await timers.schedule({ timerId: 'now', fireAt: new Date(Date.now() - 1), target: 'user:1', message: null, eventId: 'e', headers: {} });
    poller.wake();
    await vi.waitFor(() => expect(fired).toEqual(['now']), { timeout: 5_000, interval: 5 });
  });

  it('polls early for a timer due before its planned wake-up, and not for one due after it', async () => {
    const memory = createMemoryTimerStore();
    let sleeps = 0;
    let polls = 0;
    const timers = { ...memory, nextDue: async () => ((sleeps += 1), memory.nextDue()), fireDue: (...args: Parameters<typeof memory.fireDue>) => ((polls += 1), memory.fireDue(...args)) };
    const mailbox = createInProcessMailbox({ partitions: 1 });
    const fired: string[] = [];
    const poller = createTimerPoller({ timers, mailbox, pollIntervalMs: 3_600_000, observer: { fired: (timer) => fired.push(timer.timerId) } });
    pollers.push(poller);
    poller.start();
    await vi.waitFor(() => expect(sleeps).toBe(1), { timeout: 5_000, interval: 1 });
    // Let the poller enter its sleep (it planned an hour: nothing is pending).
    await new Promise((resolve) => setImmediate(resolve));
    const later = new Date(Date.now() + 2 * 3_600_000);
    await timers.scheduleMany([{ timerId: 'tomorrow', fireAt: later, target: 'user:1', message: null, eventId: 'e1', headers: {} }]);
    poller.wake(later);
    // A woken poller calls fireDue within the same turn of the loop; two turns later it still has not.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(polls).toBe(1);

    const soon = new Date(Date.now() - 1);
    await timers.schedule({ timerId: 'soon', fireAt: soon, target: 'user:1', message: null, eventId: 'e2', headers: {} });
    poller.wake(soon);
    await vi.waitFor(() => expect(fired).toEqual(['soon']), { timeout: 5_000, interval: 5 });
    expect(polls).toBe(2);
  });
});
