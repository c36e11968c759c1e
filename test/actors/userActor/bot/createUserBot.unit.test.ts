// The user bot runs its handlers on a context it makes itself (capturingApi, updateI18n) instead of grammY's
// Bot.handleUpdate with @grammyjs/i18n's middleware and a capture transformer per update. Differential: the same
// conversations, in English, Russian and a language the catalog lacks, through both — the reference being the way
// the bot ran before — decide the same events, capture the same calls with the same payloads (every reply text), and
// fail the same way.
import { Bot, BotError, Composer, type Transformer } from 'grammy';
import type { InlineKeyboardMarkup, Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { createI18n, createUserBot, type UserBot } from '../../../../actors/userActor/bot/createUserBot.js';
import type { BotContext } from '../../../../actors/userActor/bot/context.js';
import { createHandlers } from '../../../../actors/userActor/bot/handlers/index.js';
import { captureCall, ReadCallInActorError } from '../../../../actors/userActor/captureCalls.js';
import { memoryServices } from '../../../../actors/userActor/ports/services.js';
import { createSession, type ActorSession } from '../../../../actors/userActor/session.js';
import { OUTBOX_EVENT_TYPES } from '../../../../actors/outbox/outboxEvents.js';
import { USER_RATE_LIMIT } from '../../../../domain/rateLimit/index.js';
import { initialState, type UserState } from '../../../../domain/user/index.js';

const TOKEN = 'test:token';
const BOT_INFO = {
  id: 1, is_bot: true, first_name: 'Lexbot', username: 'lexbot_test_bot', can_join_groups: false, can_read_all_group_messages: false,
  supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false,
} as const;
const ADMIN = 777;

/** The bot as it ran before: grammY's Bot, @grammyjs/i18n's middleware, the capture as a per-update transformer. */
const referenceBot = (handlers: Composer<BotContext>): UserBot => {
  const bot = new Bot<BotContext>(TOKEN, { botInfo: BOT_INFO as never });
  const services = memoryServices({ admins: new Set([String(ADMIN)]) });
  const sessions = new Map<number, ActorSession>();
  bot.use((ctx, next) => {
    const session = sessions.get(ctx.update.update_id)!;
    ctx.actor = session;
    ctx.services = services;
    const capture: Transformer = async (_prev, method, payload) =>
      ({ ok: true, result: captureCall(method, payload as Record<string, unknown>, session.now, session) }) as never;
    ctx.api.config.use(capture);
    return next();
  });
  bot.use(createI18n());
  bot.use(handlers);
  return {
    async handle(update, session) {
      sessions.set(update.update_id, session);
      try {
        await bot.handleUpdate(update);
      } finally {
        sessions.delete(update.update_id);
      }
    },
    translatorFor: () => {
      throw new Error('not used');
    },
  };
};

const currentBot = (handlers: Composer<BotContext>): UserBot =>
  createUserBot({ token: TOKEN, botInfo: BOT_INFO as never, handlers, services: memoryServices({ admins: new Set([String(ADMIN)]) }) });

type Step = { readonly text: string } | { readonly press: string } | { readonly pressFirstButton: true } | { readonly location: true };

const outcomeOf = async (bot: UserBot, state: UserState, update: Update, now: Date) => {
  const session = createSession(String(update.message?.from.id ?? update.callback_query?.from.id), state, now, `tg:${update.update_id}`);
  let error: unknown = null;
  try {
    await bot.handle(update, session);
  } catch (caught) {
    error = caught;
  }
  return { output: session.output, state: session.state, error };
};

/** Runs `steps` through both bots, each on the state it left, and returns what the current one did at each step. */
// Each bot its own rate limiter (the guard's default is one per process), so both count the same updates.
const ownHandlers = (): Composer<BotContext> => createHandlers({ rateLimit: USER_RATE_LIMIT });
let users = 5000;

const converse = async (languageCode: string | undefined, steps: readonly Step[], handlers = ownHandlers) => {
  const reference = referenceBot(handlers());
  const current = currentBot(handlers());
  users += 1;
  const userId = users;
  const from = { id: userId, is_bot: false, first_name: 'Olga', ...(languageCode === undefined ? {} : { language_code: languageCode }) };
  const chat = { id: userId, type: 'private' as const, first_name: 'Olga' };
  let state = initialState();
  let keyboard: InlineKeyboardMarkup | undefined;
  const outcomes = [];
  for (const [index, step] of steps.entries()) {
    const updateId = index + 1;
    const message = (content: object) => ({ message: { message_id: 100 + updateId, date: 0, chat, from, ...content } });
    const press = (data: string) => ({ callback_query: { id: `cb${updateId}`, from, chat_instance: 'ci', data, message: { message_id: 7, date: 0, chat, text: 'old' } } });
    const body =
      'text' in step
        ? message({ text: step.text, ...(step.text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: step.text.split(' ')[0]!.length }] } : {}) })
        : 'press' in step
          ? press(step.press)
          : 'pressFirstButton' in step
            ? press(keyboard?.inline_keyboard.flat().find((button) => 'callback_data' in button)?.callback_data ?? 'none')
            : message({ location: { latitude: 55.75, longitude: 37.62 } });
    const update = { update_id: updateId, ...body } as Update;
    const now = new Date(Date.UTC(2026, 2, 2, 10, 0, updateId * 10));
    const before = await outcomeOf(reference, state, update, now);
    const after = await outcomeOf(current, state, update, now);
    expect(after.output, `step ${index} (${JSON.stringify(step)})`).toStrictEqual(before.output);
    expect(after.state).toStrictEqual(before.state);
    expect(String(after.error)).toBe(String(before.error));
    outcomes.push(after);
    state = after.state;
    for (const event of after.output) {
      if (event.type !== OUTBOX_EVENT_TYPES.telegramCall) continue;
      const markup = (event.data.payload as { reply_markup?: InlineKeyboardMarkup }).reply_markup;
      if (markup?.inline_keyboard !== undefined) keyboard = markup;
    }
  }
  return outcomes;
};

