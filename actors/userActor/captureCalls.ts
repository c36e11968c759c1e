// Bot API calls made while an actor handles a message are not sent: a per-update grammY transformer captures them,
// and the actor appends them as outbox events in the same commit as its domain events (DESIGN.md, guarantee 6).
// Handlers get a plausible result back so grammY code reads naturally; they must not depend on server-made values
// (a sent message's id), since the real call happens later, in the dispatcher.
import type { Transformer } from 'grammy';
import type { TelegramCallQueued } from '../outbox/outboxEvents.js';

/** Methods a handler may use to read Telegram's state would need a real round trip: refuse them in actors. */
const READ_METHODS = new Set(['getMe', 'getChat', 'getChatMember', 'getUpdates', 'getFile', 'getUserProfilePhotos', 'getChatAdministrators']);

const chatIdOf = (payload: Record<string, unknown>): number | undefined => {
  const chatId = payload.chat_id;
  return typeof chatId === 'number' ? chatId : typeof chatId === 'string' && /^-?\d+$/.test(chatId) ? Number(chatId) : undefined;
};

const plausibleResult = (method: string, payload: Record<string, unknown>, now: Date): unknown => {
  if (method.startsWith('send') || method === 'copyMessage' || method === 'forwardMessage') {
    return {
      message_id: 0,
      date: Math.floor(now.getTime() / 1000),
      chat: { id: chatIdOf(payload) ?? 0, type: 'private' },
      ...(typeof payload.text === 'string' ? { text: payload.text } : {}),
    };
  }
  return true;
};

export class ReadCallInActorError extends Error {
  constructor(method: string) {
    super(`Bot API method ${method} reads Telegram state; actors only queue calls (use the update's data instead)`);
    this.name = 'ReadCallInActorError';
  }
}

/** A transformer for one update's context that hands every call it captures to `record`. */
export const captureCalls = (now: Date, record: (call: TelegramCallQueued) => void): Transformer => {
  return async (_prev, method, payload) => {
    if (READ_METHODS.has(method)) throw new ReadCallInActorError(method);
    const body = (payload ?? {}) as Record<string, unknown>;
    const chatId = chatIdOf(body);
    // Round-trip through JSON: payloads become plain data exactly as they will be stored and sent.
    record({ method, payload: JSON.parse(JSON.stringify(body)) as Record<string, unknown>, ...(chatId === undefined ? {} : { chatId }) });
    return { ok: true, result: plausibleResult(method, body, now) } as never;
  };
};
