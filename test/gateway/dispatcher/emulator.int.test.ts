// The dispatcher against the project's Telegram Bot API emulator (gateway/telegramEmulator), with the Postgres event
// store and a NATS mailbox: what the emulator can script — chats, 429 with retry_after, blocked users, unknown chats.
// (Holding a request unanswered, which the crash and slow-chat tests need, only the local stub can do.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorCall } from '../../../gateway/telegramEmulator/index.js';
import { OUTBOX_EVENT_TYPES } from '../../../actors/outbox/outboxEvents.js';
import { createHarness, newEvent, sendMessage, type Harness } from './harness.js';

const to = (calls: readonly EmulatorCall[], chatId: number): EmulatorCall[] => calls.filter((call) => Number(call.params.chat_id) === chatId);
const texts = (calls: readonly EmulatorCall[]): unknown[] => calls.map((call) => call.params.text);

describe('dispatcher with the Bot API emulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ telegram: 'emulator' });
    h.emulator!.addChat({ id: 100, type: 'private', first_name: 'Ana' });
    h.emulator!.addChat({ id: 200, type: 'private', first_name: 'Ben' });
    h.emulator!.addChat({ id: -300, type: 'group', title: 'Tandem club' });
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('delivers every outbox message exactly once, in log order per chat', async () => {
    for (let i = 1; i <= 5; i += 1) {
      await h.append('user-1', sendMessage(100, `a${i}`), sendMessage(-300, `g${i}`));
      await h.append('user-2', sendMessage(200, `b${i}`), sendMessage(100, `c${i}`));
    }
    const dispatcher = h.dispatcher();
    await dispatcher.start();
    await h.caughtUp(dispatcher);

    const calls = h.emulator!.calls('sendMessage');
    expect(calls).toHaveLength(20);
    expect(calls.every((call) => call.response.ok)).toBe(true);
    expect(texts(to(calls, 100))).toEqual(['a1', 'c1', 'a2', 'c2', 'a3', 'c3', 'a4', 'c4', 'a5', 'c5']);
    expect(texts(to(calls, 200))).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);
    expect(texts(to(calls, -300))).toEqual(['g1', 'g2', 'g3', 'g4', 'g5']);
    expect(h.emulator!.messagesIn(100).map((message) => message.text)).toEqual(['a1', 'c1', 'a2', 'c2', 'a3', 'c3', 'a4', 'c4', 'a5', 'c5']);
  });

  it('waits out a 429 retry_after and still delivers, while another chat goes on', async () => {
    h.emulator!.rateLimit({ times: 1, retryAfter: 1, chatId: 100 });
    await h.append('user-1', sendMessage(100, 'limited-1'), sendMessage(100, 'limited-2'));
    await h.append('user-2', sendMessage(200, 'free-1'), sendMessage(200, 'free-2'));
    const dispatcher = h.dispatcher();
    await dispatcher.start();
    await h.caughtUp(dispatcher);

    const calls = h.emulator!.calls('sendMessage');
    const limited = to(calls, 100);
    expect(limited.map((call) => [call.params.text, call.response.ok])).toEqual([
      ['limited-1', false],
      ['limited-1', true],
      ['limited-2', true],
    ]);
    expect(limited[0]!.response).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    expect(limited[1]!.at - limited[0]!.at).toBeGreaterThanOrEqual(950);
    const free = to(calls, 200);
    expect(texts(free)).toEqual(['free-1', 'free-2']);
    expect(Math.max(...free.map((call) => call.seq))).toBeLessThan(limited[1]!.seq);
  });

  it('counts an edit the message already shows ("message is not modified") as done, not refused', async () => {
    const edit = (text: string) =>
      newEvent(OUTBOX_EVENT_TYPES.telegramCall, { method: 'editMessageText', payload: { chat_id: 100, message_id: 1, text }, chatId: 100 });
    await h.append('user-1', sendMessage(100, 'screen'), edit('screen'), edit('screen, drawn anew'));
    const dispatcher = h.dispatcher();
    await dispatcher.start();
    await h.caughtUp(dispatcher);

    const edits = h.emulator!.calls('editMessageText');
    expect(edits.map((call) => call.response.ok)).toEqual([false, true]);
    expect(h.emulator!.messagesIn(100).map((message) => message.text)).toEqual(['screen, drawn anew']);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'telegram', outcome: 'sent' })).toBe(3);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'telegram', outcome: 'refused' })).toBe(0);
  });

  it('counts a blocked user (403) and an unknown chat (400) as refused, once each, and moves on', async () => {
    h.emulator!.blockChat(200);
    await h.append('user-1', sendMessage(200, 'to-blocked'), sendMessage(999, 'to-nowhere'), sendMessage(100, 'to-ana'));
    const dispatcher = h.dispatcher();
    await dispatcher.start();
    await h.caughtUp(dispatcher);

    const calls = h.emulator!.calls('sendMessage');
    expect(to(calls, 200).map((call) => call.response)).toEqual([expect.objectContaining({ ok: false, error_code: 403 })]);
    expect(to(calls, 999).map((call) => call.response)).toEqual([expect.objectContaining({ ok: false, error_code: 400 })]);
    expect(texts(to(calls, 100))).toEqual(['to-ana']);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'telegram', outcome: 'refused' })).toBe(2);
    expect(await h.counter('lexbot_dispatch_total', { kind: 'telegram', outcome: 'sent' })).toBe(1);
  });
});
