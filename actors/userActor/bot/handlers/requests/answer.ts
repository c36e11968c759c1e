// The target answers a request on its card, and the requester may withdraw one from /requests. Every answer edits
// the card in place; a press on a request that is no longer waiting (answered, withdrawn, expired) says so and
// takes the buttons away.
import type { Composer } from 'grammy';
import { isDomainError } from '../../../../../domain/errors.js';
import { errorMessage } from '../../../../../domain/i18n/index.js';
import { DECLINE_REASONS, type DeclineReason, type TandemRecord } from '../../../../../domain/tandem/index.js';
import type { BotContext } from '../../context.js';
import { parseCallbackData } from '../../callbackData.js';
import { lookUpPeer, viewerOf } from './peerNames.js';
import { declineReasonsKeyboard, fitText, requestCard, requestCardKeyboard } from './render.js';
import { findByEncodedId } from './requestIds.js';

const argsOf = (ctx: BotContext): readonly string[] => parseCallbackData(ctx.callbackQuery?.data ?? '').args;

/** The card's text with a status line appended, keyboard removed. */
const closeCard = async (ctx: BotContext, status: string): Promise<void> => {
  const shown = ctx.callbackQuery?.message;
  const before = shown !== undefined && 'text' in shown && typeof shown.text === 'string' ? shown.text : '';
  const text = before === '' ? status : fitText(`${before}\n\n— ${status}`);
  // Best effort: an old message may be gone or unchanged; the spoken answer below still reaches the user.
  await ctx.editMessageText(text, { reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
};

const stale = async (ctx: BotContext): Promise<void> => {
  await ctx.answerCallbackQuery({ text: ctx.t('request-already-answered') });
  await closeCard(ctx, ctx.t('request-already-answered'));
};

/** The record a press names, when it is a request still waiting in the given role; otherwise answers and returns null. */
const waiting = async (ctx: BotContext, role: TandemRecord['role']): Promise<TandemRecord | null> => {
  const record = findByEncodedId(ctx.actor.state, argsOf(ctx)[0]);
  if (record === undefined || record.role !== role || record.status !== 'requested') {
    await stale(ctx);
    return null;
  }
  return record;
};

/** Decides, or answers the refusal in the callback's toast and the card; true when decided. */
const tryDecide = async (ctx: BotContext, decide: () => void): Promise<boolean> => {
  try {
    decide();
    return true;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const { key, args } = errorMessage(error);
    const text = ctx.t(key, args);
    await ctx.answerCallbackQuery({ text: text.slice(0, 200) });
    await closeCard(ctx, text);
    return false;
  }
};

export const registerAnswers = (composer: Composer<BotContext>): void => {
  composer.callbackQuery(/^rq:accept:/, async (ctx) => {
    const record = await waiting(ctx, 'target');
    if (record === null) return;
    if (!(await tryDecide(ctx, () => ctx.actor.decide({ type: 'AcceptRequest', data: { requestId: record.id } })))) return;
    const peer = await lookUpPeer(ctx.services, ctx.t, record.peer);
    await ctx.answerCallbackQuery();
    await closeCard(ctx, ctx.t('tandem-request-accepted-by-you', { name: peer.name }));
  });

  composer.callbackQuery(/^rq:decline:/, async (ctx) => {
    const record = await waiting(ctx, 'target');
    if (record === null) return;
    const peer = await lookUpPeer(ctx.services, ctx.t, record.peer);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t('tandem-decline-ask', { name: peer.name }), { reply_markup: declineReasonsKeyboard(ctx.t, record.id) });
  });

  composer.callbackQuery(/^rq:back:/, async (ctx) => {
    const record = await waiting(ctx, 'target');
    if (record === null) return;
    const peer = await lookUpPeer(ctx.services, ctx.t, record.peer);
    const card = requestCard(peer, viewerOf(ctx), record.id);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(card.text, { reply_markup: card.reply_markup ?? requestCardKeyboard(ctx.t, record.id, viewerOf(ctx).ref(peer.id)) });
  });

  composer.callbackQuery(/^rq:dr:/, async (ctx) => {
    const record = await waiting(ctx, 'target');
    if (record === null) return;
    const given = argsOf(ctx)[1];
    const reason: DeclineReason | null = DECLINE_REASONS.find((candidate) => candidate === given) ?? null;
    if (!(await tryDecide(ctx, () => ctx.actor.decide({ type: 'DeclineRequest', data: { requestId: record.id, reason } })))) return;
    const peer = await lookUpPeer(ctx.services, ctx.t, record.peer);
    await ctx.answerCallbackQuery();
    // The reasons keyboard replaced the card's text, so the status stands alone.
    await ctx.editMessageText(ctx.t('tandem-request-declined-by-you', { name: peer.name }), { reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
  });

  composer.callbackQuery(/^rq:cancel:/, async (ctx) => {
    const record = await waiting(ctx, 'requester');
    if (record === null) return;
    if (!(await tryDecide(ctx, () => ctx.actor.decide({ type: 'CancelRequest', data: { requestId: record.id } })))) return;
    const peer = await lookUpPeer(ctx.services, ctx.t, record.peer);
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t('tandem-request-withdrawn-by-you', { name: peer.name }));
  });
};
