// Showing a wizard step: the dialog is set to the step first (so the progress survives whatever comes next), then
// the screen replaces the pressed message in place, or arrives as a new message after typed text or a command.
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { BotContext } from '../../context.js';
import { localeOf } from '../../createUserBot.js';
import { renderStep, type Screen, type View } from './screens/index.js';
import { toDialog, type Wizard } from './wizard.js';

export type Placement = 'edit' | 'send';

export const viewOf = (ctx: BotContext): View => ({
  t: (key, args) => ctx.t(key, args as Record<string, string | number> | undefined),
  locale: localeOf(ctx.actor.state, ctx.from?.language_code),
  profile: ctx.actor.state.profile,
  now: ctx.actor.now,
});

const markup = (screen: Screen): InlineKeyboardMarkup => ({ inline_keyboard: screen.keyboard.map((row) => [...row]) });

/** Puts a screen on the pressed message ('edit'), or in a new message ('send', or when nothing was pressed). */
export const showScreen = async (ctx: BotContext, screen: Screen, placement: Placement, prefix?: string): Promise<void> => {
  const text = prefix === undefined ? screen.text : `${prefix}\n\n${screen.text}`;
  if (placement === 'edit' && ctx.callbackQuery?.message !== undefined) {
    await ctx.editMessageText(text, { reply_markup: markup(screen) });
    return;
  }
  await ctx.reply(text, { reply_markup: markup(screen) });
};

/** Moves the wizard to `wizard` (recorded in the dialog) and shows its screen. */
export const goTo = async (ctx: BotContext, wizard: Wizard, placement: Placement, prefix?: string): Promise<void> => {
  ctx.actor.decide({ type: 'SetDialog', data: { dialog: toDialog(wizard) } });
  await showScreen(ctx, renderStep(viewOf(ctx), wizard), placement, prefix);
};
