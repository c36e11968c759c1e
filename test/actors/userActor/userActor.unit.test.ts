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

const setup = () => {
  const store = createMemoryEventStore();
  const host = createActorHost({
    store,
    committer: createGroupCommitter(store),
    behavior: createUserBehavior({ token: BOT_TOKEN, botInfo: BOT_INFO, handlers: createHandlers(), clock: () => NOW }),
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
    expect(result.version).toBe(2);
    const stored = await store.readStream('user-1001');
    expect(stored.map((event) => event.type)).toEqual(['UserStarted', OUTBOX_EVENT_TYPES.telegramCall]);
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
    for (let attempt = 0; attempt < 5; attempt += 1) await send(bob, 7, '/start');
    expect((await store.readStream('user-1002')).map((event) => event.type)).toEqual(['UserStarted', OUTBOX_EVENT_TYPES.telegramCall]);
    await host.close();
  });

  it('greets a returning user differently and answers unknown commands and free text', async () => {
    const { host, send, replies } = setup();
    const eve: Sender = { id: 1003, first_name: 'Eve', language_code: 'de' };
    await send(eve, 1, '/start');
    await send(eve, 2, '/start');
    await send(eve, 3, '/frobnicate');
    await send(eve, 4, 'hello there');
    const texts = (await replies(1003)).map((reply) => reply.payload.text);
    expect(texts).toHaveLength(4);
    expect(texts[0]).toContain('Eve');
    expect(texts[1]).toMatch(/^Welcome back, Eve/);
    expect(texts[2]).toMatch(/\/help/);
    expect(texts[3]).toMatch(/\/start/);
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
