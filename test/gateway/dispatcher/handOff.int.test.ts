// The in-process hand-off (gateway/dispatcher/handOff.ts) against the real Postgres store and the Bot API stub: a
// committed append's own-chat calls are sent before the dispatcher's log read gets to them, and that read then
// neither sends them again nor moves its checkpoint before they finished; an append whose stream has an older
// version the dispatcher has not seen waits for the log (order per chat); other chats wait for the log; a stop after
// a hand-off and before the read leaves nothing to send again. The log reads are held back by a gate so each case
// is decided by the test, not by timing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppendRequest, EventStore, NewEvent } from '../../../actors/eventStore/types.js';
import { createCommittedAppends, type CommittedAppends } from '../../../actors/outbox/committedAppends.js';
import { OUTBOX_EVENT_TYPES } from '../../../actors/outbox/outboxEvents.js';
import type { Dispatcher } from '../../../gateway/dispatcher/index.js';
import { createHarness, newEvent, sendMessage, WAIT, type Harness } from './harness.js';

interface Gate {
  readonly store: EventStore;
  open(): void;
  /** Lets the held pages go unhandled (a dispatcher stopping before its read got to them). */
  drop(): void;
  /** Pages the dispatcher's subscription has asked to hand over while the gate was closed. */
  held(): number;
}

/** The harness's store with the dispatcher's log reads held until open(). */
const gated = (store: EventStore): Gate => {
  let isOpen = false;
  let dropped = false;
  let held = 0;
  let waiters: (() => void)[] = [];
  const wakeAll = (): void => {
    const wake = waiters;
    waiters = [];
    wake.forEach((resolve) => resolve());
  };
  return {
    store: {
      ...store,
      subscribe: (options) =>
        store.subscribe({
          ...options,
          handler: async (events, read) => {
            if (!isOpen) held += 1;
            while (!isOpen && !dropped) await new Promise<void>((resolve) => waiters.push(resolve));
            if (dropped) return;
            return options.handler(events, read);
          },
        }),
    },
    open() {
      isOpen = true;
      wakeAll();
    },
    drop() {
      dropped = true;
      wakeAll();
    },
    held: () => held,
  };
};

const texts = (calls: readonly { text: unknown }[]): unknown[] => calls.map((call) => call.text);

