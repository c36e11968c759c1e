// /help lists every command (admin commands only to admins); /cancel leaves any flow; unknown commands, free text
// outside a flow and presses on buttons nobody handles get a helpful answer, never silence.
import { BOT_COMMANDS, commandKey, type BotCommand } from '../../../../domain/i18n/index.js';
import type { BotContext } from '../context.js';
import { retireKeyboard } from './onboarding/present.js';
import { currentWizard } from './onboarding/wizard.js';
import { HandlerComposer } from '../handlerComposer.js';

const ADMIN_COMMANDS = ['stats', 'feedbacks', 'reports', 'broadcast'] as const;

export const helpText = (ctx: BotContext): string => {
  // The same list, order and lines as Telegram's command menu (gateway/telegram/registerCommands.ts).
  const line = (command: BotCommand): string => `/${command} — ${ctx.t(commandKey(command))}`;
  const parts = [ctx.t('help-intro'), '', ...BOT_COMMANDS.map(line)];
  const isAdmin = ctx.from !== undefined && ctx.services.admins.has(String(ctx.from.id));
  if (isAdmin) parts.push('', ctx.t('help-admin-title'), ...ADMIN_COMMANDS.map((command) => `/${command} — ${ctx.t(`help-admin-${command}`)}`));
  return parts.join('\n');
};

export const help = new HandlerComposer<BotContext>();

help.command('help', (ctx) => ctx.reply(helpText(ctx)));

help.command('cancel', async (ctx) => {
  const state = ctx.actor.state;
  if (state.dialog === null || state.status === 'new' || state.status === 'forgotten' || state.status === 'banned') {
    await ctx.reply(ctx.t('nothing-to-cancel'));
    return;
  }
  const wasOnboarding = state.dialog.flow === 'onboarding' && state.status === 'onboarding';
  const wizardMessage = currentWizard(state)?.draft.mid;
  ctx.actor.decide({ type: 'SetDialog', data: { dialog: null } });
  await retireKeyboard(ctx, wizardMessage);
  await ctx.reply(wasOnboarding ? `${ctx.t('action-cancelled')} ${ctx.t('ob-cancelled-resume')}` : ctx.t('action-cancelled'));
});

export const fallback = new HandlerComposer<BotContext>();

fallback.on('message', async (ctx) => {
  const text = ctx.message.text ?? '';
  await ctx.reply(text.startsWith('/') ? ctx.t('unknown-command') : ctx.t('help-free-text'));
});
// A press on a button of an old message: stop the spinner and say what to do.
fallback.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('help-stale-button') }));
