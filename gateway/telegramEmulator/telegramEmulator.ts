// A local Telegram Bot API for tests, benchmarks and (later) the sandbox: `/bot<token>/<method>` over HTTP, answering
// like Telegram (`{ ok, result }` / `{ ok: false, error_code, description, parameters }`). Every call is recorded for
// inspection; tests inject updates (queued for getUpdates or POSTed to the registered webhook) and can make the next
// calls answer 429 with retry_after. Point grammY at it with `new Api(token, { apiRoot: emulator.apiRoot })`.
import Fastify, { type FastifyInstance } from 'fastify';
import { BotApiError, tooManyRequests } from './apiError.js';
import { createChats, type EmulatedChat, type JsonObject } from './chats.js';
import { METHODS, type MethodContext } from './methods.js';
import { createUpdateQueue, type EmulatedUpdate, type WebhookDelivery } from './updateQueue.js';

export type ApiResponse =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error_code: number; readonly description: string; readonly parameters?: JsonObject };

export interface EmulatorCall {
  readonly seq: number;
  readonly method: string;
  readonly params: JsonObject;
  readonly response: ApiResponse;
  readonly at: number;
}

export interface RateLimitRule {
  /** How many matching calls answer 429. */
  readonly times: number;
  readonly retryAfter: number;
  readonly method?: string;
  readonly chatId?: number;
}

export interface TelegramEmulatorOptions {
  readonly token?: string;
  readonly botUsername?: string;
  /** Pause between webhook delivery attempts after a non-2xx answer. Default 250 ms. */
  readonly webhookRetryDelayMs?: number;
  readonly now?: () => number;
}

export const DEFAULT_EMULATOR_TOKEN = '123456789:emulator-token_abcdefghijklmnop';

const METHOD_NAMES = new Map(Object.keys(METHODS).map((name) => [name.toLowerCase(), name]));

