// /broadcast: the admin types the text, sees it exactly as users will (a preview message with Confirm / Cancel),
// and Confirm records StartBroadcast in the admin's stream. Delivery is the broadcast runner's (gateway/broadcast):
// throttled, resumable, at most once per user, with progress shown to the admin in one edited message. The typed
// text never enters the dialog (domain/dialog): the preview message carries it until Confirm reads it back.
import { countCharacters, MAX_BROADCAST_CHARACTERS } from '../../../../../domain/user/index.js';
import type { BotContext } from '../../context.js';
import { attempt, show } from '../safety/respond.js';
import { broadcastKeyboard } from './keyboards.js';

export const BROADCAST_FLOW = 'broadcast';

const setStep = (ctx: BotContext, step: 'text' | 'preview' | null): void => {
  ctx.actor.decide({ type: 'SetDialog', data: { dialog: step === null ? null : { flow: BROADCAST_FLOW, step, data: {} } } });
};

export const inBroadcast = (ctx: BotContext, step: 'text' | 'preview'): boolean =>
  ctx.actor.state.dialog?.flow === BROADCAST_FLOW && ctx.actor.state.dialog.step === step;

export const askBroadcast = async (ctx: BotContext): Promise<void> => {
  if (await attempt(ctx, () => setStep(ctx, 'text'))) await ctx.reply(ctx.t('admin-broadcast-ask', { max: MAX_BROADCAST_CHARACTERS }));
};

export const previewBroadcast = async (ctx: BotContext, text: string): Promise<void> => {
  const length = countCharacters(text.trim());
  if (length === 0 || length > MAX_BROADCAST_CHARACTERS) {
    await ctx.reply(ctx.t('admin-broadcast-too-long', { length, max: MAX_BROADCAST_CHARACTERS }));
    return;
  }
  setStep(ctx, 'preview');
  await ctx.reply(ctx.t('admin-broadcast-preview'));
  await ctx.reply(text, { reply_markup: broadcastKeyboard(ctx.t) });
};

export const confirmBroadcast = async (ctx: BotContext): Promise<void> => {
  const message = ctx.callbackQuery?.message;
  const text = message !== undefined && 'text' in message ? message.text : undefined;
  if (!inBroadcast(ctx, 'preview') || text === undefined) {
    await ctx.answerCallbackQuery({ text: ctx.t('safety-stale-button') });
    return;
  }
  const started = await attempt(ctx, () => {
    ctx.actor.decide({ type: 'StartBroadcast', data: { text } });
    setStep(ctx, null);
  });
  if (!started) return;
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } });
  await ctx.reply(ctx.t('admin-broadcast-confirmed'));
};

export const cancelBroadcast = async (ctx: BotContext): Promise<void> => {
  if (ctx.actor.state.dialog?.flow === BROADCAST_FLOW) setStep(ctx, null);
  await show(ctx, ctx.t('admin-broadcast-cancelled'));
};
