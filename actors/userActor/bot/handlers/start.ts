// /start: first contact records the user (or refreshes their Telegram name), greets them in their language and
// opens the onboarding wizard; a returning user with an unfinished wizard resumes at their step; a user with a
// finished profile is welcomed back with the main commands.
import type { BotContext } from '../context.js';
import { replyToDomainError } from '../replyToDomainError.js';
import { resumeOnboarding, startOnboarding } from './onboarding/index.js';
import { currentWizard } from './onboarding/wizard.js';
import { NAME_DISPLAY_MAX, clip, isolate } from './profile/card.js';
import { HandlerComposer } from '../handlerComposer.js';

export const start = new HandlerComposer<BotContext>();

start.command('start', async (ctx) => {
  const from = ctx.from;
  if (!from) return;
  // A user who deleted their data starts afresh, as a newcomer (the domain allows Start after UserForgotten).
  const firstContact = ctx.actor.state.status === 'new' || ctx.actor.state.status === 'forgotten';
  try {
    ctx.actor.decide({
      type: 'Start',
      data: { telegramId: String(from.id), firstName: from.first_name, username: from.username ?? null, languageCode: from.language_code ?? null },
    });
  } catch (error) {
    return replyToDomainError(ctx, error);
  }
  const name = isolate(clip(from.first_name, NAME_DISPLAY_MAX));
  if (firstContact) {
    await ctx.reply(ctx.t('welcome', { name }));
    return startOnboarding(ctx);
  }
  const state = ctx.actor.state;
  if (state.status === 'onboarding' || currentWizard(state)?.flow === 'onboarding') {
    return resumeOnboarding(ctx, `${ctx.t('welcome-back', { name })} ${ctx.t('ob-resume')}`);
  }
  await ctx.reply(`${ctx.t('welcome-back', { name })}\n\n${ctx.t('start-main-commands')}`);
});
