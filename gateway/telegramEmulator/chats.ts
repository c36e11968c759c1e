// The chats the emulated Telegram knows: learned from injected updates (a user who wrote to the bot has a private
// chat with it) or added by tests; each holds the messages the bot sent there, so edits and deletes can be checked.
import { badRequest, forbidden } from './apiError.js';

export type JsonObject = Record<string, unknown>;

export interface EmulatedChat {
  readonly chat: JsonObject & { readonly id: number };
  blocked: boolean;
  readonly messages: Map<number, JsonObject>;
  /** What the user sent in this chat (from observed updates), so copyMessage can copy it as Telegram would. */
  readonly userMessages: Map<number, JsonObject>;
  nextMessageId: number;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export const createChats = () => {
  const chats = new Map<number, EmulatedChat>();

  const ensure = (chat: JsonObject & { id: number }): EmulatedChat => {
    const known = chats.get(chat.id);
    if (known !== undefined) return known;
    const created: EmulatedChat = { chat, blocked: false, messages: new Map(), userMessages: new Map(), nextMessageId: 1 };
    chats.set(chat.id, created);
    return created;
  };

  const learn = (value: unknown, parentKey = ''): void => {
    if (Array.isArray(value)) {
      for (const item of value) learn(item, parentKey);
      return;
    }
    if (!isObject(value)) return;
    const id = value.id;
    if (typeof id === 'number' && (parentKey === 'chat' || parentKey === 'sender_chat' || parentKey === 'voter_chat')) ensure({ ...value, id });
    // A user who acts on the bot can be written to in private, as on Telegram.
    if (typeof id === 'number' && (parentKey === 'from' || parentKey === 'user') && value.is_bot !== true) {
      ensure({ id, type: 'private', ...(typeof value.first_name === 'string' ? { first_name: value.first_name } : {}) });
    }
    for (const [key, inner] of Object.entries(value)) learn(inner, key);
  };

  return {
    ensure,
    learn,
    /** For a Bot API call: the chat must exist and must not have blocked the bot. */
    target(chatId: unknown): EmulatedChat {
      const id = typeof chatId === 'string' && /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
      const chat = typeof id === 'number' ? chats.get(id) : undefined;
      if (chat === undefined) throw badRequest('chat not found');
      if (chat.blocked) throw forbidden('bot was blocked by the user');
      return chat;
    },
    get: (id: number): EmulatedChat | undefined => chats.get(id),
    all: (): EmulatedChat[] => [...chats.values()],
  };
};

export type Chats = ReturnType<typeof createChats>;
