// /feedback (issue #6, point 7): asks for the text (the domain's 10–1000 characters), records SendFeedback and
// tells each admin (ADMIN_TELEGRAM_IDS). The admins' messages are Bot API calls in this user's outbox, committed
// with the FeedbackSent event, so a message to the team is never lost and never sent without its record. They are
// written in the default locale: the sender's actor does not know the admins' languages; the /feedbacks inbox,
// read by an admin's own actor, speaks theirs.
import { DEFAULT_LOCALE } from '../../../../../domain/i18n/index.js';
import { MAX_FEEDBACK_CHARACTERS, MIN_FEEDBACK_CHARACTERS } from '../../../../../domain/user/index.js';
import { callbackData } from '../../callbackData.js';
import type { BotContext } from '../../context.js';
import { attempt, show } from '../safety/respond.js';
import { HandlerComposer } from '../../handlerComposer.js';

export const feedback = new HandlerComposer<BotContext>();

export const FEEDBACK_FLOW = 'feedback';

const inFeedback = (ctx: BotContext): boolean => ctx.actor.state.dialog?.flow === FEEDBACK_FLOW;

feedback.command('feedback', async (ctx) => {
  const asked = await attempt(ctx, () => ctx.actor.decide({ type: 'SetDialog', data: { dialog: { flow: FEEDBACK_FLOW, step: 'text', data: {} } } }));
  if (!asked) return;
  await ctx.reply(ctx.t('feedback-ask', { min: MIN_FEEDBACK_CHARACTERS, max: MAX_FEEDBACK_CHARACTERS }), {
    reply_markup: { inline_keyboard: [[{ text: ctx.t('feedback-button-cancel'), callback_data: callbackData('fb', 'cancel') }]] },
  });
});

feedback.callbackQuery(/^fb:/, async (ctx) => {
  if (!inFeedback(ctx)) {
    // The prompt of a flow that is over (the message was sent, or /cancel left it): "not sent" could be false, so
    // the press only retires the old button.
    await ctx.answerCallbackQuery({ text: ctx.t('help-stale-button') });
    if (ctx.callbackQuery.message !== undefined) await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } });
    return;
  }
  ctx.actor.decide({ type: 'SetDialog', data: { dialog: null } });
  await show(ctx, ctx.t('feedback-cancelled'));
});

/** The admins' notice, in the default locale (see the header). */
const adminNotice = async (ctx: BotContext, text: string): Promise<string> => {
  const locale = await ctx.i18n.getLocale();
  ctx.i18n.useLocale(DEFAULT_LOCALE);
  try {
    return ctx.t('admin-feedback-new', { name: ctx.from?.first_name ?? '', id: String(ctx.from?.id ?? ''), text });
  } finally {
    ctx.i18n.useLocale(locale);
  }
};

feedback.on('message:text', async (ctx, next) => {
  if (!inFeedback(ctx) || ctx.message.text.startsWith('/')) return next();
  const sent = await attempt(ctx, () => {
    ctx.actor.decide({ type: 'SendFeedback', data: { text: ctx.message.text } });
    ctx.actor.decide({ type: 'SetDialog', data: { dialog: null } });
  });
  // Too short or too long: the domain's answer names the limits, and the flow stays open for another try.
  if (!sent) return;
  const stored = ctx.actor.output.find((event) => event.type === 'FeedbackSent');
  const text = stored !== undefined && 'text' in stored.data ? String(stored.data.text) : ctx.message.text;
  const notice = await adminNotice(ctx, text);
  for (const admin of ctx.services.admins) await ctx.api.sendMessage(Number(admin), notice);
  await ctx.reply(ctx.t('feedback-received'));
});