const texts = (outcomes: Awaited<ReturnType<typeof converse>>): string[] =>
  outcomes.flatMap((outcome) => outcome.output.flatMap((event) => (event.type === OUTBOX_EVENT_TYPES.telegramCall ? [String((event.data.payload as { text?: string }).text)] : [])));

const WALK: readonly Step[] = [
  { text: '/start' },
  ...Array.from({ length: 14 }, (_, i): Step => (i % 4 === 3 ? { text: i % 8 === 3 ? 'spanish' : 'привет' } : { pressFirstButton: true })),
  { location: true },
  { text: '/help' },
  { text: 'hello' },
  { text: '/start' },
  { text: '/profile' },
  { pressFirstButton: true },
  { text: '/find' },
  { press: 'zz:stale:button' },
  { text: '/feedback' },
  { text: 'The bot is useful, thank you for building it!' },
  { text: '/language' },
  { press: 'lg:set:ru' },
  { text: '/help' },
  { press: 'lg:set:en' },
  { text: '/requests' },
  { text: '/cancel' },
];

describe('createUserBot against grammY Bot + @grammyjs/i18n', () => {
  it.each([['en'], ['ru'], ['de'], [undefined]])('speaks and decides the same in a conversation (Telegram language %s)', async (languageCode) => {
    const outcomes = await converse(languageCode, WALK);
    // The walk reached the places it meant to: replies in the language asked for, the feedback sent to the admin.
    const all = texts(outcomes);
    expect(all.length).toBeGreaterThan(WALK.length);
    const calls = outcomes.flatMap((outcome) => outcome.output.filter((event) => event.type === OUTBOX_EVENT_TYPES.telegramCall));
    expect(calls.some((event) => event.type === OUTBOX_EVENT_TYPES.telegramCall && event.data.chatId === ADMIN)).toBe(true);
    const cyrillic = all.filter((text) => /[а-яё]/i.test(text)).length;
    if (languageCode === 'ru') expect(cyrillic).toBeGreaterThan(all.length / 2);
    else expect(cyrillic).toBeLessThan(all.length / 2);
  });

  it('fails the same way: BotError around the handler error, a read of Telegram state refused', async () => {
    const failing = () => {
      const composer = new Composer<BotContext>();
      composer.command('boom', () => {
        throw new RangeError('boom');
      });
      composer.command('read', async (ctx) => {
        await ctx.reply(ctx.t('help-stale-button'));
        await ctx.api.getChat(1);
      });
      composer.command('locale', async (ctx) => {
        await ctx.reply(await ctx.i18n.getLocale());
        ctx.i18n.useLocale('ru');
        await ctx.reply(ctx.translate('help-stale-button'));
        await ctx.i18n.renegotiateLocale();
        await ctx.reply(ctx.t('help-stale-button', {}));
        await ctx.i18n.setLocale('ru');
      });
      return composer;
    };
    const outcomes = await converse('en', [{ text: '/boom' }, { text: '/read' }, { text: '/locale' }, { text: 'nothing takes this' }], failing);
    expect(outcomes[0]!.error).toBeInstanceOf(BotError);
    expect((outcomes[0]!.error as BotError).error).toBeInstanceOf(RangeError);
    expect((outcomes[1]!.error as BotError).error).toBeInstanceOf(ReadCallInActorError);
    expect(outcomes[1]!.output).toHaveLength(1);
    expect(texts([outcomes[2]!])).toEqual(['en', expect.stringMatching(/[а-яё]/i), expect.not.stringMatching(/[а-яё]/i)]);
    expect(outcomes[2]!.error).toBeInstanceOf(BotError);
    expect(outcomes[3]).toMatchObject({ output: [], error: null });
  });
});
