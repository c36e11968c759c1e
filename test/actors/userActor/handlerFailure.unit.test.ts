// A handler that throws still leaves the user answered: a bug or an uncaught domain refusal at once, any other
// failure (a port that did not answer) after the mailbox's retries, on its last delivery — never silence until the
// message is dead-lettered, and never half a turn committed.
import { Composer } from 'grammy';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import { createInProcessMailbox, encodeJson, partitionOf } from '../../../actors/mailbox/index.js';
import { OUTBOX_EVENT_TYPES, type TelegramCallQueued } from '../../../actors/outbox/outboxEvents.js';
import { createOwnAllPartitions } from '../../../actors/partitions/ownAll.js';
import { createActorHost } from '../../../actors/runtime/actorHost.js';
import { createGroupCommitter } from '../../../actors/runtime/groupCommit.js';
import type { BotContext } from '../../../actors/userActor/bot/context.js';
import { createHandlers } from '../../../actors/userActor/bot/handlers/index.js';
import { userEventCodec, userStateCodec } from '../../../actors/userActor/codec.js';
import { decodeUserMessage, type UserActorMessage } from '../../../actors/userActor/messages.js';
import { createMemoryAdminDesk, memoryServices } from '../../../actors/userActor/ports/index.js';
import { createUserBehavior, userStreamOfKey } from '../../../actors/userActor/userBehavior.js';
import { createActorWorker } from '../../../actors/worker/actorWorker.js';
import { DomainError } from '../../../domain/errors.js';
import { BOT_INFO, BOT_TOKEN, textUpdate, type Sender } from './fixtures.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const ADMIN: Sender = { id: 3001, first_name: 'Ada', language_code: 'en' };
// Another admin for the mailbox test: the per-user rate limit lives in the process, and ADMIN has used it up.
const ADMIN_TWO: Sender = { id: 3005, first_name: 'Alan', language_code: 'en' };

/** The product's handlers, behind three that fail: a bug after half a turn, a refusal nobody caught, a dead port. */
const faultyHandlers = (): Composer<BotContext> => {
  const handlers = new Composer<BotContext>();
  handlers.command('crash', async (ctx) => {
    await ctx.reply('half of a turn');
    const missing = (ctx as unknown as { nothing?: { here: () => void } }).nothing;
    missing!.here();
  });
  handlers.command('refuse', () => {
    throw new DomainError('illegal_state', 'invalid_dialog');
  });
  handlers.callbackQuery('crash', () => {
    throw new RangeError('out of range');
  });
  handlers.use(createHandlers());
  return handlers;
};

const failingDesk = () => {
  const desk = createMemoryAdminDesk();
  return { ...desk, reports: () => Promise.reject(new Error('read model unavailable: connection terminated')) };
};

const setup = () => {
  const store = createMemoryEventStore();
  const failures: { error: unknown; lastDelivery: boolean }[] = [];
  const host = createActorHost({
    store,
    committer: createGroupCommitter(store),
    behavior: createUserBehavior({
      token: BOT_TOKEN,
      botInfo: BOT_INFO,
      handlers: faultyHandlers(),
      clock: () => NOW,
      services: memoryServices({ admins: new Set([String(ADMIN.id), String(ADMIN_TWO.id)]), adminDesk: failingDesk() }),
      onHandlerFailure: (error, message) => failures.push({ error, lastDelivery: message.lastDelivery === true }),
    }),
    codec: userEventCodec,
    stateCodec: userStateCodec,
    streamOf: userStreamOfKey,
  });
  const tell = (from: Sender, update: Update, lastDelivery = false) => {
    const message: UserActorMessage = { kind: 'update', id: `tg:${update.update_id}`, update, ...(lastDelivery ? { lastDelivery } : {}) };
    return host.tell(`user:${from.id}`, message);
  };
  const stored = async (userId: number) => (await store.readStream(`user-${userId}`)).map((event) => ({ type: event.type, data: event.data }));
  const calls = async (userId: number) =>
    (await stored(userId)).filter((event) => event.type === OUTBOX_EVENT_TYPES.telegramCall).map((event) => event.data as TelegramCallQueued);
  return { store, host, tell, stored, calls, failures };
};

const press = (updateId: number, from: Sender, data: string, withMessage = true): Update =>
  ({
    update_id: updateId,
    callback_query: {
      id: `cb-${updateId}`,
      from: { is_bot: false, ...from },
      chat_instance: 'ci',
      data,
      ...(withMessage ? { message: { message_id: 5, date: 1_780_000_000, chat: { id: from.id, type: 'private', first_name: from.first_name }, text: 'card' } } : {}),
    },
  }) as Update;

const textOf = (call: TelegramCallQueued | undefined): string => String(call?.payload.text ?? '');

