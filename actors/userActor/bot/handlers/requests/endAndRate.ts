// /end closes a tandem (a picker when there are several), then both sides are asked for a rating: 1–5 buttons,
// then an optional comment (typed, or Skip). The comment goes straight into RateTandem; the dialog holds only the
// tandem and the number while waiting for it.
import type { Composer } from 'grammy';
import type { Dialog } from '../../../../../domain/dialog/index.js';
import { RATING_MAX, RATING_MIN, type TandemRecord } from '../../../../../domain/tandem/index.js';
import type { BotContext } from '../../context.js';
import { callbackData, parseCallbackData } from '../../callbackData.js';
import { replyToDomainError } from '../../replyToDomainError.js';
import { RELAY_FLOW, activeTandems } from '../relay/current.js';
import { lookUpPeer, lookUpPeers } from './peerNames.js';
import { ratePrompt, skipCommentKeyboard, stars } from './render.js';
import { encodeRequestId, findByEncodedId } from './requestIds.js';

export const RATE_FLOW = 'rate';

const rateDialog = (requestId: string, rating: number): Dialog => ({ flow: RATE_FLOW, step: 'comment', data: { requestId, rating } });

const endTandem = async (ctx: BotContext, record: TandemRecord): Promise<void> => {
  try {
    ctx.actor.decide({ type: 'EndTandem', data: { requestId: record.id } });
  } catch (error) {
    return replyToDomainError(ctx, error);
  }
  const dialog = ctx.actor.state.dialog;
  if (dialog?.flow === RELAY_FLOW && dialog.data.requestId === record.id) ctx.actor.decide({ type: 'SetDialog', data: { dialog: null } });
  const peer = await lookUpPeer(ctx.services, ctx.t, record.peer);
  const prompt = ratePrompt(peer, ctx.t, record.id, ctx.t('tandem-ended', { name: peer.name }));
  await ctx.reply(prompt.text, prompt.reply_markup === undefined ? {} : { reply_markup: prompt.reply_markup });
};

const rate = async (ctx: BotContext, requestId: string, rating: number, comment: string | null): Promise<boolean> => {
  try {
    ctx.actor.decide({ type: 'RateTandem', data: { requestId, rating, comment } });
  } catch (error) {
    await replyToDomainError(ctx, error);
    return false;
  }
  ctx.actor.decide({ type: 'SetDialog', data: { dialog: null } });
  await ctx.reply(ctx.t('rating-received'));
  return true;
};

export const registerEndAndRate = (composer: Composer<BotContext>): void => {
  composer.command('end', async (ctx) => {
    const active = activeTandems(ctx.actor.state);
    if (active.length === 0) {
      await ctx.reply(ctx.t('tandem-none'));
      return;
    }
    if (active.length === 1) return endTandem(ctx, active[0]!);
    const peers = await lookUpPeers(ctx.services, ctx.t, active.map((t) => t.peer));
    await ctx.reply(ctx.t('tandem-end-pick'), {
      reply_markup: {
        inline_keyboard: active.slice(0, 20).map((record, index) => [{ text: peers[index]!.name, callback_data: callbackData('tn', 'end', encodeRequestId(record.id)) }]),
      },
    });
  });

  composer.callbackQuery(/^tn:end:/, async (ctx) => {
    const record = findByEncodedId(ctx.actor.state, parseCallbackData(ctx.callbackQuery.data).args[0]);
    if (record?.status !== 'active') {
      await ctx.answerCallbackQuery({ text: ctx.t('error-tandem_not_active') });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
    await endTandem(ctx, record);
  });

  composer.callbackQuery(/^tn:rate:/, async (ctx) => {
    const [encoded, given] = parseCallbackData(ctx.callbackQuery.data).args;
    const record = findByEncodedId(ctx.actor.state, encoded);
    const rating = Number(given);
    if (record === undefined || record.status !== 'ended' || !Number.isInteger(rating) || rating < RATING_MIN || rating > RATING_MAX) {
      await ctx.answerCallbackQuery({ text: ctx.t('request-already-answered') });
      return;
    }
    if (record.ratingGiven !== null) {
      await ctx.answerCallbackQuery({ text: ctx.t('tandem-rating-done') });
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
      return;
    }
    ctx.actor.decide({ type: 'SetDialog', data: { dialog: rateDialog(record.id, rating) } });
    const peer = await lookUpPeer(ctx.services, ctx.t, record.peer);
    await ctx.answerCallbackQuery();
    await ctx
      .editMessageText(`${ctx.t('tandem-rate-chosen', { name: peer.name, stars: stars(rating) })}\n\n${ctx.t('rating-comment-ask')}`, {
        reply_markup: skipCommentKeyboard(ctx.t, record.id),
      })
      .catch(() => undefined);
  });

  composer.callbackQuery(/^tn:skip:/, async (ctx) => {
    const dialog = ctx.actor.state.dialog;
    const record = findByEncodedId(ctx.actor.state, parseCallbackData(ctx.callbackQuery.data).args[0]);
    if (dialog?.flow !== RATE_FLOW || record === undefined || dialog.data.requestId !== record.id || typeof dialog.data.rating !== 'number') {
      await ctx.answerCallbackQuery({ text: ctx.t(record?.ratingGiven === null || record === undefined ? 'request-already-answered' : 'tandem-rating-done') });
      return;
    }
    await ctx.answerCallbackQuery();
    if (await rate(ctx, record.id, dialog.data.rating, null)) await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
  });

  // The comment: any text while the rating dialog waits for one (commands pass on to their features).
  composer.on('message:text', async (ctx, next) => {
    const dialog = ctx.actor.state.dialog;
    if (dialog?.flow !== RATE_FLOW || ctx.message.text.startsWith('/')) return next();
    const { requestId, rating } = dialog.data;
    if (typeof requestId !== 'string' || typeof rating !== 'number') {
      ctx.actor.decide({ type: 'SetDialog', data: { dialog: null } });
      return next();
    }
    await rate(ctx, requestId, rating, ctx.message.text);
  });
};
