// End-to-end harness for the bot's conversations: the whole system as `lexbot start` runs it (gateway, actors,
// dispatcher, projector) against real PostgreSQL (a database per harness) and real NATS (a prefix per harness),
// with the local Bot API emulator playing Telegram. Tests act as Telegram users: they post updates to the webhook
// (with the secret), press inline buttons of the messages the bot left in their chat, and wait for what the bot
// sends. Start one harness per test file (beforeAll) and give each test its own user ids.
import { createTelegramEmulator, textMessageUpdate, callbackQueryUpdate, type EmulatorCall, type TelegramEmulator } from '../../gateway/telegramEmulator/index.js';
import { loadConfig } from '../../ops/config/config.js';
import { startRoles, type RunningRoles } from '../../ops/roles/startRoles.js';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createEncryptedEventStore } from '../../actors/eventStore/encrypted/index.js';
import { createPostgresEventStore } from '../../actors/eventStore/postgres/index.js';
import { createPostgresKeyStore } from '../../actors/keys/index.js';
import type { EventStore } from '../../actors/eventStore/types.js';
import { userEventCodec } from '../../actors/userActor/codec.js';
import { createSession, type CommandInput, type UserActorEvent } from '../../actors/userActor/session.js';
import { evolveUserActor, timersOf, userStreamOfKey } from '../../actors/userActor/userBehavior.js';
import { USER_RATE_LIMIT, type TokenBucketPolicy } from '../../domain/rateLimit/index.js';
import { initialState } from '../../domain/user/index.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { createTestNats, TEST_NATS_URL, type TestNats } from './nats.js';

const SECRET = 'bot-harness-secret';
export const HARNESS_API_TOKEN = 'bot-harness-analytics-token';

