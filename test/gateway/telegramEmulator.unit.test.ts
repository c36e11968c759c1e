import Fastify from 'fastify';
import { Api, GrammyError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callbackQueryUpdate, createTelegramEmulator, textMessageUpdate, type TelegramEmulator } from '../../gateway/telegramEmulator/index.js';

const ana = { id: 1001, first_name: 'Ana', language_code: 'es' };

const refusal = async (promise: Promise<unknown>): Promise<{ code: number; description: string; retryAfter: number | undefined }> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GrammyError) return { code: error.error_code, description: error.description, retryAfter: error.parameters.retry_after };
    throw error;
  }
  throw new Error('the call succeeded');
};

describe('Telegram Bot API emulator', () => {
  let emulator: TelegramEmulator;
  let api: Api;
  beforeEach(async () => {
    emulator = createTelegramEmulator({ webhookRetryDelayMs: 20 });
    api = new Api(emulator.token, { apiRoot: await emulator.listen() });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('answers getMe with its bot and records every call', async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({ id: 123456789, is_bot: true, username: 'lexbot_emulator_bot' });
    expect(emulator.calls().map((call) => call.method)).toEqual(['getMe']);
  });

  it('refuses a wrong token and an unknown method like Telegram', async () => {
    expect(await refusal(new Api('1:wrong-token-wrong-token-x', { apiRoot: emulator.apiRoot }).getMe())).toMatchObject({ code: 401, description: 'Unauthorized' });
    const unknown = await fetch(`${emulator.apiRoot}/bot${emulator.token}/noSuchMethod`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
  });

  it('sends only to chats that exist and have not blocked the bot', async () => {
    expect(await refusal(api.sendMessage(ana.id, 'hi'))).toEqual({ code: 400, description: 'Bad Request: chat not found', retryAfter: undefined });
    emulator.injectUpdate(textMessageUpdate(ana, '/start'));
    const sent = await api.sendMessage(ana.id, 'Hola');
    expect(sent).toMatchObject({ chat: { id: ana.id }, text: 'Hola', from: { is_bot: true } });
    emulator.blockChat(ana.id);
    expect(await refusal(api.sendMessage(ana.id, 'hi'))).toMatchObject({ code: 403, description: 'Forbidden: bot was blocked by the user' });
  });

  it('counts message length in UTF-16 code units after entity parsing: 4096 passes, 4097 is refused', async () => {
    emulator.addChat({ id: ana.id, type: 'private' });
    await expect(api.sendMessage(ana.id, 'x'.repeat(4096))).resolves.toMatchObject({ text: 'x'.repeat(4096) });
    expect(await refusal(api.sendMessage(ana.id, 'x'.repeat(4097)))).toMatchObject({ code: 400, description: 'Bad Request: message is too long' });
    // 2049 emoji are 4098 code units.
    expect(await refusal(api.sendMessage(ana.id, '😀'.repeat(2049)))).toMatchObject({ description: 'Bad Request: message is too long' });
    await expect(api.sendMessage(ana.id, `<b>${'x'.repeat(4090)}</b> &amp;`, { parse_mode: 'HTML' })).resolves.toMatchObject({ text: `${'x'.repeat(4090)} &` });
    expect(await refusal(api.sendMessage(ana.id, 'Hello.', { parse_mode: 'MarkdownV2' }))).toMatchObject({ code: 400, description: expect.stringContaining("Character '.' is reserved") });
    expect(await refusal(api.sendMessage(ana.id, '<b>open', { parse_mode: 'HTML' }))).toMatchObject({ code: 400, description: expect.stringContaining("can't parse entities") });
    expect(await refusal(api.sendMessage(ana.id, '   '))).toMatchObject({ description: 'Bad Request: message text is empty' });
  });

  it('refuses callback data over 64 bytes and inline keyboards of the wrong shape', async () => {
    emulator.addChat({ id: ana.id, type: 'private' });
    const keyboard = (data: string) => ({ inline_keyboard: [[{ text: 'Go', callback_data: data }]] });
    await expect(api.sendMessage(ana.id, 'ok', { reply_markup: keyboard('d'.repeat(64)) })).resolves.toBeDefined();
    expect(await refusal(api.sendMessage(ana.id, 'no', { reply_markup: keyboard('d'.repeat(65)) }))).toMatchObject({ code: 400, description: 'Bad Request: BUTTON_DATA_INVALID' });
    expect(await refusal(api.sendMessage(ana.id, 'no', { reply_markup: keyboard('é'.repeat(33)) }))).toMatchObject({ description: 'Bad Request: BUTTON_DATA_INVALID' });
    expect(await refusal(api.sendMessage(ana.id, 'no', { reply_markup: { inline_keyboard: [{ text: 'x', callback_data: 'y' }] } as never }))).toMatchObject({ code: 400 });
    expect(await refusal(api.sendMessage(ana.id, 'no', { reply_markup: { inline_keyboard: [[{ text: 'x' }]] } as never }))).toMatchObject({
      description: expect.stringContaining('Text buttons are unallowed'),
    });
  });

  it('answers 429 with retry_after for the next N calls, or only for one chat', async () => {
    emulator.addChat({ id: ana.id, type: 'private' });
    emulator.addChat({ id: 2002, type: 'private' });
    emulator.rateLimit({ times: 2, retryAfter: 7 });
    expect(await refusal(api.sendMessage(ana.id, 'a'))).toEqual({ code: 429, description: 'Too Many Requests: retry after 7', retryAfter: 7 });
    expect(await refusal(api.getMe())).toMatchObject({ code: 429, retryAfter: 7 });
    await expect(api.sendMessage(ana.id, 'b')).resolves.toBeDefined();
    emulator.rateLimit({ times: 1, retryAfter: 3, chatId: 2002, method: 'sendMessage' });
    await expect(api.sendMessage(ana.id, 'c')).resolves.toBeDefined();
    expect(await refusal(api.sendMessage(2002, 'd'))).toMatchObject({ code: 429, retryAfter: 3 });
    await expect(api.sendMessage(2002, 'e')).resolves.toBeDefined();
    expect(emulator.calls('sendMessage').filter((call) => !call.response.ok)).toHaveLength(2);
  });

  it('edits, deletes, copies and answers callback queries like Telegram', async () => {
    emulator.injectUpdate(textMessageUpdate(ana, 'hi'));
    const sent = await api.sendMessage(ana.id, 'v1', { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } });
    await expect(api.editMessageText(ana.id, sent.message_id, 'v2')).resolves.toMatchObject({ text: 'v2' });
    expect(await refusal(api.editMessageText(ana.id, sent.message_id, 'v2'))).toMatchObject({ description: expect.stringContaining('message is not modified') });
    await expect(api.editMessageReplyMarkup(ana.id, sent.message_id, { reply_markup: { inline_keyboard: [[{ text: 'B', callback_data: 'b' }]] } })).resolves.toBeDefined();
    await expect(api.copyMessage(ana.id, ana.id, sent.message_id)).resolves.toMatchObject({ message_id: sent.message_id + 1 });
    await expect(api.sendPhoto(ana.id, 'https://example.org/p.jpg', { caption: 'pic' })).resolves.toMatchObject({ caption: 'pic' });
    await expect(api.deleteMessage(ana.id, sent.message_id)).resolves.toBe(true);
    expect(await refusal(api.deleteMessage(ana.id, sent.message_id))).toMatchObject({ description: 'Bad Request: message to delete not found' });
    const update = emulator.injectUpdate(callbackQueryUpdate(ana, 'a'));
    const queryId = (update.callback_query as { id: string }).id;
    await expect(api.answerCallbackQuery(queryId, { text: 'done' })).resolves.toBe(true);
    expect(await refusal(api.answerCallbackQuery(queryId))).toMatchObject({ code: 400 });
    expect(emulator.messagesIn(ana.id).map((message) => message.text ?? message.caption)).toEqual(['v2', 'pic']);
  });

  it('serves getUpdates with offset confirmation and long polling', async () => {
    const first = emulator.injectUpdate(textMessageUpdate(ana, 'one'));
    const second = emulator.injectUpdate(textMessageUpdate(ana, 'two'));
    expect((await api.getUpdates({ timeout: 0 })).map((u) => u.update_id)).toEqual([first.update_id, second.update_id]);
    expect((await api.getUpdates({ offset: second.update_id, timeout: 0 })).map((u) => u.update_id)).toEqual([second.update_id]);
    const waiting = api.getUpdates({ offset: second.update_id + 1, timeout: 30 });
    await emulator.whenPolling();
    const third = emulator.injectUpdate(textMessageUpdate(ana, 'three'));
    expect((await waiting).map((u) => u.update_id)).toEqual([third.update_id]);
  });

  it('posts injected updates to a registered webhook with the secret header, retrying until it answers 2xx', async () => {
    const received: { secret: unknown; body: unknown }[] = [];
    let failures = 1;
    const bot = Fastify();
    bot.post('/hook', async (request, reply) => {
      if (failures > 0) {
        failures -= 1;
        return reply.code(503).send();
      }
      received.push({ secret: request.headers['x-telegram-bot-api-secret-token'], body: request.body });
      return { ok: true };
    });
    await bot.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = bot.server.address() as { port: number };
      await api.setWebhook(`http://127.0.0.1:${address.port}/hook`, { secret_token: 's3cret', allowed_updates: ['message'] });
      expect(await refusal(api.getUpdates())).toMatchObject({ code: 409 });
      const update = emulator.injectUpdate(textMessageUpdate(ana, 'via webhook'));
      emulator.injectUpdate(callbackQueryUpdate(ana, 'not asked for'));
      await new Promise<void>((resolve) => {
        const check = (): void => (emulator.pendingUpdates().length === 0 ? resolve() : void setTimeout(check, 10));
        check();
      });
      expect(received).toEqual([{ secret: 's3cret', body: update }]);
      expect(emulator.webhookDeliveries().map((d) => d.status)).toEqual([503, 200]);
      expect(emulator.droppedUpdates()).toHaveLength(1);
      await expect(api.getWebhookInfo()).resolves.toMatchObject({ allowed_updates: ['message'], pending_update_count: 0 });
    } finally {
      await bot.close();
    }
  });
});
