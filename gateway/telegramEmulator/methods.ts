// The Bot API methods the emulator implements, one handler each. A handler validates like Telegram, updates the
// emulated chats and returns the `result` Telegram would return; a BotApiError becomes `{ ok: false, … }`.
import { badRequest } from './apiError.js';
import type { Chats, EmulatedChat, JsonObject } from './chats.js';
import { checkedText } from './formattedText.js';
import { checkedReplyMarkup, parseJsonField } from './replyMarkup.js';
import type { UpdateQueue } from './updateQueue.js';

export interface MethodContext {
  readonly chats: Chats;
  readonly queue: UpdateQueue;
  readonly bot: JsonObject & { readonly id: number };
  /** Callback query ids Telegram is waiting for an answer to (learned from injected updates). */
  readonly openCallbackQueries: Set<string>;
  /** setMyCommands per language code ('' = default). */
  readonly commands: Map<string, JsonObject[]>;
  now(): number;
}

export type MethodHandler = (params: JsonObject, context: MethodContext) => unknown;

const integer = (value: unknown, field: string): number => {
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw badRequest(`${field} is required`);
  return number;
};

const optional = <T>(key: string, value: T | undefined): Record<string, T> => (value === undefined ? {} : { [key]: value });

const sendInto = (target: EmulatedChat, context: MethodContext, content: JsonObject): JsonObject => {
  const message: JsonObject = { message_id: target.nextMessageId, from: context.bot, chat: target.chat, date: Math.floor(context.now() / 1000), ...content };
  target.nextMessageId += 1;
  target.messages.set(message.message_id as number, message);
  return message;
};

const ownMessage = (params: JsonObject, context: MethodContext, action: 'edit' | 'delete'): { target: EmulatedChat; message: JsonObject } => {
  const target = context.chats.target(params.chat_id);
  const message = target.messages.get(integer(params.message_id, 'message_id'));
  if (message === undefined) throw badRequest(action === 'edit' ? 'message to edit not found' : 'message to delete not found');
  return { target, message };
};

const textContent = (params: JsonObject): JsonObject => {
  const text = checkedText(params.text, params.parse_mode, { max: 4096, field: 'text' });
  const markup = checkedReplyMarkup(params.reply_markup);
  const entities = parseJsonField(params.entities, 'entities');
  return { text, ...optional('entities', Array.isArray(entities) ? entities : undefined), ...optional('reply_markup', markup?.inline_keyboard === undefined ? undefined : markup) };
};

