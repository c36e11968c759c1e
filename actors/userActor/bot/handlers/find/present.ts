// Shows the next partner card of a search (or says nobody fits), as a new message after /find or by editing the
// pressed message in place, and keeps the browsing position in the dialog.
import { InlineKeyboard } from 'grammy';
import { isLocale } from '../../../../../domain/i18n/index.js';
import { partnerAlertSince } from '../../../../../domain/user/index.js';
import { renderPartnerCard } from '../../cards/index.js';
import { peerRef } from '../../peerRef.js';
import { callbackData } from '../../callbackData.js';
import type { BotContext } from '../../context.js';
import { browsingDialog, FIND_FLOW, type Browsing } from './browsing.js';
import { adviceFor, nextCandidate, rank } from './ranking.js';

export type Placement = 'reply' | 'edit';

const send = async (ctx: BotContext, placement: Placement, text: string, keyboard: InlineKeyboard | undefined): Promise<void> => {
  const markup = keyboard === undefined ? {} : { reply_markup: keyboard };
  if (placement === 'edit' && ctx.callbackQuery?.message !== undefined) await ctx.editMessageText(text, markup);
  else await ctx.reply(text, markup);
};

const setDialog = (ctx: BotContext, browsing: Browsing | null): void => {
  const dialog = ctx.actor.state.dialog;
  // Leaving a search clears only the search's own dialog, never another flow's.
  if (browsing === null && dialog?.flow !== FIND_FLOW) return;
  ctx.actor.decide({ type: 'SetDialog', data: { dialog: browsing === null ? null : browsingDialog(browsing) } });
};

/** The candidate travels as a reference (bot/peerRef.ts), resolved against the search in the dialog. */
export const cardKeyboard = (ctx: BotContext, candidateId: string): InlineKeyboard => {
  const id = peerRef(ctx.api.token, ctx.actor.userId, candidateId);
  return new InlineKeyboard()
    .text(ctx.t('find-button-request'), callbackData('fd', 'req', id))
    .row()
    .text(ctx.t('find-button-skip'), callbackData('fd', 'skip', id))
    .text(ctx.t('find-button-next'), callbackData('fd', 'next', id))
    .row()
    .text(ctx.t('find-button-block'), callbackData('sf', 'block', id))
    .text(ctx.t('find-button-report'), callbackData('sf', 'report', id));
};

const againKeyboard = (ctx: BotContext, notify: boolean): InlineKeyboard => {
  const keyboard = new InlineKeyboard();
  if (notify) keyboard.text(ctx.t('find-button-notify'), callbackData('fd', 'notify')).row();
  return keyboard.text(ctx.t('find-button-again'), callbackData('fd', 'again'));
};

/** Shows the candidate after `browsing.current` (the best one when there is none). */
export const present = async (ctx: BotContext, browsing: Browsing, placement: Placement): Promise<void> => {
  const { state, now } = ctx.actor;
  let ranking: Awaited<ReturnType<typeof rank>>;
  try {
    ranking = await rank(ctx.services.directory, state, now);
  } catch {
    // The read side is down (Postgres unreachable): say so rather than leave the user waiting on retries.
    await send(ctx, placement, ctx.t('find-search-failed'), againKeyboard(ctx, false));
    return;
  }
  if (ranking === null) return;
  if (ranking.ranked.length === 0) {
    setDialog(ctx, null);
    const waiting = partnerAlertSince(state) !== null;
    const lines = [ctx.t('find-none'), '', ctx.t(`find-advice-${adviceFor(ranking, now)}`), '', ctx.t(waiting ? 'find-notify-set' : 'find-advice-notify')];
    await send(ctx, placement, lines.join('\n'), againKeyboard(ctx, !waiting));
    return;
  }
  const asked = await ctx.i18n.getLocale();
  const locale = isLocale(asked) ? asked : 'en';
  const tried = new Set<string>();
  for (let candidate = nextCandidate(ranking.ranked, browsing.current, browsing.skipped); candidate !== null && !tried.has(candidate.id); ) {
    tried.add(candidate.id);
    const card = await ctx.services.directory.card(candidate.id);
    if (card !== null) {
      const open = ranking.ranked.filter((c) => !browsing.skipped.includes(c.id));
      const index = open.findIndex((c) => c.id === candidate?.id) + 1;
      const heading = ctx.t('find-position', { index, total: open.length });
      const text = renderPartnerCard({ card, viewer: state, locale, t: (key, args) => ctx.t(key, args), now, score: candidate.score, heading });
      setDialog(ctx, { current: candidate.id, skipped: browsing.skipped });
      await send(ctx, placement, text, cardKeyboard(ctx, candidate.id));
      return;
    }
    // Ranked but without a card yet (the read side is behind on them): the next one.
    candidate = nextCandidate(ranking.ranked, candidate.id, [...browsing.skipped, ...tried]);
  }
  setDialog(ctx, null);
  await send(ctx, placement, ctx.t('find-skipped-all'), againKeyboard(ctx, false));
};
