// Telegram's limits are per bot, so every Bot API client of a process (the dispatcher's replies, the broadcast)
// shares one throttler: two clients writing to the same private chat still keep its one message a second.
import { apiThrottler } from '@grammyjs/transformer-throttler';
import type { Transformer } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramCaller } from '../../../gateway/dispatcher/index.js';
import { startBotApiStub, STUB_TOKEN, type BotApiStub } from './botApiStub.js';

describe('Bot API clients sharing one throttler', () => {
  let stub: BotApiStub;
  beforeEach(async () => {
    stub = await startBotApiStub();
  });
  afterEach(async () => {
    await stub.close();
  });

  it('space two clients’ messages to one private chat a second apart, and let other chats through', async () => {
    const shared = apiThrottler();
    // When each request leaves its client (past the throttler), so network latency does not blur the spacing.
    const left: { who: string; chat: unknown; at: number }[] = [];
    const stamp =
      (who: string): Transformer =>
      (prev, method, payload, signal) => {
        left.push({ who, chat: (payload as { chat_id?: unknown }).chat_id, at: Date.now() });
        return prev(method, payload, signal);
      };
    const replies = createTelegramCaller({ token: STUB_TOKEN, apiRoot: stub.apiRoot, throttle: shared, inner: [stamp('replies')] });
    const broadcast = createTelegramCaller({ token: STUB_TOKEN, apiRoot: stub.apiRoot, throttle: shared, inner: [stamp('broadcast')] });

    await Promise.all([
      replies('sendMessage', { chat_id: 100, text: 'reply' }),
      broadcast('sendMessage', { chat_id: 100, text: 'news' }),
      broadcast('sendMessage', { chat_id: 200, text: 'news' }),
    ]);

    expect(stub.delivered(100).map((call) => call.text).sort()).toEqual(['news', 'reply']);
    expect(stub.delivered(200)).toHaveLength(1);
    const toSameChat = left.filter((entry) => entry.chat === 100).map((entry) => entry.at);
    expect(toSameChat).toHaveLength(2);
    expect(Math.abs(toSameChat[1]! - toSameChat[0]!)).toBeGreaterThanOrEqual(950);
  });
});