export const METHODS: Readonly<Record<string, MethodHandler>> = {
  getMe: (_params, context) => context.bot,

  sendMessage: (params, context) => {
    const target = context.chats.target(params.chat_id);
    return sendInto(target, context, textContent(params));
  },

  sendPhoto: (params, context) => {
    const target = context.chats.target(params.chat_id);
    if (typeof params.photo !== 'string' || params.photo.length === 0) throw badRequest('there is no photo in the request');
    const caption = checkedText(params.caption, params.parse_mode, { max: 1024, field: 'caption', allowEmpty: true });
    const markup = checkedReplyMarkup(params.reply_markup);
    const fileId = `emulated-photo-${params.photo.length}-${target.nextMessageId}`;
    return sendInto(target, context, {
      photo: [{ file_id: fileId, file_unique_id: fileId, width: 320, height: 320, file_size: 1024 }],
      ...optional('caption', caption === '' ? undefined : caption),
      ...optional('reply_markup', markup?.inline_keyboard === undefined ? undefined : markup),
    });
  },

  copyMessage: (params, context) => {
    const from = context.chats.target(params.from_chat_id);
    const messageId = integer(params.message_id, 'message_id');
    const original = from.userMessages.get(messageId) ?? from.messages.get(messageId);
    if (original === undefined) throw badRequest('message to copy not found');
    const target = context.chats.target(params.chat_id);
    const { message_id: _id, from: _from, chat: _chat, date: _date, entities: _entities, reply_to_message: _reply, ...content } = original;
    const caption = params.caption === undefined ? undefined : checkedText(params.caption, params.parse_mode, { max: 1024, field: 'caption', allowEmpty: true });
    const markup = checkedReplyMarkup(params.reply_markup);
    const copy = sendInto(target, context, {
      ...content,
      ...optional('caption', caption === undefined || caption === '' ? undefined : caption),
      ...optional('reply_markup', markup?.inline_keyboard === undefined ? undefined : markup),
    });
    return { message_id: copy.message_id };
  },

  editMessageText: (params, context) => {
    if (params.inline_message_id !== undefined) return true;
    const { target, message } = ownMessage(params, context, 'edit');
    const content = textContent(params);
    if (content.text === message.text && JSON.stringify(content.reply_markup) === JSON.stringify(message.reply_markup)) {
      throw badRequest('message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    }
    const { reply_markup: _old, ...rest } = message;
    const edited: JsonObject = { ...rest, ...content, edit_date: Math.floor(context.now() / 1000) };
    target.messages.set(edited.message_id as number, edited);
    return edited;
  },

  editMessageReplyMarkup: (params, context) => {
    if (params.inline_message_id !== undefined) return true;
    const { target, message } = ownMessage(params, context, 'edit');
    const markup = checkedReplyMarkup(params.reply_markup);
    if (JSON.stringify(markup) === JSON.stringify(message.reply_markup)) {
      throw badRequest('message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    }
    const { reply_markup: _old, ...rest } = message;
    const edited: JsonObject = { ...rest, ...optional('reply_markup', markup), edit_date: Math.floor(context.now() / 1000) };
    target.messages.set(edited.message_id as number, edited);
    return edited;
  },

  deleteMessage: (params, context) => {
    const { target, message } = ownMessage(params, context, 'delete');
    target.messages.delete(message.message_id as number);
    return true;
  },

  answerCallbackQuery: (params, context) => {
    const id = params.callback_query_id;
    if (typeof id !== 'string' || !context.openCallbackQueries.delete(id)) {
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    if (typeof params.text === 'string' && params.text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
    return true;
  },

  setWebhook: (params, context) => {
    const url = params.url;
    if (typeof url !== 'string') throw badRequest('bad webhook: URL must be provided for webhook');
    if (url === '') {
      context.queue.deleteWebhook({});
      return true;
    }
    if (!/^https?:\/\/\S+$/.test(url)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    const secret = params.secret_token;
    if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
      throw badRequest('bad webhook: secret token contains unallowed characters');
    }
    context.queue.setWebhook(
      { url, secretToken: secret },
      { allowedUpdates: parseJsonField(params.allowed_updates, 'allowed_updates'), dropPending: params.drop_pending_updates === true || params.drop_pending_updates === 'true' },
    );
    return true;
  },

  deleteWebhook: (params, context) => {
    context.queue.deleteWebhook({ dropPending: params.drop_pending_updates === true || params.drop_pending_updates === 'true' });
    return true;
  },

  getWebhookInfo: (_params, context) => context.queue.webhookInfo(),

  setMyCommands: (params, context) => {
    const commands = parseJsonField(params.commands, 'commands');
    if (!Array.isArray(commands) || commands.length > 100) throw badRequest('commands must be an array of at most 100 commands');
    for (const entry of commands as JsonObject[]) {
      if (typeof entry.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(entry.command)) throw badRequest('BOT_COMMAND_INVALID');
      if (typeof entry.description !== 'string' || entry.description.length < 1 || entry.description.length > 256) throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    const languageCode = typeof params.language_code === 'string' ? params.language_code : '';
    context.commands.set(languageCode, commands as JsonObject[]);
    return true;
  },

  getMyCommands: (params, context) => context.commands.get(typeof params.language_code === 'string' ? params.language_code : '') ?? [],

  getUpdates: async (params, context) => {
    const number = (value: unknown): number | undefined => (value === undefined ? undefined : integer(value, 'offset'));
    const offset = number(params.offset);
    const limit = number(params.limit);
    const timeout = number(params.timeout);
    return context.queue.getUpdates({
      ...optional('offset', offset),
      ...optional('limit', limit),
      ...optional('timeout', timeout),
      allowedUpdates: parseJsonField(params.allowed_updates, 'allowed_updates'),
    });
  },
};
