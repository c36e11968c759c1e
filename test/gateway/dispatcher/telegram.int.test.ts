// Outbox Telegram calls from the Postgres event store to a Bot API over HTTP (the stub), through the real grammY
// client with its throttler and auto-retry: exactly once and in order per chat, 429s waited out, refusals counted
// and not retried, a slow chat never holding back the others, and a stop mid-batch followed by a restart that sends
// again only what was in flight, counted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compareCheckpoints } from '../../../actors/eventStore/types.js';
import type { Dispatcher } from '../../../gateway/dispatcher/index.js';
import { createHarness, newEvent, sendMessage, WAIT, type Harness } from './harness.js';

const texts = (calls: readonly { text: unknown }[]): unknown[] => calls.map((call) => call.text);

describe('dispatcher: Telegram calls', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  const caughtUp = (dispatcher: Dispatcher): Promise<void> => h.caughtUp(dispatcher);

  it('sends every call exactly once, in log order per chat, and skips events that are not outbox entries', async () => {
    // Two actors writing to the same chats, interleaved, with ordinary domain events in between.
    for (let i = 1; i <= 6; i += 1) {
      await h.append('user-1', sendMessage(100, `a${i}`), newEvent('ProfileUpdated', { i }), sendMessage(-300, `g${i}`));
      await h.append('user-2', sendMessage(100, `b${i}`), sendMessage(200, `c${i}`));
    }
    const dispatcher = h.dispatcher();
    await dispatcher.start();
    await caughtUp(dispatcher);

    const expected100 = Array.from({ length: 6 }, (_, i) => [`a${i + 1}`, `b${i + 1}`]).flat();
    expect(texts(h.stub.delivered(100))).toEqual(expected100);
    expect(texts(h.stub.delivered(200))).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(texts(h.stub.delivered(-300))).toEqual(['g1', 'g2', 'g3', 'g4', 'g5', 'g6']);
    expect(h.stub.calls).toHaveLength(24);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'telegram', outcome: 'sent' })).toBe(24);
    expect(await h.counter('lexbot_dispatch_resends_total')).toBe(0);
    // The write-ahead records are gone once the checkpoint covers their events.
    const left = await h.db.pool.query(`select count(*)::int as n from ${h.db.schema}_d.dispatch_attempts`);
    expect(left.rows[0].n).toBe(0);
  });

  it('continues from its stored checkpoint after a restart without sending anything twice', async () => {
    await h.append('user-1', sendMessage(100, 'one'), sendMessage(100, 'two'));
    const first = h.dispatcher();
    await first.start();
    await caughtUp(first);
    await first.stop();

    await h.append('user-1', sendMessage(100, 'three'));
    const second = h.dispatcher();
    await second.start();
    await caughtUp(second);
    expect(texts(h.stub.calls)).toEqual(['one', 'two', 'three']);
    expect(await h.counter('lexbot_dispatch_resends_total')).toBe(0);
  });

  it('honours retry_after on 429: the call is sent again after the wait and still arrives, other chats meanwhile', async () => {
    h.stub.rateLimit(100, 1);
    await h.append('user-1', sendMessage(100, 'limited-1'), sendMessage(100, 'limited-2'));
    await h.append('user-2', sendMessage(200, 'free-1'), sendMessage(200, 'free-2'), sendMessage(200, 'free-3'));
    const dispatcher = h.dispatcher();
    await dispatcher.start();
    await caughtUp(dispatcher);

    const to100 = h.stub.calls.filter((call) => call.chatId === 100);
    expect(to100.map((call) => [call.text, call.answer?.ok])).toEqual([
      ['limited-1', false],
      ['limited-1', true],
      ['limited-2', true],
    ]);
    expect(to100[0]!.answer?.error_code).toBe(429);
    // Timers never fire early by more than a tick, so a 1 s retry_after leaves at least ~1 s between the two.
    expect(to100[1]!.receivedAt - to100[0]!.receivedAt).toBeGreaterThanOrEqual(950);
    // The other chat did not wait for the limited one.
    const lastFree = Math.max(...h.stub.delivered(200).map((call) => call.receivedAt));
    expect(lastFree).toBeLessThan(to100[1]!.receivedAt);
    expect(texts(h.stub.delivered(200))).toEqual(['free-1', 'free-2', 'free-3']);
  });

  it('keeps order in a slow chat while the other chats proceed, across batches', async () => {
    const release = h.stub.hold(100);
    for (let i = 1; i <= 3; i += 1) {
      await h.append('user-1', sendMessage(100, `slow-${i}`));
      await h.append('user-2', sendMessage(200, `fast-${i}`));
    }
    // Small batches, so the slow chat's entries span several of them.
    const dispatcher = h.dispatcher({ batchSize: 2 });
    await dispatcher.start();
    // Chat 200 finishes while chat 100 is stuck on its first call, which holds back only chat 100 and the checkpoint.
    await vi.waitFor(() => {
      expect(texts(h.stub.delivered(200))).toEqual(['fast-1', 'fast-2', 'fast-3']);
      expect(dispatcher.status().inFlight).toBe(3);
    }, WAIT);
    expect(texts(h.stub.calls.filter((call) => call.chatId === 100))).toEqual(['slow-1']);
    release();
    await caughtUp(dispatcher);
    expect(texts(h.stub.delivered(100))).toEqual(['slow-1', 'slow-2', 'slow-3']);
  });

  it('logs and counts refusals (400, 403) without retrying them, and retries server errors', async () => {
    h.stub.refuse(400, 400, 'Bad Request: chat not found');
    h.stub.refuse(403, 403, 'Forbidden: bot was blocked by the user');
    h.stub.refuse(500, 502, 'Bad Gateway', 2);
    await h.append('user-1', sendMessage(400, 'nobody'), sendMessage(403, 'blocked'), sendMessage(500, 'flaky'), sendMessage(100, 'fine'));
    const dispatcher = h.dispatcher();
    await dispatcher.start();
    await caughtUp(dispatcher);

    expect(h.stub.calls.filter((call) => call.chatId === 400)).toHaveLength(1);
    expect(h.stub.calls.filter((call) => call.chatId === 403)).toHaveLength(1);
    expect(h.stub.calls.filter((call) => call.chatId === 500).map((call) => call.answer?.ok)).toEqual([false, false, true]);
    expect(texts(h.stub.delivered(100))).toEqual(['fine']);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'telegram', outcome: 'refused' })).toBe(2);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'telegram', outcome: 'sent' })).toBe(2);
    expect(await h.counter('lexbot_dispatch_retries_total', { kind: 'telegram', reason: 'server_error' })).toBe(2);
  });

  it('after a stop mid-batch, sends again only the calls that were in flight, and counts them', async () => {
    const release = h.stub.hold(100);
    await h.append('user-1', sendMessage(100, 'x1'), sendMessage(200, 'y1'), sendMessage(100, 'x2'), sendMessage(200, 'y2'), sendMessage(100, 'x3'));
    const first = h.dispatcher();
    await first.start();
    await vi.waitFor(() => {
      expect(texts(h.stub.delivered(200))).toEqual(['y1', 'y2']);
      expect(texts(h.stub.calls.filter((call) => call.chatId === 100))).toEqual(['x1']);
      expect(first.status().inFlight).toBe(3);
    }, WAIT);
    // x1 reached the Bot API and was never answered: from the dispatcher's side it may or may not have been sent.
    await first.stop();
    expect(compareCheckpoints(first.status().committed, await h.store.headCheckpoint())).toBeLessThan(0);
    release();

    const second = h.dispatcher();
    await second.start();
    await caughtUp(second);
    expect(texts(h.stub.calls.filter((call) => call.chatId === 100))).toEqual(['x1', 'x1', 'x2', 'x3']);
    expect(texts(h.stub.calls.filter((call) => call.chatId === 200))).toEqual(['y1', 'y2']);
    expect(await h.counter('lexbot_dispatch_resends_total')).toBe(1);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'telegram', outcome: 'already_done' })).toBe(2);
  });

  it('lets a call under way finish when stopped, and starts nothing new: the next run sends nothing twice', async () => {
    const release = h.stub.hold(100);
    await h.append('user-1', sendMessage(100, 'x1'), sendMessage(100, 'x2'));
    const first = h.dispatcher();
    await first.start();
    await vi.waitFor(() => expect(texts(h.stub.calls.filter((call) => call.chatId === 100))).toEqual(['x1']), WAIT);
    // Telegram answers x1 while the dispatcher is stopping (well within its grace period).
    const stopped = first.stop();
    release();
    await stopped;
    expect(texts(h.stub.calls.filter((call) => call.chatId === 100))).toEqual(['x1']);

    const second = h.dispatcher();
    await second.start();
    await caughtUp(second);
    expect(texts(h.stub.calls.filter((call) => call.chatId === 100))).toEqual(['x1', 'x2']);
    expect(await h.counter('lexbot_dispatch_resends_total')).toBe(0);
  });

  it("keeps Telegram's default limits: one message per second to a private chat", async () => {
    await h.append('user-1', sendMessage(100, 'p1'), sendMessage(100, 'p2'), sendMessage(100, 'p3'));
    // When each request leaves the client (past the throttler), so network latency does not blur the spacing.
    const times: number[] = [];
    const dispatcher = h.dispatcher({
      throttle: {},
      inner: [
        (prev, method, payload, signal) => {
          times.push(Date.now());
          return prev(method, payload, signal);
        },
      ],
    });
    await dispatcher.start();
    await caughtUp(dispatcher);
    expect(texts(h.stub.delivered(100))).toEqual(['p1', 'p2', 'p3']);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(950);
  });
});
