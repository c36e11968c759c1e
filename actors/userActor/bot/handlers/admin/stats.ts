// /stats: the figures of the analytics read models, through the AdminDesk port. Languages are named in the admin's
// interface language, as on the cards ("Russian ← Swedish", not "ru ← sv").
import { isLanguageCode, languageName } from '../../../../../domain/languages/index.js';
import type { AdminStats } from '../../../ports/index.js';
import type { BotContext } from '../../context.js';

type T = (key: string, args?: Record<string, string | number>) => string;

/** A read model's language code by name; a code the catalog does not know (an older row) shows as it is. */
const named = (code: string, locale: string): string => (isLanguageCode(code) ? languageName(code, locale) : code);

export const statsText = (t: T, locale: string, stats: AdminStats): string => {
  const pairs =
    stats.topLanguagePairs.length === 0
      ? t('admin-stats-no-pairs')
      : stats.topLanguagePairs
          .map((p) =>
            t('admin-stats-pair', { learning: named(p.learningLanguage, locale), native: named(p.nativeLanguage, locale), demand: p.demand, supply: p.supply }),
          )
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
  await ctx.reply(statsText(ctx.t, await ctx.i18n.getLocale(), stats));
};