/** Methods whose call puts visible content into a chat (or changes it). */
const CONTENT_METHODS = new Set(['sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'sendPhoto', 'copyMessage', 'sendVoice', 'sendSticker', 'editMessageCaption']);

export interface HarnessOptions {
  /** Telegram ids of admins (ADMIN_TELEGRAM_IDS). */
  readonly admins?: readonly number[];
  /** More environment for the configuration (e.g. REDIS_URL). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The per-user rate limit: 'product' (20 messages a minute, bursts of 5) for tests of the limit and of what it
   * paces; default LOOSE_RATE_LIMIT, so a scripted user's messages are not refused and waited out (15 s for a
   * quietly dropped one, then a refill) in tests of something else.
   */
  readonly rateLimit?: 'product' | TokenBucketPolicy;
}

/** Far above what any test sends, and still a token bucket: the guard's code path runs as in production. */
export const LOOSE_RATE_LIMIT: TokenBucketPolicy = { capacity: 1_000, perMinute: 60_000, noticeWindowMs: USER_RATE_LIMIT.noticeWindowMs };

/** A complete profile for seed(): English native, learning Russian, evenings every day (UTC). */
export const seedProfileCommands = (spec: TelegramUserSpec, native = 'en', learning = 'ru'): readonly CommandInput[] => [
  { type: 'Start', data: { telegramId: String(spec.id), firstName: spec.firstName, username: spec.username ?? null, languageCode: spec.languageCode ?? null } },
  { type: 'SetNativeLanguages', data: { languages: [native] } },
  { type: 'SetLearningLanguages', data: { languages: [{ code: learning, level: 'B1' }] } },
  { type: 'SetInterests', data: { interests: ['music', 'books'], primary: ['music'] } },
  { type: 'SetAvailability', data: { availability: { timeZone: 'UTC', days: { kind: 'any' }, slots: ['morning', 'day', 'evening', 'late'] } } },
  { type: 'SetCommunication', data: { styles: ['text'], frequency: 'weekly' } },
] as readonly CommandInput[];

export interface TelegramUserSpec {
  readonly id: number;
  readonly firstName: string;
  readonly languageCode?: string;
  readonly username?: string;
}

export interface InlineButton {
  readonly text: string;
  readonly callback_data?: string;
  readonly url?: string;
}

export interface BotMessage {
  readonly message_id: number;
  readonly text?: string;
  readonly caption?: string;
  readonly reply_markup?: { readonly inline_keyboard?: readonly (readonly InlineButton[])[] };
  readonly [field: string]: unknown;
}

/** The visible text of a call or a message (text or caption). */
export const textOf = (value: EmulatorCall | BotMessage): string => {
  const source: Record<string, unknown> = 'params' in value && typeof value.params === 'object' && value.params !== null ? (value.params as Record<string, unknown>) : (value as unknown as Record<string, unknown>);
  return String(source.text ?? source.caption ?? '');
};

export interface TestUser {
  readonly id: number;
  readonly spec: TelegramUserSpec;
  /** Posts a text message (a /command gets its bot_command entity); resolves once the gateway accepted it. */
  send(text: string): Promise<void>;
  /** Posts any message content (photo, voice, sticker, reply_to_message, …) as this user. */
  sendMessage(content: Record<string, unknown>): Promise<void>;
  /**
   * Presses the inline button whose label matches, on the newest message of this chat that has one (or on the
   * given message). Throws when no such button is shown, listing the buttons there are.
   */
  press(label: string | RegExp, message?: BotMessage): Promise<void>;
  /** Presses a button by its callback data, as if an old message still showed it. */
  pressData(data: string, message?: BotMessage): Promise<void>;
  /**
   * The first content call to this chat, made after this user's last action, whose text (or caption) matches.
   * Rejects after `timeoutMs` (a bound for a hung test, not an assertion of speed).
   */
  waitFor(pattern: string | RegExp, options?: { timeoutMs?: number; since?: number }): Promise<EmulatorCall>;
  /**
   * The answerCallbackQuery of this user's last press (matched by its callback_query_id: an earlier press's answer
   * travels apart from the chat's messages and may come later than they do). Rejects after `timeoutMs`.
   */
  pressAnswer(options?: { timeoutMs?: number }): Promise<EmulatorCall>;
  /** Content calls to this chat since this user's last action (or since `seq`). */
  callsSince(seq?: number): readonly EmulatorCall[];
  /** The bot's messages in this chat now, oldest first, with edits applied and deleted ones gone. */
  messages(): readonly BotMessage[];
  /** The newest message of this chat that shows inline buttons. */
  lastKeyboard(): BotMessage | undefined;
  /** Every button label of a message (default: lastKeyboard()). */
  buttons(message?: BotMessage): readonly string[];
  /** The emulator's call count when this user last acted. */
  readonly mark: number;
  /** The update_id of this user's last update (the actor records its replies with causation `tg:<id>`). */
  readonly lastUpdateId: number | undefined;
}

export interface BotHarness {
  readonly emulator: TelegramEmulator;
  readonly running: RunningRoles;
  readonly url: string;
  readonly databaseUrl: string;
  /** This harness's NATS_PREFIX: its streams, buckets and Redis cache keys start with it. */
  readonly natsPrefix: string;
  user(spec: TelegramUserSpec): TestUser;
  /** Posts a raw update body (update_id added) to the webhook; returns the HTTP status. */
  post(body: Record<string, unknown>): Promise<number>;
  /** The analytics API with the harness's token. */
  api(path: string): Promise<unknown>;
  /**
   * Decides domain commands for a user straight into their stream (events, outbox and timers exactly as their actor
   * would record them), for tests that need a state another conversation builds (a finished profile, a sent
   * request). Call it only before the user's actor is loaded (before that user's first update), or the live actor
   * and the seed race for the stream.
   */
  seed(userId: number, commands: readonly CommandInput[]): Promise<void>;
  /** A user's domain events as their actor folds them (personal fields unsealed), oldest first. */
  events(userId: number): Promise<readonly UserActorEvent[]>;
  /** The test-only clock of actors and timers (StartOptions.tuning.clock); advanceClock moves it forward. */
  now(): Date;
  advanceClock(ms: number): void;
  stop(): Promise<void>;
}

let nextUpdateId = 1;

const matches = (text: string, pattern: string | RegExp): boolean => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));

