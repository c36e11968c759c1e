// The local sandbox's web chat (no TELEGRAM_BOT_TOKEN): a page at /sandbox where a person plays one or more Telegram
// users. What they type becomes updates injected into the Bot API emulator — the bot fetches them by long polling,
// exactly as from Telegram — and the transcript shows the bot's messages as the emulator holds them (edits applied).
import type { FastifyInstance } from 'fastify';
import type { TelegramEmulator } from '../telegramEmulator/index.js';
import { callbackQueryUpdate, textMessageUpdate } from '../telegramEmulator/index.js';
import { SANDBOX_PAGE } from './sandboxPage.js';

type Emulator = TelegramEmulator;

interface Said {
  readonly at: number;
  readonly text: string;
}

const userSchema = {
  type: 'object',
  required: ['userId', 'firstName'],
  properties: {
    userId: { type: 'integer', minimum: 1, maximum: 9_999_999_999 },
    firstName: { type: 'string', minLength: 1, maxLength: 64 },
    languageCode: { type: 'string', pattern: '^[a-z]{2}$' },
  },
} as const;

interface SandboxUser {
  readonly userId: number;
  readonly firstName: string;
  readonly languageCode?: string;
}

const asEmulatedUser = (user: SandboxUser) => ({
  id: user.userId,
  first_name: user.firstName,
  ...(user.languageCode === undefined ? {} : { language_code: user.languageCode }),
});

const SENDING = new Set(['sendMessage', 'sendPhoto', 'copyMessage']);

export const sandboxRoutes = async (app: FastifyInstance, options: { emulator: Emulator }): Promise<void> => {
  const { emulator } = options;
  const said = new Map<number, Said[]>();

  app.get('/sandbox', async (_request, reply) => reply.type('text/html; charset=utf-8').send(SANDBOX_PAGE));

  app.post<{ Body: SandboxUser & { text: string } }>(
    '/sandbox/api/messages',
    { schema: { body: { ...userSchema, required: [...userSchema.required, 'text'], properties: { ...userSchema.properties, text: { type: 'string', minLength: 1, maxLength: 4096 } } } } },
    async (request, reply) => {
      const { text } = request.body;
      emulator.injectUpdate(textMessageUpdate(asEmulatedUser(request.body), text));
      said.set(request.body.userId, [...(said.get(request.body.userId) ?? []), { at: Date.now(), text }]);
      return reply.code(202).send({ ok: true });
    },
  );

  app.post<{ Body: SandboxUser & { data: string; messageId: number } }>(
    '/sandbox/api/press',
    {
      schema: {
        body: {
          ...userSchema,
          required: [...userSchema.required, 'data', 'messageId'],
          properties: { ...userSchema.properties, data: { type: 'string', minLength: 1, maxLength: 64 }, messageId: { type: 'integer' } },
        },
      },
    },
    async (request, reply) => {
      const message = emulator.messagesIn(request.body.userId).find((m) => m.message_id === request.body.messageId);
      emulator.injectUpdate(callbackQueryUpdate(asEmulatedUser(request.body), request.body.data, message));
      return reply.code(202).send({ ok: true });
    },
  );

  app.get<{ Params: { userId: string } }>('/sandbox/api/chats/:userId', async (request, reply) => {
    const chatId = Number(request.params.userId);
    if (!Number.isSafeInteger(chatId)) return reply.code(400).send({ ok: false, error: 'user id' });
    // When each bot message was first sent, to interleave it with what the user said.
    const sentAt = new Map<number, number>();
    for (const call of emulator.calls()) {
      const result = call.response.ok ? (call.response.result as { message_id?: number; chat?: { id?: number } }) : undefined;
      if (SENDING.has(call.method) && result?.chat?.id === chatId && typeof result.message_id === 'number') sentAt.set(result.message_id, call.at);
    }
    const bot = emulator.messagesIn(chatId).map((message) => ({
      from: 'bot' as const,
      at: sentAt.get(message.message_id as number) ?? 0,
      messageId: message.message_id,
      text: message.text ?? message.caption ?? '',
      keyboard: (message.reply_markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard ?? [],
    }));
    const user = (said.get(chatId) ?? []).map((entry) => ({ from: 'user' as const, at: entry.at, text: entry.text }));
    return { ok: true, messages: [...user, ...bot].sort((a, b) => a.at - b.at) };
  });
};
