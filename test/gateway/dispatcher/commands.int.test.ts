// Cross-actor commands (the domain's CrossActorCommandQueued) to the target's partition of a NATS JetStream mailbox:
// dedup id `cmd:<commandId>`, kind header, trace context and correlation id carried over, payload
// { from, commandId, command }; and a
// second publish of the same command (a dispatcher that lost its checkpoint) stored only once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAILBOX_HEADERS, partitionOf } from '../../../actors/mailbox/index.js';
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

  it('publishes each command to its target partition once, with the dedup id, kind, trace and correlation headers', async () => {
    const metadata = { correlationId: 'tg:77', traceparent: TRACEPARENT };
    const first = newEvent(OUTBOX_EVENT_TYPES.actorCommand, { commandId: 'tandem:a:request', target: '42', command: { type: 'ReceivePartnerRequest', n: 1 } }, metadata);
    const second = newEvent(OUTBOX_EVENT_TYPES.actorCommand, { commandId: 'tandem:b:request', target: '7', command: { type: 'ReceivePartnerRequest', n: 2 } }, metadata);
    const third = newEvent(OUTBOX_EVENT_TYPES.actorCommand, { commandId: 'tandem:a:close:requester', target: '42', command: { type: 'CloseTandem', n: 3 } });
    await h.append('user-1', first, second, third);

    const dispatcher = h.dispatcher();
    await dispatcher.start();
    await h.caughtUp(dispatcher);

    const received = await h.storedMessages();
    expect(received).toHaveLength(3);
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
      expect(delivery!.payload).toEqual({ from: 'user-1', commandId, command });
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
    expect((await h.storedMessages()).map((message) => message.id)).toEqual([commandMessageId('tandem:c:accept')]);
  });
});
