// Replies of the safety and admin flows: a button press edits the message it came from (and stops the spinner),
// anything else gets a new message. A refusal of the domain is shown the same way, in the user's language.
import type { InlineKeyboardMarkup } from 'grammy/types';
import { isDomainError } from '../../../../../domain/errors.js';
import { errorMessage } from '../../../../../domain/i18n/index.js';
import type { BotContext } from '../../context.js';

export const show = async (ctx: BotContext, text: string, keyboard?: InlineKeyboardMarkup): Promise<void> => {
  const markup = keyboard === undefined ? {} : { reply_markup: keyboard };
  if (ctx.callbackQuery?.message !== undefined) {
    await ctx.answerCallbackQuery();
    // Without a keyboard the old buttons go, so a second press on them cannot happen.
    await ctx.editMessageText(text, keyboard === undefined ? { reply_markup: { inline_keyboard: [] } } : markup);
    return;
  }
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  await say(ctx, text, keyboard);
};

/** A new message in this user's private chat; also for a press that came without its message (an old one). */
export const say = async (ctx: BotContext, text: string, keyboard?: InlineKeyboardMarkup): Promise<void> => {
  const chatId = ctx.chat?.id ?? ctx.from?.id;
  if (chatId === undefined) return;
  await ctx.api.sendMessage(chatId, text, keyboard === undefined ? {} : { reply_markup: keyboard });
};

/** Shows the domain's refusal; rethrows anything else (a bug, which the actor host reports and retries). */
export const showRefusal = async (ctx: BotContext, error: unknown): Promise<void> => {
  if (!isDomainError(error)) throw error;
  const { key, args } = errorMessage(error);
  await show(ctx, ctx.t(key, args));
};

/** Runs a decision; on a refusal shows it and returns false. */
export const attempt = async (ctx: BotContext, decide: () => void): Promise<boolean> => {
  try {
    decide();
    return true;
  } catch (error) {
    await showRefusal(ctx, error);
    return false;
  }
};
