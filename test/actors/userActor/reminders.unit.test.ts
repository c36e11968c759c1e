// Reminders at the actor level, on an injected clock: the timers a decision schedules, and what the actor does when
// one fires — a nudge at most once a week, nothing for a forgotten user. Complements the e2e test, which can show
// a nudge arriving but not, without waiting, that none did.
import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import { OUTBOX_EVENT_TYPES, type TimerScheduled } from '../../../actors/outbox/outboxEvents.js';
import { createActorHost } from '../../../actors/runtime/actorHost.js';
import { createGroupCommitter } from '../../../actors/runtime/groupCommit.js';
import { createHandlers } from '../../../actors/userActor/bot/handlers/index.js';
import { userEventCodec, userStateCodec } from '../../../actors/userActor/codec.js';
import type { TimerCommand, UserActorMessage } from '../../../actors/userActor/messages.js';
import { createUserBehavior, userStreamOfKey } from '../../../actors/userActor/userBehavior.js';
import { BOT_INFO, BOT_TOKEN, textUpdate, type Sender } from './fixtures.js';

const T0 = new Date('2026-11-26T10:00:00Z');
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const setup = () => {
  let now = T0;
  const store = createMemoryEventStore();
  const host = createActorHost({
    store,
    committer: createGroupCommitter(store),
    behavior: createUserBehavior({ token: BOT_TOKEN, botInfo: BOT_INFO, handlers: createHandlers(), clock: () => now }),
    codec: userEventCodec,
    stateCodec: userStateCodec,
    streamOf: userStreamOfKey,
  });
  let updateId = 0;
  const at = (ms: number): void => {
    now = new Date(T0.getTime() + ms);
  };
  const send = (from: Sender, text: string) => {
    updateId += 1;
    return host.tell(`user:${from.id}`, { kind: 'update', id: `tg:${updateId}`, update: textUpdate(updateId, from, text) });
  };
  const press = (from: Sender, data: string) => {
    updateId += 1;
    const update = { update_id: updateId, callback_query: { id: `cb${updateId}`, from: { is_bot: false, ...from }, chat_instance: 'c', data } } as Update;
    return host.tell(`user:${from.id}`, { kind: 'update', id: `tg:${updateId}`, update });
  };
  const stream = async (userId: number) => store.readStream(`user-${userId}`);
  const timers = async (userId: number): Promise<TimerScheduled[]> =>
    (await stream(userId)).filter((e) => e.type === OUTBOX_EVENT_TYPES.timerScheduled).map((e) => e.data as TimerScheduled);
  const fire = (userId: number, timer: TimerScheduled) => {
    const message: UserActorMessage = { kind: 'timer', id: `timer:${timer.timerId}`, timerId: timer.timerId, fireAt: timer.fireAt, command: timer.message as TimerCommand };
    return host.tell(`user:${userId}`, message);
  };
  const texts = async (userId: number): Promise<string[]> =>
    (await stream(userId)).filter((e) => e.type === OUTBOX_EVENT_TYPES.telegramCall).map((e) => String((e.data as { payload: { text?: string } }).payload.text ?? ''));
  return { host, at, send, press, timers, fire, texts, stream };
};

describe('reminders in the user actor', () => {
  it('a start schedules a nudge for a day later; it is sent when due, then not again within the week', async () => {
    const { host, at, send, timers, fire, texts, stream } = setup();
    const ann: Sender = { id: 3001, first_name: 'Ann', language_code: 'en' };
    await send(ann, '/start');
    const [first] = await timers(3001);
    expect(first).toMatchObject({ fireAt: new Date(T0.getTime() + DAY).toISOString(), target: 'user:3001', message: { type: 'SendReminder', data: { kind: 'complete_profile' } } });

    at(DAY + HOUR);
    await fire(3001, first!);
    expect((await texts(3001)).filter((t) => /Your profile is 0% complete/.test(t))).toHaveLength(1);
    // A redelivered timer sends nothing twice.
    await fire(3001, first!);
    expect((await texts(3001)).filter((t) => /Your profile is/.test(t))).toHaveLength(1);

    // Activity a day later schedules the next nudge, but the week since the last one has not passed.
    at(2 * DAY + 2 * HOUR);
    await send(ann, '/start');
    const second = (await timers(3001)).at(-1)!;
    expect(second.timerId).not.toBe(first!.timerId);
    at(3 * DAY + 3 * HOUR);
    await fire(3001, second);
    expect((await texts(3001)).filter((t) => /Your profile is/.test(t))).toHaveLength(1);

    // A week after the first one, the next is due again.
    at(8 * DAY + 2 * HOUR);
    await send(ann, '/start');
    const third = (await timers(3001)).at(-1)!;
    at(9 * DAY + 3 * HOUR);
    await fire(3001, third);
    expect((await texts(3001)).filter((t) => /Your profile is/.test(t))).toHaveLength(2);
    expect((await stream(3001)).filter((e) => e.type === 'ReminderSent')).toHaveLength(2);
    await host.close();
  });

  it('a forgotten user gets no nudge from a timer scheduled before the forget, in any language', async () => {
    const { host, at, send, press, timers, fire, texts } = setup();
    const olga: Sender = { id: 3002, first_name: 'Ольга', language_code: 'ru' };
    await send(olga, '/start');
    const [timer] = await timers(3002);
    await send(olga, '/delete_me');
    await press(olga, `dm:yes:${T0.getTime().toString(36)}`);
    expect((await texts(3002)).some((t) => /Ваши данные удалены/.test(t))).toBe(true);
    const before = (await texts(3002)).length;
    at(DAY + HOUR);
    await fire(3002, timer!);
    expect(await texts(3002)).toHaveLength(before);
    await host.close();
  });
});
