// /help, unknown commands and free text outside any flow: always a helpful answer, never silence.
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

export const help = new Composer<BotContext>();

help.command('help', (ctx) => ctx.reply(ctx.t('help')));

export const fallback = new Composer<BotContext>();

fallback.on('message', async (ctx) => {
  const text = ctx.message.text ?? '';
  await ctx.reply(ctx.t(text.startsWith('/') ? 'unknown-command' : 'help'));
});
// A press on a button of an old message: stop the spinner and say what to do.
fallback.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('unknown-command') }));
