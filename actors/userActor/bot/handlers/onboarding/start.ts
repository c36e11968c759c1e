// Entering the wizard: from the first step (first contact, /reset), or where the user left it (/start again).
import type { BotContext } from '../../context.js';
import { goTo } from './present.js';
import { currentWizard, enterSection, resumePoint } from './wizard.js';

export const startOnboarding = (ctx: BotContext, prefix?: string): Promise<void> =>
  goTo(ctx, enterSection('onboarding', 'nativeLanguages', ctx.actor.state.profile), 'send', prefix);

/** The step on screen when the wizard was left, or else the first section not yet set. */
export const resumeOnboarding = (ctx: BotContext, prefix?: string): Promise<void> => {
  const wizard = currentWizard(ctx.actor.state);
  return goTo(ctx, wizard?.flow === 'onboarding' ? wizard : resumePoint(ctx.actor.state.profile), 'send', prefix);
};
