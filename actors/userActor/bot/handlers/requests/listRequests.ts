// /requests: what is waiting and who the partners are. Each incoming request comes as its own card with Accept /
// Decline (as when it arrived); outgoing ones are listed with Withdraw buttons; active tandems show how to reach
// the partner (the @username on the contact channel, the relay otherwise) with an End button each.
import type { InlineKeyboardButton } from 'grammy/types';
import { requestExpiresAt } from '../../../../../domain/tandem/index.js';
import type { BotContext } from '../../context.js';
import { callbackData } from '../../callbackData.js';
import { lookUpPeers, viewerOf } from './peerNames.js';
import { fitText, requestCard } from './render.js';
import { encodeRequestId } from './requestIds.js';

/** Cards sent per /requests; the rest are counted (a long list would flood the chat and Telegram's per-chat limit). */
export const MAX_CARDS_PER_LIST = 5;
/** Buttons in one list message, well within Telegram's 100. */
const MAX_LIST_BUTTONS = 20;

const HOUR_MS = 60 * 60 * 1000;

export const listRequests = async (ctx: BotContext): Promise<void> => {
  const { state, now } = ctx.actor;
  const live = (requestedAt: string): boolean => now.getTime() < requestExpiresAt(requestedAt);
  const incoming = state.tandems.filter((t) => t.role === 'target' && t.status === 'requested' && live(t.requestedAt));
  const outgoing = state.tandems.filter((t) => t.role === 'requester' && t.status === 'requested' && live(t.requestedAt));
  const active = state.tandems.filter((t) => t.status === 'active');
  if (incoming.length + outgoing.length + active.length === 0) {
    await ctx.reply(ctx.t('tandem-requests-none'));
    return;
  }
  const viewer = viewerOf(ctx);

  if (incoming.length > 0) {
    await ctx.reply(ctx.t('tandem-requests-incoming', { count: incoming.length }));
    const shown = incoming.slice(0, MAX_CARDS_PER_LIST);
    const peers = await lookUpPeers(ctx.services, ctx.t, shown.map((t) => t.peer));
    for (const [index, record] of shown.entries()) {
      const card = requestCard(peers[index]!, viewer, record.id);
      await ctx.reply(card.text, card.reply_markup === undefined ? {} : { reply_markup: card.reply_markup });
    }
    if (incoming.length > shown.length) await ctx.reply(ctx.t('tandem-requests-more', { count: incoming.length - shown.length }));
  }

  if (outgoing.length > 0) {
    const peers = await lookUpPeers(ctx.services, ctx.t, outgoing.map((t) => t.peer));
    const lines = outgoing.map((record, index) =>
      ctx.t('tandem-requests-outgoing-item', { name: peers[index]!.name, hours: Math.max(1, Math.ceil((requestExpiresAt(record.requestedAt) - now.getTime()) / HOUR_MS)) }),
    );
    const buttons: InlineKeyboardButton[][] = outgoing
      .slice(0, MAX_LIST_BUTTONS)
      .map((record, index) => [{ text: ctx.t('tandem-button-cancel-request', { name: peers[index]!.name }), callback_data: callbackData('rq', 'cancel', encodeRequestId(record.id)) }]);
    await ctx.reply(fitText([ctx.t('tandem-requests-outgoing'), ...lines].join('\n')), { reply_markup: { inline_keyboard: buttons } });
  }

  if (active.length > 0) {
    const peers = await lookUpPeers(ctx.services, ctx.t, active.map((t) => t.peer));
    const lines = active.map((record, index) => {
      const peer = peers[index]!;
      const username = peer.card?.username ?? null;
      return record.channel === 'contact' && username !== null
        ? ctx.t('tandem-requests-active-contact', { name: peer.name, contact: `@${username}` })
        : ctx.t('tandem-requests-active-relay', { name: peer.name });
    });
    const buttons: InlineKeyboardButton[][] = active
      .slice(0, MAX_LIST_BUTTONS)
      .map((record, index) => [{ text: ctx.t('tandem-button-end', { name: peers[index]!.name }), callback_data: callbackData('tn', 'end', encodeRequestId(record.id)) }]);
    await ctx.reply(fitText([ctx.t('tandem-requests-active'), ...lines].join('\n')), { reply_markup: { inline_keyboard: buttons } });
  }
};
