// /find (issue #6, point 3): the best candidate's card with Send request / Skip / Next (Block and Report belong to
// safety's 'sf' buttons), browsing in place; when nobody fits, what to change and "Notify me".
import { InlineKeyboard } from 'grammy';
import { isDomainError } from '../../../../../domain/errors.js';
import { REQUEST_TTL_MS } from '../../../../../domain/tandem/index.js';
import { isUserId, missingSections } from '../../../../../domain/user/index.js';
import { partnerName } from '../../cards/index.js';
import { callbackData, callbackPattern, parseCallbackData } from '../../callbackData.js';
import { peerRef, resolvePeerRef } from '../../peerRef.js';
import type { BotContext } from '../../context.js';
import { replyToDomainError } from '../../replyToDomainError.js';
import { browsingOf, NO_BROWSING } from './browsing.js';
import { present } from './present.js';
import { HandlerComposer } from '../../handlerComposer.js';

export const find = new HandlerComposer<BotContext>();

const HOUR_MS = 60 * 60 * 1000;

/** True when the user may browse; otherwise answers why not (what is missing, paused, not started, banned). */
const readyToFind = async (ctx: BotContext): Promise<boolean> => {
  try {
    ctx.actor.decide({ type: 'RecordActivity', data: {} });
  } catch (error) {
    await replyToDomainError(ctx, error);
    return false;
  }
  const { state } = ctx.actor;
  if (state.status === 'onboarding') {
    const missing = missingSections(state.profile, true).map((section) => ctx.t(`find-section-${section}`));
    await ctx.reply(ctx.t('find-incomplete', { missing: missing.join(', ') }));
    return false;
  }
  if (state.status === 'paused') {
    await ctx.reply(ctx.t('find-paused'));
    return false;
  }
  return true;
};

find.command('find', async (ctx) => {
  if (await readyToFind(ctx)) await present(ctx, NO_BROWSING, 'reply');
});

find.callbackQuery(callbackPattern('fd'), async (ctx) => {
  // A press that names no message (the card is not known, and there is no chat to reply in: ctx.reply would throw
  // and leave the press unanswered through every redelivery) gets the stale-search hint as its notice.
  if (ctx.callbackQuery.message === undefined) {
    await ctx.answerCallbackQuery({ text: ctx.t('find-stale') });
    return;
  }
  try {
    await onPress(ctx, ctx.callbackQuery.data);
  } finally {
    // After the content calls, so the spinner stops once the answer is on screen; a screen that came out the same
    // (Search again with nothing new) was not edited, so the notice says why nothing moved.
    await ctx.answerCallbackQuery(ctx.editsSkipped > 0 ? { text: ctx.t('find-nothing-new') } : undefined);
  }
});

const onPress = async (ctx: BotContext, data: string): Promise<void> => {
  const { action, args } = parseCallbackData(data);
  if (!(await readyToFind(ctx))) return;
  const browsing = browsingOf(ctx.actor.state.dialog);
  // The card's candidate, from its reference (bot/peerRef.ts): a card of an earlier search resolves to nobody.
  const target = resolvePeerRef(ctx.api.token, ctx.actor.state, args[0]) ?? '';
  switch (action) {
    case 'again':
      return present(ctx, NO_BROWSING, 'edit');
    case 'notify':
      return watch(ctx);
    case 'next':
    case 'skip':
    case 'req':
      if (!isUserId(target)) break;
      if (action === 'next') return present(ctx, { current: target, skipped: browsing.skipped }, 'edit');
      if (action === 'skip') return present(ctx, { current: target, skipped: [...new Set([...browsing.skipped, target])] }, 'edit');
      return request(ctx, target);
    default:
      break;
  }
  await ctx.reply(ctx.t('find-stale'));
};

const request = async (ctx: BotContext, target: string): Promise<void> => {
  try {
    ctx.actor.decide({ type: 'RequestPartner', data: { target } });
  } catch (error) {
    return replyToDomainError(ctx, error);
  }
  const card = await ctx.services.directory.card(target);
  const name = partnerName(card ?? { firstName: null }, (key, args) => ctx.t(key, args));
  // The card stays on screen; only the browsing buttons remain, so the request cannot be sent twice from it.
  if (ctx.callbackQuery?.message !== undefined) {
    await ctx.editMessageReplyMarkup({ reply_markup: new InlineKeyboard().text(ctx.t('find-button-next'), callbackData('fd', 'next', peerRef(ctx.api.token, ctx.actor.userId, target))) });
  }
  await ctx.reply(ctx.t('request-sent', { name, hours: Math.round(REQUEST_TTL_MS / HOUR_MS) }));
};

const watch = async (ctx: BotContext): Promise<void> => {
  try {
    ctx.actor.decide({ type: 'WatchForPartner', data: {} });
  } catch (error) {
    if (isDomainError(error) && error.code === 'not_active') {
      await ctx.reply(ctx.t('find-notify-paused'));
      return;
    }
    return replyToDomainError(ctx, error);
  }
  await ctx.editMessageText(ctx.t('find-notify-set'));
};
