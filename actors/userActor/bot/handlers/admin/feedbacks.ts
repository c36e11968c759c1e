// /feedbacks: the feedback inbox, one item at a time with Prev/Next; Mark processed and Archive are ReviewFeedback
// decisions in the admin's own stream (projected into read_models.moderation). The pressed message shows the new
// status at once, while the read model catches up.
import type { FeedbackItem, FeedbackStatus } from '../../../ports/index.js';
import type { BotContext } from '../../context.js';
import { attempt, show } from '../safety/respond.js';
import { utcMinute } from './gate.js';
import { feedbackKeyboard } from './keyboards.js';

export const feedbackText = (t: BotContext['t'], item: FeedbackItem, index: number, total: number): string =>
  t('admin-feedback-item', {
    index: index + 1,
    total,
    status: t(`admin-feedback-status-${item.status}`),
    name: item.senderName ?? '—',
    id: item.sender,
    date: utcMinute(item.sentAt),
    text: item.text,
  });

export const showFeedback = async (ctx: BotContext, index: number): Promise<void> => {
  const page = await ctx.services.adminDesk.feedback(index);
  if (page.item === null) return show(ctx, ctx.t('admin-feedbacks-empty'));
  await show(ctx, feedbackText(ctx.t, page.item, page.index, page.total), feedbackKeyboard(ctx.t, page.item, page.index, page.total));
};

export const reviewFeedback = async (ctx: BotContext, sender: string, version: number, index: number, status: Exclude<FeedbackStatus, 'new'>): Promise<void> => {
  const page = await ctx.services.adminDesk.feedback(index);
  const reviewed = await attempt(ctx, () => ctx.actor.decide({ type: 'ReviewFeedback', data: { sender, version, status } }));
  if (!reviewed) return;
  // The item at this position may have moved meanwhile; the message shows the one that was pressed.
  const shown = page.item !== null && page.item.sender === sender && page.item.version === version ? page.item : null;
  if (shown === null) return show(ctx, ctx.t(`admin-feedback-status-${status}`));
  const item = { ...shown, status };
  await show(ctx, feedbackText(ctx.t, item, page.index, page.total), feedbackKeyboard(ctx.t, item, page.index, page.total));
};
