// First in the handler order: refusals that apply to every update. A user sending messages over the rate limit (20
// a minute, bursts of 5) is told once per window and then dropped quietly — nothing decided, so the update is acked
// and never retried; a banned user gets the same clear answer to anything they send. Button presses do not count
// against the limit: they only answer what the bot itself offered (a wizard takes a dozen in a row), and a press
// on a stale button decides nothing.
import type { Composer } from 'grammy';
import type { BotContext } from '../../context.js';
import { createRateLimiter, type RateLimiter } from './rateLimiter.js';
import { HandlerComposer } from '../../handlerComposer.js';

const ALLOW = { kind: 'allow' } as const;

const refuse = async (ctx: BotContext, text: string): Promise<void> => {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else if (ctx.chat?.type === 'private') await ctx.reply(text);
};

export const createGuard = (limiter: RateLimiter): Composer<BotContext> => {
  const guard = new HandlerComposer<BotContext>();
  guard.use(async (ctx, next) => {
    const from = ctx.from;
    if (from === undefined || from.is_bot) return next();
    const verdict = ctx.message === undefined && ctx.editedMessage === undefined ? ALLOW : limiter.take(String(from.id), ctx.actor.now, ctx.update.update_id);
    if (verdict.kind === 'drop') {
      ctx.services.safetyMetrics?.rateLimited('dropped');
      return;
    }
    if (verdict.kind === 'notify') {
      ctx.services.safetyMetrics?.rateLimited('notified');
      return refuse(ctx, ctx.t('rate-limited', { seconds: verdict.retryAfterSeconds }));
    }
    if (ctx.actor.state.status === 'banned') return refuse(ctx, ctx.t('account-banned'));
    return next();
  });
  return guard;
};

/** One limiter per process: every actor this process hosts shares it (each user has their own bucket in it). */
export const guard = createGuard(createRateLimiter());