export const startBotHarness = async (options: HarnessOptions = {}): Promise<BotHarness> => {
  const [database, nats]: [TestDatabase, TestNats] = await Promise.all([createTestDatabase(), createTestNats()]);
  const emulator = createTelegramEmulator();
  let clockOffsetMs = 0;
  const clock = (): Date => new Date(Date.now() + clockOffsetMs);
  await emulator.listen();
  const config = loadConfig({
    DATABASE_URL: database.url,
    NATS_URL: TEST_NATS_URL,
    NATS_PREFIX: nats.prefix,
    PARTITIONS: '4',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    TELEGRAM_BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    API_TOKENS: HARNESS_API_TOKEN,
    LOG_LEVEL: 'silent',
    ...(options.admins === undefined ? {} : { ADMIN_TELEGRAM_IDS: options.admins.join(',') }),
    ...options.env,
  });
  let running: RunningRoles;
  try {
    const userRateLimit = options.rateLimit === 'product' ? USER_RATE_LIMIT : (options.rateLimit ?? LOOSE_RATE_LIMIT);
    running = await startRoles({ roles: ['gateway', 'actors', 'dispatcher', 'projector'], config, tuning: { telegramThrottle: false, clock, userRateLimit } });
  } catch (error) {
    await emulator.close();
    await nats.cleanup();
    await database.drop();
    throw error;
  }

  const post = async (body: Record<string, unknown>): Promise<number> => {
    const update = { update_id: nextUpdateId++, ...body };
    emulator.observe(update);
    // The gateway answers 503 while a dependency is briefly unavailable; Telegram would retry, so does the harness.
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(`${running.url}/webhook/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      });
      await response.arrayBuffer();
      if (response.status !== 503 || attempt >= 20) return response.status;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  // Through the same crypto-shredding wrapper as every role, so personal fields are sealed and read as actors do.
  // One small store for the harness's life (opened on first use): the test PostgreSQL's connections are shared.
  let direct: { inner: EventStore; pool: pg.Pool; store: EventStore } | undefined;
  const withStore = async <T>(work: (store: EventStore) => Promise<T>): Promise<T> => {
    if (direct === undefined) {
      const inner = createPostgresEventStore({ connectionString: database.url, poolSize: 1 });
      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      direct = { inner, pool, store: createEncryptedEventStore({ store: inner, keys: createPostgresKeyStore({ pool }) }) };
    }
    return work(direct.store);
  };

  const user = (spec: TelegramUserSpec): TestUser => {
    const telegramUser = {
      id: spec.id,
      first_name: spec.firstName,
      ...(spec.languageCode === undefined ? {} : { language_code: spec.languageCode }),
      ...(spec.username === undefined ? {} : { username: spec.username }),
    };
    emulator.addChat({ id: spec.id, type: 'private', first_name: spec.firstName });
    let mark = emulator.calls().length;
    let lastUpdateId: number | undefined;
    const act = async (body: Record<string, unknown>): Promise<void> => {
      mark = emulator.calls().length;
      // post() takes the next id before it awaits anything.
      lastUpdateId = nextUpdateId;
      const status = await post(body);
      if (status !== 200) throw new Error(`the webhook answered ${status}`);
    };
    const isOurs = (call: EmulatorCall): boolean => CONTENT_METHODS.has(call.method) && Number(call.params.chat_id) === spec.id;
    const messages = (): readonly BotMessage[] => emulator.messagesIn(spec.id) as unknown as readonly BotMessage[];
    const lastKeyboard = (): BotMessage | undefined => [...messages()].reverse().find((message) => (message.reply_markup?.inline_keyboard?.length ?? 0) > 0);
    const buttonsOf = (message: BotMessage | undefined): readonly InlineButton[] => message?.reply_markup?.inline_keyboard?.flat() ?? [];
    let lastPressId: string | undefined;
    const pressData = async (data: string, message?: BotMessage): Promise<void> => {
      const shown = message ?? lastKeyboard();
      const update = callbackQueryUpdate(telegramUser, data, shown === undefined ? undefined : { ...shown, chat: { id: spec.id, type: 'private' } });
      lastPressId = (update.callback_query as { id: string }).id;
      await act(update);
    };
    return {
      id: spec.id,
      spec,
      get mark() {
        return mark;
      },
      get lastUpdateId() {
        return lastUpdateId;
      },
      send: (text) => act(textMessageUpdate(telegramUser, text)),
      sendMessage: (content) =>
        act({
          message: {
            message_id: 2_000_000 + nextUpdateId,
            date: Math.floor(Date.now() / 1000),
            chat: { id: spec.id, type: 'private', first_name: spec.firstName },
            from: { is_bot: false, ...telegramUser },
            ...content,
          },
        }),
      async press(label, message) {
        const shown = message ?? lastKeyboard();
        const button = buttonsOf(shown).find((candidate) => matches(candidate.text, label) && candidate.callback_data !== undefined);
        if (button?.callback_data === undefined || shown === undefined) {
          throw new Error(`no button ${String(label)} on the last keyboard of ${spec.firstName}; buttons: ${JSON.stringify(buttonsOf(shown).map((b) => b.text))}`);
        }
        await pressData(button.callback_data, shown);
      },
      pressData,
      waitFor(pattern, waitOptions = {}) {
        const since = waitOptions.since ?? mark;
        return emulator.waitFor((call) => call.seq > since && isOurs(call) && call.response.ok && matches(textOf(call), pattern), {
          timeoutMs: waitOptions.timeoutMs ?? 15_000,
        });
      },
      pressAnswer(waitOptions = {}) {
        const id = lastPressId;
        if (id === undefined) return Promise.reject(new Error(`${spec.firstName} has not pressed anything`));
        return emulator.waitFor((call) => call.method === 'answerCallbackQuery' && call.params.callback_query_id === id, { timeoutMs: waitOptions.timeoutMs ?? 15_000 });
      },
      callsSince: (seq) => emulator.calls().filter((call) => call.seq > (seq ?? mark) && isOurs(call)),
      messages,
      lastKeyboard,
      buttons: (message) => buttonsOf(message ?? lastKeyboard()).map((button) => button.text),
    };
  };

  return {
    emulator,
    running,
    url: running.url,
    databaseUrl: database.url,
    natsPrefix: nats.prefix,
    user,
    post,
    async api(path) {
      const response = await fetch(`${running.url}${path}`, { headers: { authorization: `Bearer ${HARNESS_API_TOKEN}` } });
      return response.json();
    },
    async events(userId) {
      return withStore(async (store) => (await store.readStream(userStreamOfKey(`user:${userId}`))).map((event) => userEventCodec.decode(event)));
    },
    seed: (userId, commands) =>
      withStore(async (store) => {
        const stream = userStreamOfKey(`user:${userId}`);
        const recorded = await store.readStream(stream);
        const state = recorded.map((event) => userEventCodec.decode(event)).reduce(evolveUserActor, initialState());
        // A short id: request ids derive from it and travel in 64-byte button data.
        const session = createSession(String(userId), state, clock(), `seed:${randomUUID().slice(0, 8)}`);
        for (const command of commands) session.decide(command);
        const output = [...session.output, ...timersOf(String(userId), session.output)];
        await store.append(
          stream,
          recorded.length === 0 ? 'no_stream' : recorded.length,
          output.map((event) => ({ id: randomUUID(), ...userEventCodec.encode(event), metadata: { causationId: session.messageId } })),
        );
      }),
    now: clock,
    advanceClock(ms) {
      clockOffsetMs += ms;
    },
    async stop() {
      if (direct !== undefined) {
        await direct.inner.close();
        await direct.pool.end();
      }
      await running.stop();
      await emulator.close();
      await nats.cleanup();
      await database.drop();
    },
  };
};
