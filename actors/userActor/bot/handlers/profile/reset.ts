// /reset asks first: the confirmation lives in the dialog, so only the latest question's Yes clears the profile and
// an old Yes pressed later changes nothing.
import type { BotContext } from '../../context.js';
import { callbackData } from '../../callbackData.js';

const FLOW = 'reset';

export const askReset = async (ctx: BotContext): Promise<void> => {
  if (ctx.actor.state.status === 'new') {
    await ctx.reply(ctx.t('error-not_started'));
    return;
  }
  ctx.actor.decide({ type: 'SetDialog', data: { dialog: { flow: FLOW, step: 'confirm', data: {} } } });
  await ctx.reply(ctx.t('pf-reset-confirm'), {
    reply_markup: {
      inline_keyboard: [[
        { text: ctx.t('pf-button-reset'), callback_data: callbackData('pf', 'reset', 'yes') },
        { text: ctx.t('pf-button-keep'), callback_data: callbackData('pf', 'reset', 'no') },
      ]],
    },
  });
};

/** Returns the notice for the pressed button, if any. */
export const confirmReset = async (ctx: BotContext, confirmed: boolean, restart: () => Promise<void>): Promise<string | undefined> => {
  if (ctx.actor.state.dialog?.flow !== FLOW) return ctx.t('help-stale-button');
  if (!confirmed) {
    ctx.actor.decide({ type: 'SetDialog', data: { dialog: null } });
    await ctx.editMessageText(ctx.t('pf-reset-kept'));
    return undefined;
  }
  ctx.actor.decide({ type: 'ResetProfile', data: {} });
  await ctx.editMessageText(ctx.t('profile-reset-done'));
  await restart();
  return undefined;
};
