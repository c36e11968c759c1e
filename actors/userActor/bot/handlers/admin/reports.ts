// /reports: the moderation queue, one report at a time with Prev/Next; Dismiss, Ban and Unban are ReviewReport
// decisions in the admin's stream, and a ban or unban is also queued for the reported user's actor (the domain
// derives the command id from this decision, so a redelivered press queues it once).
import { reportReasonKey } from '../../../../../domain/i18n/index.js';
import type { ReportItem } from '../../../ports/index.js';
import type { BotContext } from '../../context.js';
import { attempt, show } from '../safety/respond.js';
import { utcMinute } from './gate.js';
import { reportKeyboard } from './keyboards.js';

export const reportText = (t: BotContext['t'], item: ReportItem, index: number, total: number): string =>
  t('admin-report-item', {
    index: index + 1,
    total,
    status: t(`admin-report-status-${item.status}`),
    target: item.targetName ?? '—',
    targetId: item.target,
    targetStatus: item.targetStatus ?? t('admin-user-status-unknown'),
    reporter: item.reporterName ?? '—',
    reporterId: item.reporter,
    date: utcMinute(item.reportedAt),
    reason: t(reportReasonKey(item.reason)),
    comment: item.comment ?? t('admin-no-comment'),
  });

export const showReport = async (ctx: BotContext, index: number): Promise<void> => {
  const page = await ctx.services.adminDesk.reports(index);
  if (page.item === null) return show(ctx, ctx.t('admin-reports-empty'));
  await show(ctx, reportText(ctx.t, page.item, page.index, page.total), reportKeyboard(ctx.t, page.item, page.index, page.total));
};

export type ReportAction = 'dismissed' | 'banned' | 'unbanned';

export interface ReportRef {
  readonly reporter: string;
  readonly version: number;
  readonly target: string;
  readonly reason: ReportItem['reason'];
  readonly index: number;
}

export const reviewReport = async (ctx: BotContext, ref: ReportRef, action: ReportAction): Promise<void> => {
  const page = await ctx.services.adminDesk.reports(ref.index);
  const { reporter, version, target, reason } = ref;
  const reviewed = await attempt(ctx, () => ctx.actor.decide({ type: 'ReviewReport', data: { reporter, version, target, action, reason } }));
  if (!reviewed) return;
  const shown = page.item !== null && page.item.reporter === reporter && page.item.version === version ? page.item : null;
  if (shown === null) return show(ctx, ctx.t(`admin-report-status-${action}`));
  // The read model learns the target's new status later; until then the screen shows what this press decided (an
  // unban returns the user to their status before the ban, which only the read model knows: 'active' stands in).
  const targetStatus = action === 'banned' ? 'banned' : action === 'unbanned' ? 'active' : shown.targetStatus;
  const item: ReportItem = { ...shown, status: action, targetStatus };
  await show(ctx, reportText(ctx.t, item, page.index, page.total), reportKeyboard(ctx.t, item, page.index, page.total));
};