describe('a handler that throws', () => {
  it('answers a bug at once with an apology in the user’s language, and commits nothing else of the turn', async () => {
    const { tell, stored, calls, failures, host } = setup();
    const olga: Sender = { id: 3002, first_name: 'Ольга', language_code: 'ru' };
    await tell(olga, textUpdate(1, olga, '/start'));
    const before = (await stored(3002)).length;

    await tell(olga, textUpdate(2, olga, '/crash'));
    const after = await stored(3002);
    // Only the apology: "half of a turn" is not sent, and no domain event of the failed turn is stored.
    expect(after.slice(before).map((event) => event.type)).toEqual([OUTBOX_EVENT_TYPES.telegramCall]);
    const [answer] = (await calls(3002)).slice(-1);
    expect(answer).toMatchObject({ method: 'sendMessage', payload: { chat_id: 3002 }, chatId: 3002 });
    expect(textOf(answer)).toMatch(/что-то пошло не так/);
    expect(textOf(answer)).toContain('/feedback');
    expect(failures).toHaveLength(1);
    expect(failures[0]?.lastDelivery).toBe(false);

    // The same update delivered again is recognised (the answer's ids derive from it): no second apology.
    await tell(olga, textUpdate(2, olga, '/crash'));
    expect(await stored(3002)).toHaveLength(after.length);
    // And the bot carries on.
    await tell(olga, textUpdate(3, olga, '/help'));
    expect((await calls(3002)).length).toBeGreaterThan((await calls(3002)).indexOf(answer!) + 1);
    await host.close();
  });

  it('shows a domain refusal no handler caught as the domain’s own message', async () => {
    const { tell, calls, host } = setup();
    const ann: Sender = { id: 3003, first_name: 'Ann', language_code: 'en' };
    await tell(ann, textUpdate(1, ann, '/refuse'));
    const [answer] = await calls(3003);
    expect(textOf(answer)).toBe('Something went wrong on our side. Please send /cancel and try again.');
    await host.close();
  });

  it('stops the spinner of a press and says what happened, with or without the pressed message', async () => {
    const { tell, calls, host } = setup();
    const ann: Sender = { id: 3004, first_name: 'Ann', language_code: 'en' };
    await tell(ann, press(1, ann, 'crash'));
    await tell(ann, press(2, ann, 'crash', false));
    const answered = await calls(3004);
    expect(answered.map((call) => call.method)).toEqual(['answerCallbackQuery', 'sendMessage', 'answerCallbackQuery', 'sendMessage']);
    expect(answered[0]?.payload).toEqual({ callback_query_id: 'cb-1' });
    expect(answered[2]?.payload).toEqual({ callback_query_id: 'cb-2' });
    for (const message of [answered[1], answered[3]]) {
      expect(message?.payload.chat_id).toBe(3004);
      expect(textOf(message)).toMatch(/^Sorry, something went wrong on our side/);
    }
    await host.close();
  });

  it('lets any other failure retry, and answers it on the last delivery', async () => {
    const { tell, calls, failures, host } = setup();
    await tell(ADMIN, textUpdate(1, ADMIN, '/start'));
    const greeted = (await calls(ADMIN.id)).length;
    await expect(tell(ADMIN, textUpdate(2, ADMIN, '/reports'))).rejects.toThrow(/read model unavailable/);
    expect(await calls(ADMIN.id)).toHaveLength(greeted);
    expect(failures).toHaveLength(0);

    await tell(ADMIN, textUpdate(2, ADMIN, '/reports'), true);
    const answered = (await calls(ADMIN.id)).slice(greeted);
    expect(answered.map((call) => call.method)).toEqual(['sendMessage']);
    expect(textOf(answered[0])).toMatch(/^Sorry, something went wrong on our side/);
    expect(failures.map((failure) => failure.lastDelivery)).toEqual([true]);
    await host.close();
  });

  it('is answered, not dead-lettered, when the mailbox delivers it for the last time', async () => {
    const { store, host, calls } = setup();
    const mailbox = createInProcessMailbox({ partitions: 2 });
    const worker = createActorWorker<UserActorMessage>({
      mailbox,
      ownership: createOwnAllPartitions(2),
      target: { decode: decodeUserMessage, tell: (key, message) => host.tell(key, message) },
      maxDeliver: 3,
    });
    await worker.start();
    const publish = (update: Update) =>
      mailbox.publish(partitionOf(String(ADMIN_TWO.id), 2), { id: `tg:${update.update_id}`, userKey: `user:${ADMIN_TWO.id}`, payload: encodeJson(update) });
    await publish(textUpdate(11, ADMIN_TWO, '/start'));
    await publish(textUpdate(12, ADMIN_TWO, '/reports'));
    for (const deadline = Date.now() + 10_000; worker.status().handled < 2; ) {
      if (Date.now() > deadline) throw new Error(`not handled in time: ${JSON.stringify(worker.status())}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Two failed deliveries (retried), then the third and last one answered and acked.
    expect(worker.status().failed).toBe(2);
    expect(await mailbox.listDeadLetters()).toEqual([]);
    expect(textOf((await calls(ADMIN_TWO.id)).at(-1))).toMatch(/^Sorry, something went wrong on our side/);
    expect(await store.readStream(`user-${ADMIN_TWO.id}`)).not.toHaveLength(0);
    await worker.stop();
    await host.close();
  });
});
