// Admin commands (issue #6, point 7), for ADMIN_TELEGRAM_IDS only: /stats, /feedbacks, /reports, /broadcast. To
// anyone else each answers like an unknown command. Buttons: ad:<action>:<args> (see keyboards.ts).
import { isUserId } from '../../../../../domain/user/index.js';
import type { BotContext } from '../../context.js';
import { parseCallbackData } from '../../callbackData.js';
import { askBroadcast, cancelBroadcast, confirmBroadcast, inBroadcast, previewBroadcast } from './broadcast.js';
import { reviewFeedback, showFeedback } from './feedbacks.js';
import { isAdmin, refuseNonAdmin } from './gate.js';
import { reasonAt } from './keyboards.js';
import { reviewReport, showReport } from './reports.js';
import { showStats } from './stats.js';
import { HandlerComposer } from '../../handlerComposer.js';

export const admin = new HandlerComposer<BotContext>();

const adminOnly = (run: (ctx: BotContext) => Promise<void>) => async (ctx: BotContext) => (isAdmin(ctx) ? run(ctx) : refuseNonAdmin(ctx));

admin.command('stats', adminOnly(showStats));
admin.command('feedbacks', adminOnly((ctx) => showFeedback(ctx, 0)));
admin.command('reports', adminOnly((ctx) => showReport(ctx, 0)));
admin.command('broadcast', adminOnly(askBroadcast));

const position = (value: string | undefined): number | null => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
};

const stale = async (ctx: BotContext): Promise<void> => {
  await ctx.answerCallbackQuery({ text: ctx.t('safety-stale-button') });
};

admin.callbackQuery(/^ad:/, adminOnly(async (ctx) => {
  const { action, args } = parseCallbackData(ctx.callbackQuery?.data ?? '');
  switch (action) {
    case 'fb':
    case 'rp': {
      const index = position(args[0]);
      if (index === null) return stale(ctx);
      return action === 'fb' ? showFeedback(ctx, index) : showReport(ctx, index);
    }
    case 'fbp':
    case 'fba': {
      const [sender, version, index] = [args[0], position(args[1]), position(args[2])];
      if (!isUserId(sender) || version === null || index === null) return stale(ctx);
      return reviewFeedback(ctx, sender, version, index, action === 'fbp' ? 'processed' : 'archived');
    }
    case 'rpd':
    case 'rpb':
    case 'rpu': {
      const [reporter, version, target, reason, index] = [args[0], position(args[1]), args[2], reasonAt(args[3]), position(args[4])];
      if (!isUserId(reporter) || !isUserId(target) || version === null || reason === undefined || index === null) return stale(ctx);
      return reviewReport(ctx, { reporter, version, target, reason, index }, action === 'rpd' ? 'dismissed' : action === 'rpb' ? 'banned' : 'unbanned');
    }
    case 'bc':
      return args[0] === 'yes' ? confirmBroadcast(ctx) : cancelBroadcast(ctx);
    default:
      return stale(ctx);
  }
}));

// The broadcast's text, typed after /broadcast (or again, instead of confirming the preview: a new preview); a
// command instead goes on to its own feature.
admin.on('message:text', async (ctx, next) => {
  const typing = inBroadcast(ctx, 'text') || inBroadcast(ctx, 'preview');
  if (!typing || ctx.message.text.startsWith('/') || !isAdmin(ctx)) return next();
  await previewBroadcast(ctx, ctx.message.text);
});
