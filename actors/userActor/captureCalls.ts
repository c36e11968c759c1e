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

const NOT_PLAIN = Symbol('not plain JSON data');

/**
 * A copy of plain JSON data (objects with Object's or no prototype, arrays, strings, finite numbers, booleans, null),
 * equal to what a JSON round trip makes of it: properties holding undefined are left out, -0 becomes 0. NOT_PLAIN at
 * anything else (a Date, an InputFile, undefined in an array, a function, NaN), for the caller to take the round
 * trip instead. Several times cheaper than stringify + parse on a screen's 1 KB keyboard of emoji labels.
 */
const plainCopy = (value: unknown): unknown => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : NOT_PLAIN;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const copy: unknown[] = new Array<unknown>(value.length);
        for (let index = 0; index < value.length; index += 1) {
          const item: unknown = value[index];
          const copied = item === undefined ? NOT_PLAIN : plainCopy(item);
          if (copied === NOT_PLAIN) return NOT_PLAIN;
          copy[index] = copied;
        }
        return copy;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return NOT_PLAIN;
      const copy: Record<string, unknown> = {};
      const record = value as Record<string, unknown>;
      // Own enumerable keys in JSON's order (Object.prototype has no enumerable keys to add).
      for (const key in record) {
        const item = record[key];
        if (item === undefined) continue;
        // Assigning `__proto__` would set the copy's prototype, where JSON.parse makes an own property.
        if (key === '__proto__') return NOT_PLAIN;
        const copied = plainCopy(item);
        if (copied === NOT_PLAIN) return NOT_PLAIN;
        copy[key] = copied;
      }
      return copy;
    }
    default:
      return NOT_PLAIN;
  }
};

/** The payload as plain data, exactly as it will be stored and sent. */
export const payloadCopy = (payload: Record<string, unknown>): Record<string, unknown> => {
  const copied = plainCopy(payload);
  return copied === NOT_PLAIN ? (JSON.parse(JSON.stringify(payload)) as Record<string, unknown>) : (copied as Record<string, unknown>);
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
    // A copy as plain data, exactly as it will be stored and sent (what a JSON round trip makes of it).
    record({ method, payload: payloadCopy(body), ...(chatId === undefined ? {} : { chatId }) });
    return { ok: true, result: plausibleResult(method, body, now) } as never;
  };
};
