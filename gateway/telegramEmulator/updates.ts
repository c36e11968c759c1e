// Builders for realistic updates to inject: a user writing text (with the bot_command entity Telegram adds for
// /commands) and a user pressing an inline button.
import type { JsonObject } from './chats.js';

export interface EmulatedUser {
  readonly id: number;
  readonly first_name: string;
  readonly language_code?: string;
  readonly username?: string;
}

const seconds = (now: number) => Math.floor(now / 1000);
let nextMessageId = 1_000_000;
let nextCallbackId = 1;

export const textMessageUpdate = (user: EmulatedUser, text: string, now = Date.now()): JsonObject => {
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  nextMessageId += 1;
  return {
    message: {
      message_id: nextMessageId,
      date: seconds(now),
      chat: { id: user.id, type: 'private', first_name: user.first_name, ...(user.username === undefined ? {} : { username: user.username }) },
      from: { is_bot: false, ...user },
      text,
      ...(command === null ? {} : { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }),
    },
  };
};

export const callbackQueryUpdate = (user: EmulatedUser, data: string, message?: JsonObject): JsonObject => {
  nextCallbackId += 1;
  return {
    callback_query: {
      id: `cb${nextCallbackId}`,
      from: { is_bot: false, ...user },
      chat_instance: `ci${user.id}`,
      data,
      ...(message === undefined ? {} : { message }),
    },
  };
};
