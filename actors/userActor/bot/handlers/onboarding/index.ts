// The onboarding wizard (issue #6, point 1) and the section editor /profile reuses: button presses of its steps,
// and what the user types or shares while a step is on screen. A press on a button of a step that is no longer on
// screen (a finished, cancelled or moved-on wizard) is answered with a hint and changes nothing.
import type { BotContext } from '../../context.js';
import { callbackPattern, parseCallbackData } from '../../callbackData.js';
import { replyToDomainError } from '../../replyToDomainError.js';
import { STEP_ACTIONS } from './actions.js';
import { onWizardLocation, onWizardText } from './input.js';
import { currentWizard } from './wizard.js';
import { HandlerComposer } from '../../handlerComposer.js';

export { startOnboarding, resumeOnboarding } from './start.js';

export const onboarding = new HandlerComposer<BotContext>();

onboarding.callbackQuery(callbackPattern('ob'), async (ctx) => {
  const { action: step, args } = parseCallbackData(ctx.callbackQuery.data);
  const wizard = currentWizard(ctx.actor.state);
  if (wizard === null || wizard.step !== step) {
    await ctx.answerCallbackQuery({ text: ctx.t(wizard === null ? 'ob-stale' : 'ob-stale-step') });
    return;
  }
  const [action = '', arg = ''] = args;
  let notice: string | undefined;
  try {
    notice = await STEP_ACTIONS[wizard.step](ctx, wizard, action, arg);
  } catch (error) {
    await ctx.answerCallbackQuery();
    return replyToDomainError(ctx, error);
  }
  await ctx.answerCallbackQuery(notice === undefined ? undefined : { text: notice });
});

onboarding.on('message:text', async (ctx, next) => {
  const wizard = currentWizard(ctx.actor.state);
  const text = ctx.message.text;
  // Commands go on to their own handlers, whatever step is on screen.
  if (wizard === null || text.startsWith('/')) return next();
  return onWizardText(ctx, wizard, text);
});

onboarding.on('message:location', async (ctx, next) => {
  const wizard = currentWizard(ctx.actor.state);
  if (wizard === null) return next();
  return onWizardLocation(ctx, wizard, ctx.message.location.latitude, ctx.message.location.longitude);
});

// Media and stickers while a step waits for buttons: nudge instead of silence (relay chat is never in a wizard).
onboarding.on('message', async (ctx, next) => {
  const wizard = currentWizard(ctx.actor.state);
  if (wizard === null || ctx.message.text !== undefined) return next();
  await ctx.reply(ctx.t('ob-use-buttons'));
});
