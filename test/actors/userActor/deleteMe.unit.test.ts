// /delete_me at the actor level: odd and stale presses are answered and delete nothing; the confirmation forgets.
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import { OUTBOX_EVENT_TYPES } from '../../../actors/outbox/outboxEvents.js';
import { createActorHost } from '../../../actors/runtime/actorHost.js';
import { createGroupCommitter } from '../../../actors/runtime/groupCommit.js';
import { createHandlers } from '../../../actors/userActor/bot/handlers/index.js';
import { userEventCodec, userStateCodec } from '../../../actors/userActor/codec.js';
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
  let updateId = 0;
  const send = (from: Sender, text: string) => {
    updateId += 1;
    return host.tell(`user:${from.id}`, { kind: 'update', id: `tg:${updateId}`, update: textUpdate(updateId, from, text) });
  };
  const press = (from: Sender, data: string) => {
    updateId += 1;
    const update = {
      update_id: updateId,
      callback_query: {
        id: `cb${updateId}`,
        from: { is_bot: false, ...from },
        chat_instance: 'c',
        data,
        message: { message_id: 77, date: 1, chat: { id: from.id, type: 'private', first_name: from.first_name }, text: 'prompt' },
      },
    } as Update;
    return host.tell(`user:${from.id}`, { kind: 'update', id: `tg:${updateId}`, update });
  };
  const calls = async (userId: number) =>
    (await store.readStream(`user-${userId}`))
      .filter((e) => e.type === OUTBOX_EVENT_TYPES.telegramCall)
      .map((e) => e.data as { method: string; payload: { text?: string } });
  const types = async (userId: number) => (await store.readStream(`user-${userId}`)).map((e) => e.type);
  return { host, send, press, calls, types };
};

describe('/delete_me in the user actor', () => {
  it('answers odd, stale and unknown presses, deleting nothing', async () => {
    const { host, send, press, calls, types } = setup();
    const ann: Sender = { id: 4001, first_name: 'Ann', language_code: 'en' };
    await press(ann, 'dm:yes:whatever');
    expect((await calls(4001)).map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect((await calls(4001))[1]?.payload.text).toMatch(/nothing to delete/);
    await send(ann, '/start');
    for (const data of ['dm:yes', 'dm:yes:0', 'dm:frobnicate', 'dm:']) {
      const before = (await calls(4001)).length;
      await press(ann, data);
      const after = (await calls(4001)).slice(before);
      expect(after.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
      expect(after[1]?.payload.text).toMatch(/older message/);
    }
    expect(await types(4001)).not.toContain('UserForgotten');
    await host.close();
  });

  it('forgets on the confirmation bound to the current start, once, and says goodbye in place', async () => {
    const { host, send, press, calls, types } = setup();
    const olga: Sender = { id: 4002, first_name: 'Ольга', language_code: 'ru' };
    await send(olga, '/start');
    await send(olga, '/delete_me');
    const prompt = (await calls(4002)).at(-1)!;
    expect(prompt.payload.text).toMatch(/Удалить всё\?/);
    const tag = NOW.getTime().toString(36);
    await press(olga, `dm:yes:${tag}`);
    await press(olga, `dm:yes:${tag}`);
    expect((await types(4002)).filter((t) => t === 'UserForgotten')).toHaveLength(1);
    const goodbye = (await calls(4002)).filter((c) => c.method === 'editMessageText').map((c) => c.payload.text);
    expect(goodbye[0]).toMatch(/Ваши данные удалены/);
    expect(goodbye[1]).toMatch(/Удалять нечего/);
    await host.close();
  });
});
