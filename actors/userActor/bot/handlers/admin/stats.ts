// /stats: the figures of the analytics read models, through the AdminDesk port.
import type { AdminStats } from '../../../ports/index.js';
import type { BotContext } from '../../context.js';

type T = (key: string, args?: Record<string, string | number>) => string;

export const statsText = (t: T, stats: AdminStats): string => {
  const pairs =
    stats.topLanguagePairs.length === 0
      ? t('admin-stats-no-pairs')
      : stats.topLanguagePairs
          .map((p) => t('admin-stats-pair', { learning: p.learningLanguage, native: p.nativeLanguage, demand: p.demand, supply: p.supply }))
          .join('\n');
  return t('admin-stats', {
    total: stats.usersTotal,
    active24h: stats.usersActive24h,
    active7d: stats.usersActive7d,
    newToday: stats.newUsersToday,
    completed: stats.profilesCompleted,
    requestsToday: stats.requestsToday,
    matchesToday: stats.matchesToday,
    acceptance: stats.matchAcceptanceRate === null ? t('admin-stats-no-rate') : `${Math.round(stats.matchAcceptanceRate * 100)}%`,
    pairs,
  });
};

export const showStats = async (ctx: BotContext): Promise<void> => {
  const stats = await ctx.services.adminDesk.stats(ctx.actor.now);
  await ctx.reply(statsText(ctx.t, stats));
};
