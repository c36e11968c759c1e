// Durable timers end to end: OutboxTimerScheduled/Cancelled in the Postgres event store → the dispatcher keeps them
// in the Postgres timer store → the poller delivers due ones to the NATS mailbox with dedup id `timer:<id>`.
// Timers fire after their time, never before; cancelled ones never fire; a poller that dies between publishing
// and marking a timer fired is replaced by another that publishes it again, and the mailbox keeps one message.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAILBOX_HEADERS, partitionOf, type Mailbox } from '../../../actors/mailbox/index.js';
import { MESSAGE_KIND_HEADER, OUTBOX_EVENT_TYPES, timerMessageId } from '../../../actors/outbox/outboxEvents.js';
import { createTimerPoller, type TimerPoller } from '../../../actors/timers/index.js';
import { createHarness, newEvent, WAIT, type Harness } from '../../gateway/dispatcher/harness.js';

const PARTITIONS = 4;
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const scheduled = (timerId: string, fireAt: Date, target: string, message: unknown, metadata = {}) =>
  newEvent(OUTBOX_EVENT_TYPES.timerScheduled, { timerId, fireAt: fireAt.toISOString(), target, message }, metadata);
const cancelled = (timerId: string) => newEvent(OUTBOX_EVENT_TYPES.timerCancelled, { timerId });

describe('durable timers', () => {
  let h: Harness;
  const pollers: TimerPoller[] = [];
  beforeEach(async () => {
    h = await createHarness({ partitions: PARTITIONS });
  });
  afterEach(async () => {
    for (const poller of pollers.splice(0)) await poller.stop();
    await h.cleanup();
  });

  const poller = (mailbox: Mailbox = h.mailbox, fired: (duplicate: boolean) => void = () => undefined): TimerPoller => {
    const created = createTimerPoller({ timers: h.timers, mailbox, pollIntervalMs: 50, observer: { fired: (_timer, result) => fired(result.duplicate) } });
    pollers.push(created);
    return created;
  };

  it('fires each timer once, after its time, to its target; cancelled timers never fire', async () => {
    const now = Date.now();
    const soon = new Date(now + 400);
    const later = new Date(now + 900);
    await h.append(
      'user-1',
      scheduled('expire-1', soon, 'user:42', { type: 'ExpireRequest', request: 1 }, { correlationId: 'tg:5', traceparent: TRACEPARENT }),
      scheduled('remind-1', new Date(now + 300), 'user:42', { type: 'Remind' }),
      scheduled('expire-2', later, 'user:7', { type: 'ExpireRequest', request: 2 }),
    );
    await h.append('user-1', cancelled('remind-1'));
    // A cancel that reaches the dispatcher before its schedule wins too.
    await h.append('user-3', cancelled('remind-2'));
    await h.append('user-2', scheduled('remind-2', new Date(now + 200), 'user:7', { type: 'Remind' }));

    const timerPoller = poller();
    const dispatcher = h.dispatcher({ onTimerScheduled: () => timerPoller.wake() });
    await dispatcher.start();
    await h.caughtUp(dispatcher);
    // Started once every schedule and cancel is in the store: a cancel processed after its timer's time could not
    // unfire it, and a loaded machine could take that long.
    timerPoller.start();

    await vi.waitFor(async () => expect(await h.storedMessages()).toHaveLength(2), WAIT);
    const received = await h.storedMessages();
    const byId = new Map(received.map((delivery) => [delivery.id, delivery]));
    expect([...byId.keys()].sort()).toEqual([timerMessageId('expire-1'), timerMessageId('expire-2')]);
    const first = byId.get(timerMessageId('expire-1'))!;
    const second = byId.get(timerMessageId('expire-2'))!;
    expect(first.storedAt).toBeGreaterThanOrEqual(soon.getTime());
    expect(second.storedAt).toBeGreaterThanOrEqual(later.getTime());
    expect(first.userKey).toBe('user:42');
    expect(first.partition).toBe(partitionOf('42', PARTITIONS));
    expect(second.partition).toBe(partitionOf('7', PARTITIONS));
    expect(first.headers[MESSAGE_KIND_HEADER]).toBe('timer');
    expect(first.headers[MAILBOX_HEADERS.traceparent]).toBe(TRACEPARENT);
    expect(first.headers[MAILBOX_HEADERS.correlationId]).toBe('tg:5');
    expect(first.payload).toEqual({ timerId: 'expire-1', message: { type: 'ExpireRequest', request: 1 } });

    // Both cancelled timers were due before expire-2 fired, and the poller passed them by.
    expect((await h.timers.get('remind-1'))?.state).toBe('cancelled');
    expect((await h.timers.get('remind-2'))?.state).toBe('cancelled');
    // The fired mark commits just after the mailbox stored the message.
    await vi.waitFor(async () => expect((await h.timers.get('expire-2'))?.state).toBe('fired'), WAIT);
    expect(await h.storedMessages()).toHaveLength(2);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'timer_cancelled', outcome: 'tombstoned' })).toBe(1);
  });

  it('fires exactly once across a poller that dies after publishing and before marking the timer fired', async () => {
    await h.append('user-1', scheduled('expire-9', new Date(Date.now() + 100), 'user:42', { type: 'ExpireRequest' }));
    const dispatcher = h.dispatcher();
    await dispatcher.start();
    await h.caughtUp(dispatcher);
    // The dispatcher is gone; the timer lives on in the store.
    await dispatcher.stop();

    // This poller's process "dies" right after the mailbox stored the message: the publish succeeded, the fired
    // mark never happened.
    let published = 0;
    const dying: Mailbox = {
      ...h.mailbox,
      partitions: h.mailbox.partitions,
      async publish(partition, message) {
        await h.mailbox.publish(partition, message);
        published += 1;
        throw new Error('process died');
      },
    };
    const first = poller(dying);
    first.start();
    await vi.waitFor(() => expect(published).toBeGreaterThanOrEqual(1), WAIT);
    await first.stop();
    expect((await h.timers.get('expire-9'))?.state).toBe('scheduled');

    const outcomes: boolean[] = [];
    const second = poller(h.mailbox, (duplicate) => outcomes.push(duplicate));
    second.start();
    await vi.waitFor(async () => expect((await h.timers.get('expire-9'))?.state).toBe('fired'), WAIT);
    await second.stop();
    expect(outcomes).toEqual([true]);

    // A third poller finds nothing left to do.
    expect((await poller().pollOnce()).fired).toEqual([]);
    expect((await h.storedMessages()).map((message) => message.id)).toEqual([timerMessageId('expire-9')]);
  });
});