export const createTelegramEmulator = (options: TelegramEmulatorOptions = {}) => {
  const token = options.token ?? DEFAULT_EMULATOR_TOKEN;
  const now = options.now ?? Date.now;
  const botId = Number(token.split(':')[0]);
  const bot = {
    id: botId,
    is_bot: true,
    first_name: 'Lexbot (emulated)',
    username: options.botUsername ?? 'lexbot_emulator_bot',
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
  const chats = createChats();
  const queue = createUpdateQueue({ retryDelayMs: options.webhookRetryDelayMs ?? 250 });
  const context: MethodContext = { chats, queue, bot, openCallbackQueries: new Set(), commands: new Map(), now };
  const recorded: EmulatorCall[] = [];
  const listeners = new Set<(call: EmulatorCall) => void>();
  const rateLimits: { rule: RateLimitRule; left: number }[] = [];
  let apiRoot: string | undefined;

  const limitFor = (method: string, params: JsonObject): RateLimitRule | undefined => {
    const chatId = params.chat_id === undefined ? undefined : Number(params.chat_id);
    const entry = rateLimits.find(({ rule, left }) => left > 0 && (rule.method === undefined || rule.method === method) && (rule.chatId === undefined || rule.chatId === chatId));
    if (entry === undefined) return undefined;
    entry.left -= 1;
    return entry.rule;
  };

  const call = async (method: string, params: JsonObject): Promise<ApiResponse> => {
    const limited = limitFor(method, params);
    try {
      if (limited !== undefined) throw tooManyRequests(limited.retryAfter);
      const handler = METHODS[method];
      if (handler === undefined) throw new BotApiError(404, 'Not Found');
      return { ok: true, result: await handler(params, context) };
    } catch (error) {
      if (!(error instanceof BotApiError)) throw error;
      return { ok: false, error_code: error.errorCode, description: error.description, ...(error.parameters === undefined ? {} : { parameters: { ...error.parameters } }) };
    }
  };

  const record = (method: string, params: JsonObject, response: ApiResponse): void => {
    const entry: EmulatorCall = { seq: recorded.length + 1, method, params, response, at: now() };
    recorded.push(entry);
    for (const listener of listeners) listener(entry);
  };

  const observe = (body: JsonObject): void => {
    chats.learn(body);
    const query = body.callback_query as JsonObject | undefined;
    if (typeof query?.id === 'string') context.openCallbackQueries.add(query.id);
    const message = body.message as JsonObject | undefined;
    const chat = message?.chat as JsonObject | undefined;
    if (typeof message?.message_id === 'number' && typeof chat?.id === 'number') chats.get(chat.id)?.userMessages.set(message.message_id, message);
  };

  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addContentTypeParser('multipart/form-data', (_request, _payload, done) => {
    done(new BotApiError(400, 'Bad Request: the emulator takes file_id or URL strings, not multipart uploads'));
  });
  app.setErrorHandler(async (error, _request, reply) => {
    const code = error instanceof BotApiError ? error.errorCode : 400;
    return reply.code(code).send({ ok: false, error_code: code, description: error instanceof BotApiError ? error.description : `Bad Request: ${error instanceof Error ? error.message : String(error)}` });
  });
  app.route<{ Params: { token: string; method: string }; Querystring: JsonObject; Body: JsonObject | undefined }>({
    method: ['GET', 'POST'],
    url: '/bot:token/:method',
    handler: async (request, reply) => {
      if (request.params.token !== token) return reply.code(401).send({ ok: false, error_code: 401, description: 'Unauthorized' });
      const method = METHOD_NAMES.get(request.params.method.toLowerCase()) ?? request.params.method;
      const params: JsonObject = { ...request.query, ...(typeof request.body === 'object' && request.body !== null ? request.body : {}) };
      const response = await call(method, params);
      record(method, params, response);
      return reply.code(response.ok ? 200 : response.error_code).send(response);
    },
  });

  return {
    app,
    token,
    bot,
    /** The value for TELEGRAM_API_ROOT / grammY's apiRoot; set once listen() resolved. */
    get apiRoot(): string {
      if (apiRoot === undefined) throw new Error('the emulator is not listening yet');
      return apiRoot;
    },
    async listen(address: { host?: string; port?: number } = {}): Promise<string> {
      await app.listen({ host: address.host ?? '127.0.0.1', port: address.port ?? 0 });
      const bound = app.server.address();
      if (bound === null || typeof bound === 'string') throw new Error('the emulator did not bind a TCP port');
      apiRoot = `http://${address.host ?? '127.0.0.1'}:${bound.port}`;
      return apiRoot;
    },
    async close(): Promise<void> {
      queue.close();
      listeners.clear();
      await app.close();
    },

    /** Every Bot API call so far, oldest first; optionally only one method's. */
    calls(method?: string): readonly EmulatorCall[] {
      return method === undefined ? [...recorded] : recorded.filter((entry) => entry.method === method);
    },
    /** The first call (past or future) that matches; rejects after `timeoutMs` (a bound for a hung test, not an assertion). */
    waitFor(predicate: (call: EmulatorCall) => boolean, waitOptions: { timeoutMs?: number } = {}): Promise<EmulatorCall> {
      const seen = recorded.find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`no matching Bot API call within ${waitOptions.timeoutMs ?? 10_000} ms`));
        }, waitOptions.timeoutMs ?? 10_000);
        const listener = (entry: EmulatorCall): void => {
          if (!predicate(entry)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(entry);
        };
        listeners.add(listener);
      });
    },

    /** Adds an update (without update_id: the emulator numbers them) for getUpdates or the webhook. */
    injectUpdate(body: JsonObject): EmulatedUpdate {
      observe(body);
      return queue.enqueue(body);
    },
    /**
     * Learns from an update delivered to the bot by other means (a test posting to the webhook itself) what
     * Telegram would know: the chats, the open callback query, the message the user sent (for copyMessage).
     */
    observe,
    /** The next `times` matching calls answer 429 Too Many Requests with `retry_after`. */
    rateLimit(rule: RateLimitRule): void {
      rateLimits.push({ rule, left: rule.times });
    },
    /** The command menu the bot registered for a language code ('' = default). */
    commandMenu: (languageCode = ''): readonly JsonObject[] => context.commands.get(languageCode) ?? [],
    addChat(chat: JsonObject & { id: number }): void {
      chats.ensure(chat);
    },
    /** From now on calls to this chat answer 403 "bot was blocked by the user". */
    blockChat(chatId: number): void {
      const chat = chats.get(chatId) ?? chats.ensure({ id: chatId, type: 'private' });
      chat.blocked = true;
    },
    /** Messages the bot has in a chat now (edits applied, deletions removed). */
    messagesIn(chatId: number): readonly JsonObject[] {
      const chat: EmulatedChat | undefined = chats.get(chatId);
      return chat === undefined ? [] : [...chat.messages.values()];
    },
    /** Resolves once a getUpdates long poll is waiting for updates. */
    whenPolling: (): Promise<void> => queue.whenPolling(),
    pendingUpdates: (): readonly EmulatedUpdate[] => queue.pending(),
    droppedUpdates: (): readonly EmulatedUpdate[] => queue.dropped(),
    webhookDeliveries: (): readonly WebhookDelivery[] => queue.deliveries(),
  };
};

export type TelegramEmulator = ReturnType<typeof createTelegramEmulator>;
