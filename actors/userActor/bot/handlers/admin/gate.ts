// Admin commands exist only for ADMIN_TELEGRAM_IDS: to anyone else they answer exactly as an unknown command does,
// so nobody learns they are there.
import type { BotContext } from '../../context.js';

export const isAdmin = (ctx: BotContext): boolean => ctx.from !== undefined && ctx.services.admins.has(String(ctx.from.id));

export const refuseNonAdmin = async (ctx: BotContext): Promise<void> => {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('unknown-command') });
  else await ctx.reply(ctx.t('unknown-command'));
};

/** "2026-11-26 04:30 UTC" from an ISO time: admins compare times across users, so one zone for all. */
export const utcMinute = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
