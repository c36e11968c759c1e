import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import { OUTBOX_EVENT_TYPES } from '../../../actors/outbox/outboxEvents.js';
import { createActorHost } from '../../../actors/runtime/actorHost.js';
import { createGroupCommitter } from '../../../actors/runtime/groupCommit.js';
import { createHandlers } from '../../../actors/userActor/bot/handlers/index.js';
import { userEventCodec, userStateCodec } from '../../../actors/userActor/codec.js';
import type { UserActorMessage } from '../../../actors/userActor/messages.js';
import { createUserBehavior, userStreamOfKey } from '../../../actors/userActor/userBehavior.js';
import { BOT_INFO, BOT_TOKEN, textUpdate, type Sender } from './fixtures.js';

const NOW = new Date('2026-11-26T10:00:00Z');

const setup = (clock: () => Date = () => NOW) => {
  const store = createMemoryEventStore();
  const host = createActorHost({
    store,
    committer: createGroupCommitter(store),
    behavior: createUserBehavior({ token: BOT_TOKEN, botInfo: BOT_INFO, handlers: createHandlers(), clock }),
    codec: userEventCodec,
    stateCodec: userStateCodec,
    streamOf: userStreamOfKey,
  });
  const send = (from: Sender, updateId: number, text: string) => {
    const message: UserActorMessage = { kind: 'update', id: `tg:${updateId}`, update: textUpdate(updateId, from, text) };
    return host.tell(`user:${from.id}`, message);
  };
  const replies = async (userId: number) =>
    (await store.readStream(`user-${userId}`))
      .filter((event) => event.type === OUTBOX_EVENT_TYPES.telegramCall)
      .map((event) => event.data as { method: string; payload: { chat_id: number; text: string } });
  return { store, host, send, replies };
};

describe('user actor', () => {
  it('records a first /start and greets in the user’s Telegram language, all in one commit', async () => {
    const { store, host, send, replies } = setup();
    const anna: Sender = { id: 1001, first_name: 'Анна', language_code: 'ru' };
    const result = await send(anna, 1, '/start');
    const stored = await store.readStream('user-1001');
    // One commit: the user, the greeting, the wizard's first step (dialog + its message) and the reminder timer.
    expect(result.version).toBe(stored.length);
    expect(stored.map((event) => event.type)).toEqual([
      'UserStarted',
      OUTBOX_EVENT_TYPES.telegramCall,
      'DialogChanged',
      OUTBOX_EVENT_TYPES.telegramCall,
      OUTBOX_EVENT_TYPES.timerScheduled,
    ]);
    const [reply] = await replies(1001);
    expect(reply?.method).toBe('sendMessage');
    expect(reply?.payload.chat_id).toBe(1001);
    expect(reply?.payload.text).toContain('Анна');
    expect(reply?.payload.text).toMatch(/[а-я]/);
    expect((await host.inspect('user:1001')).state.status).not.toBe('new');
    await host.close();
  });

  it('answers the same update once, however often it is delivered', async () => {
    const { store, host, send } = setup();
    const bob: Sender = { id: 1002, first_name: 'Bob', language_code: 'en' };
    await send(bob, 7, '/start');
    const once = (await store.readStream('user-1002')).map((event) => event.type);
    expect(once[0]).toBe('UserStarted');
    for (let attempt = 0; attempt < 4; attempt += 1) await send(bob, 7, '/start');
    expect((await store.readStream('user-1002')).map((event) => event.type)).toEqual(once);
    await host.close();
  });

  it('greets a returning user differently and answers unknown commands and free text, in a flow and outside', async () => {
    // A person typing: ten seconds between messages, so the per-user rate limit (burst 5) stays out of the way.
    let tick = 0;
    const { host, send, replies } = setup(() => new Date(NOW.getTime() + 10_000 * tick++));
    const eve: Sender = { id: 1003, first_name: 'Eve', language_code: 'de' };
    await send(eve, 1, '/start');
    await send(eve, 2, '/start');
    await send(eve, 3, '/frobnicate');
    await send(eve, 4, 'hello there');
    await send(eve, 5, '/cancel');
    await send(eve, 6, 'hello there');
    const texts = (await replies(1003)).map((reply) => reply.payload.text);
    expect(texts).toHaveLength(7);
    expect(texts[0]).toContain('Eve');
    expect(texts[1]).toMatch(/^Step 1 of 6/);
    expect(texts[2]).toMatch(/^Welcome back, \u2068Eve\u2069! Let us continue/);
    expect(texts[3]).toMatch(/\/help/);
    // Inside the wizard's language step, free text is a language search.
    expect(texts[4]).toContain('hello there');
    expect(texts[5]).not.toBe('');
    // Outside any flow, free text gets a pointer to what the bot can do.
    expect(texts[6]).toMatch(/\/start|\/help/);
    await host.close();
  });

  it('carries the trace context and correlation id of the message into every event it stores', async () => {
    const { store, host } = setup();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const update = textUpdate(31, { id: 1004, first_name: 'Tom' }, '/start');
    await host.tell('user:1004', { kind: 'update', id: 'tg:31', update, trace: { traceparent, correlationId: 'tg:31' } });
    const stored = await store.readStream('user-1004');
    expect(stored.length).toBeGreaterThan(1);
    for (const event of stored) expect(event.metadata).toMatchObject({ traceparent, correlationId: 'tg:31', causationId: 'tg:31' });
    await host.close();
  });

  it('keeps an update without a user out of any stream', async () => {
    const { store, host } = setup();
    const result = await host.tell('chat:-100123', { kind: 'update', id: 'tg:99', update: { update_id: 99 } });
    expect(result.events).toEqual([]);
    expect(await store.readStream('chat--100123')).toEqual([]);
    await host.close();
  });
});
