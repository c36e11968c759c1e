// Cross-actor commands from the outbox to the target's partition of a NATS JetStream mailbox: dedup id
// `evt:<event id>`, kind header, trace context and correlation id carried over, payload { from, command }; and a
// second publish of the same command (a dispatcher that lost its checkpoint) stored only once.
import { jetstreamManager } from '@nats-io/jetstream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeJson, MAILBOX_HEADERS, natsNames, partitionOf, type MailboxDelivery } from '../../../actors/mailbox/index.js';
import { MESSAGE_KIND_HEADER, OUTBOX_EVENT_TYPES, commandMessageId } from '../../../actors/outbox/outboxEvents.js';
import { createMemoryDispatcherState } from '../../../gateway/dispatcher/index.js';
import { createHarness, newEvent, type Harness } from './harness.js';

const PARTITIONS = 4;
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('dispatcher: cross-actor commands', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ partitions: PARTITIONS });
  });
  afterEach(async () => {
    await h.cleanup();
  });

  const take = async (count: number): Promise<MailboxDelivery[]> => {
    const subscription = await h.mailbox.consume(Array.from({ length: PARTITIONS }, (_, i) => i));
    const received: MailboxDelivery[] = [];
    for await (const delivery of subscription) {
      received.push(delivery);
      await delivery.ack();
      if (received.length === count) break;
    }
    await subscription.close();
    return received;
  };

  it('publishes each command to its target partition once, with the dedup id, kind, trace and correlation headers', async () => {
    const metadata = { correlationId: 'tg:77', traceparent: TRACEPARENT };
    const first = newEvent(OUTBOX_EVENT_TYPES.actorCommand, { commandId: 'tandem:a:request', target: '42', command: { type: 'ReceivePartnerRequest', n: 1 } }, metadata);
    const second = newEvent(OUTBOX_EVENT_TYPES.actorCommand, { commandId: 'tandem:b:request', target: '7', command: { type: 'ReceivePartnerRequest', n: 2 } }, metadata);
    const third = newEvent(OUTBOX_EVENT_TYPES.actorCommand, { commandId: 'tandem:a:close:requester', target: '42', command: { type: 'CloseTandem', n: 3 } });
    await h.append('user-1', first, second, third);

    const dispatcher = h.dispatcher();
    await dispatcher.start();
    await h.caughtUp(dispatcher);

    const received = await take(3);
    const byId = new Map(received.map((delivery) => [delivery.id, delivery]));
    for (const [event, target, id] of [
      [first, 'user:42', '42'],
      [second, 'user:7', '7'],
      [third, 'user:42', '42'],
    ] as const) {
      const { commandId, command } = event.data as { commandId: string; command: unknown };
      const delivery = byId.get(commandMessageId(commandId));
      expect(delivery).toBeDefined();
      expect(delivery!.userKey).toBe(target);
      expect(delivery!.partition).toBe(partitionOf(id, PARTITIONS));
      expect(delivery!.headers[MESSAGE_KIND_HEADER]).toBe('command');
      expect(decodeJson(delivery!.payload)).toEqual({ from: 'user-1', commandId, command });
    }
    const withTrace = byId.get(commandMessageId('tandem:a:request'))!;
    expect(withTrace.headers[MAILBOX_HEADERS.traceparent]).toBe(TRACEPARENT);
    expect(withTrace.headers[MAILBOX_HEADERS.correlationId]).toBe('tg:77');
    // Without a correlation id in the event, the causing event's id correlates.
    expect(byId.get(commandMessageId('tandem:a:close:requester'))!.headers[MAILBOX_HEADERS.correlationId]).toBe(third.id);
    // One target's commands keep log order in its partition.
    const to42 = received.filter((delivery) => delivery.userKey === 'user:42').map((delivery) => delivery.id);
    expect(to42).toEqual([commandMessageId('tandem:a:request'), commandMessageId('tandem:a:close:requester')]);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'command', outcome: 'published' })).toBe(3);
  });

  it('stores a command published twice only once', async () => {
    const command = newEvent(OUTBOX_EVENT_TYPES.actorCommand, { commandId: 'tandem:c:accept', target: '42', command: { type: 'ConfirmAcceptance' } });
    await h.append('user-1', command);
    const first = h.dispatcher();
    await first.start();
    await h.caughtUp(first);
    await first.stop();

    // A dispatcher that lost its checkpoint reads the log from the start and publishes the command again.
    const again = h.dispatcher({ state: createMemoryDispatcherState() });
    await again.start();
    await h.caughtUp(again);

    expect(await h.counter('lexbot_dispatch_total', { kind: 'command', outcome: 'published' })).toBe(1);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'command', outcome: 'duplicate' })).toBe(1);
    const info = await (await jetstreamManager(h.nats.connection)).streams.info(natsNames(h.nats.prefix).mailboxStream);
    expect(info.state.messages).toBe(1);
    const [delivery] = await take(1);
    expect(delivery!.id).toBe(commandMessageId('tandem:c:accept'));
  });
});
