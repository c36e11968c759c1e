// /start: first contact records the user (or refreshes their Telegram name) and greets them in their language.
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { replyToDomainError } from '../replyToDomainError.js';

export const start = new Composer<BotContext>();

start.command('start', async (ctx) => {
  const from = ctx.from;
  if (!from) return;
  const firstContact = ctx.actor.state.status === 'new';
  try {
    ctx.actor.decide({
      type: 'Start',
      data: { telegramId: String(from.id), firstName: from.first_name, username: from.username ?? null, languageCode: from.language_code ?? null },
    });
  } catch (error) {
    return replyToDomainError(ctx, error);
  }
  await ctx.reply(ctx.t(firstContact ? 'welcome' : 'welcome-back', { name: from.first_name }));
});
