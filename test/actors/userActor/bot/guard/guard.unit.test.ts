// The guard inside a user actor: over the limit one notice and then nothing decided (the update is acked, never
// retried); a banned user (banned through a queued admin command) gets the clear answer to anything; admin
// commands answer others like unknown commands.
import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { createMemoryEventStore } from '../../../../../actors/eventStore/memory/memoryEventStore.js';
import { OUTBOX_EVENT_TYPES } from '../../../../../actors/outbox/outboxEvents.js';
import { createActorHost } from '../../../../../actors/runtime/actorHost.js';
import { createGroupCommitter } from '../../../../../actors/runtime/groupCommit.js';
import { createHandlers } from '../../../../../actors/userActor/bot/handlers/index.js';
import { userEventCodec, userStateCodec } from '../../../../../actors/userActor/codec.js';
import type { UserActorMessage } from '../../../../../actors/userActor/messages.js';
import { createMemoryAdminDesk, memoryServices } from '../../../../../actors/userActor/ports/index.js';
import { createUserBehavior, userStreamOfKey } from '../../../../../actors/userActor/userBehavior.js';
import { BOT_INFO, BOT_TOKEN, textUpdate, type Sender } from '../../fixtures.js';

const NOW = new Date('2026-11-26T10:00:00Z');

const setup = (admins: readonly string[] = []) => {
  const store = createMemoryEventStore();
  const services = memoryServices({ admins: new Set(admins), adminDesk: createMemoryAdminDesk() });
  const host = createActorHost({
    store,
    committer: createGroupCommitter(store),
    behavior: createUserBehavior({ token: BOT_TOKEN, botInfo: BOT_INFO, handlers: createHandlers(), clock: () => NOW, services }),
    codec: userEventCodec,
    stateCodec: userStateCodec,
    streamOf: userStreamOfKey,
  });
  let updateId = 0;
  const tell = (from: Sender, message: UserActorMessage) => host.tell(`user:${from.id}`, message);
  const send = (from: Sender, text: string) => {
    updateId += 1;
    return tell(from, { kind: 'update', id: `tg:${updateId}`, update: textUpdate(updateId, from, text) });
  };
  const press = (from: Sender, data: string) => {
    updateId += 1;
    const update = { update_id: updateId, callback_query: { id: `cb${updateId}`, from: { is_bot: false, ...from }, chat_instance: 'x', data } } as Update;
    return tell(from, { kind: 'update', id: `tg:${updateId}`, update });
  };
  const calls = async (userId: number) =>
    (await store.readStream(`user-${userId}`))
      .filter((event) => event.type === OUTBOX_EVENT_TYPES.telegramCall)
      .map((event) => event.data as { method: string; payload: { chat_id?: number; text?: string; show_alert?: boolean } });
  return { store, host, send, press, tell, calls };
};

describe('guard', () => {
  it('answers a burst past 5 once, then decides nothing for the rest', async () => {
    const { store, host, send, calls } = setup();
    const user: Sender = { id: 8_100_001, first_name: 'Quick', language_code: 'en' };
    for (let i = 0; i < 6; i += 1) await send(user, `message ${i}`);
    const notices = (await calls(user.id)).filter((call) => /too fast/.test(call.payload.text ?? ''));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.payload.text).toMatch(/3 seconds/);
    const length = (await store.readStream(`user-${user.id}`)).length;
    for (let i = 0; i < 5; i += 1) await send(user, `more ${i}`);
    expect((await store.readStream(`user-${user.id}`)).length).toBe(length);
    await host.close();
  });

  it('a ban queued by an admin makes every message and press get the banned answer; an unban lifts it', async () => {
    const { host, send, press, tell, calls } = setup();
    const user: Sender = { id: 8_100_002, first_name: 'Sam', language_code: 'ru' };
    await send(user, '/start');
    await tell(user, { kind: 'command', id: 'cmd:moderation:tg:1:8100002', commandId: 'moderation:tg:1:8100002', command: { type: 'BanUser', data: { reason: 'spam' } } });
    expect((await host.inspect(`user:${user.id}`)).state.status).toBe('banned');
    // Told at once, in their language, without having to write first.
    expect((await calls(user.id)).at(-1)).toMatchObject({ method: 'sendMessage', payload: { chat_id: user.id, text: expect.stringMatching(/заблокирован/) } });
    // A second ban (another report of the same user) is refused by the domain: it decides nothing, and fails nothing.
    await tell(user, { kind: 'command', id: 'cmd:moderation:tg:9:8100002', commandId: 'moderation:tg:9:8100002', command: { type: 'BanUser', data: { reason: 'other' } } });
    await send(user, '/find');
    await press(user, 'fd:next');
    const [message, alert] = (await calls(user.id)).slice(-2);
    expect(message!.payload.text).toMatch(/заблокирован/);
    expect(alert).toMatchObject({ method: 'answerCallbackQuery', payload: { show_alert: true } });
    await tell(user, { kind: 'command', id: 'cmd:moderation:tg:2:8100002', commandId: 'moderation:tg:2:8100002', command: { type: 'UnbanUser', data: {} } });
    expect((await host.inspect(`user:${user.id}`)).state.status).toBe('onboarding');
    expect((await calls(user.id)).at(-1)!.payload.text).toMatch(/восстановлен/);
    const told = (await calls(user.id)).length;
    // An unban of a user no longer banned is refused the same quiet way.
    await tell(user, { kind: 'command', id: 'cmd:moderation:tg:10:8100002', commandId: 'moderation:tg:10:8100002', command: { type: 'UnbanUser', data: {} } });
    expect((await host.inspect(`user:${user.id}`)).state.status).toBe('onboarding');
    expect(await calls(user.id)).toHaveLength(told);
    await host.close();
  });

  it('admin commands: unknown to others, answered for admins', async () => {
    const { host, send, calls } = setup(['8100004']);
    const user: Sender = { id: 8_100_003, first_name: 'Nosy', language_code: 'en' };
    const admin: Sender = { id: 8_100_004, first_name: 'Root', language_code: 'en' };
    await send(user, '/stats');
    expect((await calls(user.id)).at(-1)!.payload.text).toMatch(/do not know this command/);
    await send(admin, '/stats');
    expect((await calls(admin.id)).at(-1)!.payload.text).toMatch(/Users: 0 in total/);
    await send(admin, '/reports');
    expect((await calls(admin.id)).at(-1)!.payload.text).toMatch(/moderation queue is empty/);
    await host.close();
  });
});