describe('dispatcher: in-process hand-off of committed appends', () => {
  let h: Harness;
  let gate: Gate;
  let committed: CommittedAppends;
  let dispatcher: Dispatcher;
  beforeEach(async () => {
    h = await createHarness();
    gate = gated(h.store);
    committed = createCommittedAppends();
    dispatcher = h.dispatcher({ store: gate.store });
    committed.subscribe((appends) => dispatcher.handOff(appends));
    await dispatcher.start();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  /** An append as the actors' committer makes it, then offered to the dispatcher as actorsRole does. */
  const append = async (stream: string, expected: AppendRequest['expected'], events: NewEvent[], handOver = true): Promise<void> => {
    const request: AppendRequest = { stream, expected, events };
    const sentAt = new Date();
    const outcomes = await h.store.appendMany([request]);
    expect(outcomes[0]?.ok).toBe(true);
    if (handOver) committed.publish([request], outcomes, sentAt);
  };

  it('sends a user’s own reply before the log read, and the read neither re-sends it nor skips past it early', async () => {
    const release = h.stub.hold(501);
    await append('user-501', 'no_stream', [newEvent('UserStarted', { id: 501 }), sendMessage(501, 'hello'), sendMessage(501, 'step 1')]);
    await vi.waitFor(() => expect(h.stub.calls.map((call) => call.text)).toEqual(['hello']), WAIT);
    expect(await h.counter('lexbot_dispatch_handoffs_total', { outcome: 'accepted' })).toBe(1);
    expect(gate.held()).toBeGreaterThan(0); // the log read had them, and waited at the gate

    // The read goes on while the handed-over calls are still out: the checkpoint must stay before them.
    gate.open();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dispatcher.status().committed.position).toBe(0n);
    release();
    await h.caughtUp(dispatcher);
    expect(texts(h.stub.delivered(501))).toEqual(['hello', 'step 1']);
    expect(h.stub.calls).toHaveLength(2);
    // Performed once each: the read found them handed over and did not even claim them again.
    expect(await h.counter('lexbot_dispatch_total', { kind: 'telegram' })).toBe(2);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'telegram', outcome: 'sent' })).toBe(2);
    expect(await h.counter('lexbot_dispatch_resends_total')).toBe(0);
  });

  it('keeps a chat in stream order: an append after a version it has not seen waits for the log', async () => {
    // Version 1 came from elsewhere (another process's actor, or before this dispatcher started): not handed over.
    await append('user-502', 'no_stream', [sendMessage(502, 'first')], false);
    await append('user-502', 1, [sendMessage(502, 'second')]);
    expect(await h.counter('lexbot_dispatch_handoffs_total', { outcome: 'refused' })).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.stub.calls).toHaveLength(0);

    gate.open();
    await h.caughtUp(dispatcher);
    expect(texts(h.stub.delivered(502))).toEqual(['first', 'second']);
    // Seen through the log now: the stream's next append is taken.
    await append('user-502', 2, [newEvent('ProfileUpdated', {}), sendMessage(502, 'third')]);
    await h.caughtUp(dispatcher);
    expect(texts(h.stub.delivered(502))).toEqual(['first', 'second', 'third']);
    expect(await h.counter('lexbot_dispatch_handoffs_total', { outcome: 'accepted' })).toBe(1);
    expect(h.stub.calls).toHaveLength(3);
  });

  it('follows the stream through hand-offs, and leaves calls to other chats to the log', async () => {
    await append('user-503', 'no_stream', [sendMessage(503, 'a1')]);
    await append('user-503', 1, [newEvent('ProfileUpdated', {})]); // no call, but the version moves on
    await append('user-503', 2, [
      sendMessage(503, 'a2'),
      sendMessage(-100777, 'to the admins'),
      // No chat: it runs in the stream's own lane, which only this stream's entries use.
      newEvent(OUTBOX_EVENT_TYPES.telegramCall, { method: 'answerCallbackQuery', payload: { callback_query_id: 'q-503' } }),
    ]);
    await vi.waitFor(() => expect(texts(h.stub.delivered(503))).toEqual(['a1', 'a2']), WAIT);
    await vi.waitFor(() => expect(h.stub.calls.filter((call) => call.method === 'answerCallbackQuery')).toHaveLength(1), WAIT);
    expect(h.stub.delivered(-100777)).toHaveLength(0);
    expect(await h.counter('lexbot_dispatch_handoffs_total', { outcome: 'accepted' })).toBe(2);

    gate.open();
    await h.caughtUp(dispatcher);
    expect(texts(h.stub.delivered(-100777))).toEqual(['to the admins']);
    expect(h.stub.calls).toHaveLength(4);
  });

  it('after a stop between the hand-off and the log read, the next run sends nothing again', async () => {
    await append('user-504', 'no_stream', [sendMessage(504, 'once')]);
    await vi.waitFor(() => expect(h.stub.calls).toHaveLength(1), WAIT);
    gate.drop();
    await dispatcher.stop();
    expect(dispatcher.status().committed.position).toBe(0n);

    const next = h.dispatcher();
    await next.start();
    await h.caughtUp(next);
    expect(texts(h.stub.delivered(504))).toEqual(['once']);
    expect(await h.counter('lexbot_dispatch_resends_total')).toBe(0);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'telegram', outcome: 'already_done' })).toBe(1);
  });

  it('ignores hand-offs while stopped, and duplicates of an append that was already stored', async () => {
    await dispatcher.stop();
    await append('user-505', 'no_stream', [sendMessage(505, 'later')]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.stub.calls).toHaveLength(0);

    const events = [sendMessage(506, 'only once')];
    const next = h.dispatcher({ store: gate.store });
    committed.subscribe((appends) => next.handOff(appends));
    await next.start();
    await append('user-506', 'no_stream', events);
    await append('user-506', 'no_stream', events); // the same ids again: nothing written, nothing offered
    gate.open();
    await h.caughtUp(next);
    expect(texts(h.stub.delivered(505))).toEqual(['later']);
    expect(texts(h.stub.delivered(506))).toEqual(['only once']);
    expect(await h.counter('lexbot_dispatch_handoffs_total', { outcome: 'accepted' })).toBe(1);
  });
});
