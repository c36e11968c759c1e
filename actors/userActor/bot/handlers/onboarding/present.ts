// Showing a wizard step: the dialog is set to the step first (so the progress survives whatever comes next), then
// the screen replaces the pressed message in place, or arrives as a new message after typed text or a command.
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { BotContext } from '../../context.js';
import { localeOf } from '../../createUserBot.js';
import { renderStep, type Screen, type View } from './screens/index.js';
import { currentWizard, toDialog, type Wizard } from './wizard.js';

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

/** Takes the buttons off the message that showed the wizard until now, so only the newest screen can be pressed. */
export const retireKeyboard = async (ctx: BotContext, messageId: number | undefined): Promise<void> => {
  const pressed = ctx.callbackQuery?.message;
  if (messageId === undefined || ctx.chat === undefined) return;
  // An edit in place already replaces that message's buttons.
  if (pressed !== undefined && pressed.message_id === messageId) return;
  await ctx.api.editMessageReplyMarkup(ctx.chat.id, messageId);
};

/** Moves the wizard to `wizard` (recorded in the dialog) and shows its screen. */
export const goTo = async (ctx: BotContext, wizard: Wizard, placement: Placement, prefix?: string): Promise<void> => {
  const pressed = ctx.callbackQuery?.message?.message_id;
  const previous = currentWizard(ctx.actor.state)?.draft.mid;
  const { mid: _stale, ...draft } = wizard.draft;
  const shownIn = placement === 'edit' ? pressed : undefined;
  const next: Wizard = { ...wizard, draft: shownIn === undefined ? draft : { ...draft, mid: shownIn } };
  ctx.actor.decide({ type: 'SetDialog', data: { dialog: toDialog(next) } });
  if (placement === 'send') await retireKeyboard(ctx, previous);
  await showScreen(ctx, renderStep(viewOf(ctx), next), placement, prefix);
};
