// When the bot's handlers throw on an update, the user must still get an answer. A failure that will happen again
// on every delivery — a bug (TypeError and its kin) or a domain refusal no handler caught — is answered at once;
// anything else (a read model or cache that did not answer) is retried by the mailbox, and answered on the last
// delivery instead of being dead-lettered in silence. The answer replaces whatever the failed turn had decided: half
// a turn's events or replies are never committed.
import { BotError } from 'grammy';
import type { Update } from 'grammy/types';
import { isDomainError } from '../../domain/errors.js';
import { errorMessage } from '../../domain/i18n/index.js';
import type { TelegramCallQueued } from '../outbox/outboxEvents.js';
import type { Translate } from './reactions/reaction.js';

/** The error a handler threw, without grammY's wrapper. */
export const handlerErrorOf = (error: unknown): unknown => (error instanceof BotError ? (error.error as unknown) : error);

const PROGRAMMING_ERRORS: readonly (new (...args: never[]) => Error)[] = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

/** True when delivering the update again would fail the same way. */
export const failsEveryTime = (error: unknown): boolean => {
  const cause = handlerErrorOf(error);
  return isDomainError(cause) || PROGRAMMING_ERRORS.some((kind) => cause instanceof kind);
};

/** The private chat an update came from, if any: the answer goes there. */
const privateChatOf = (update: Update): number | undefined => {
  const chat = update.message?.chat ?? update.edited_message?.chat ?? update.callback_query?.message?.chat;
  if (chat !== undefined) return chat.type === 'private' ? chat.id : undefined;
  // A press on a message too old to be included still comes from the user's private chat with the bot.
  return update.callback_query?.from.id;
};

/** The Bot API calls that answer a failed update: stop a button's spinner, and say what happened. */
export const failureAnswer = (update: Update, error: unknown, t: Translate): TelegramCallQueued[] => {
  const calls: TelegramCallQueued[] = [];
  const press = update.callback_query;
  if (press !== undefined) calls.push({ method: 'answerCallbackQuery', payload: { callback_query_id: press.id } });
  const chatId = privateChatOf(update);
  if (chatId !== undefined) {
    const cause = handlerErrorOf(error);
    const refusal = isDomainError(cause) ? errorMessage(cause) : null;
    const text = refusal === null ? t('error-unexpected') : t(refusal.key, refusal.args);
    calls.push({ method: 'sendMessage', payload: { chat_id: chatId, text }, chatId });
  }
  return calls;
};
