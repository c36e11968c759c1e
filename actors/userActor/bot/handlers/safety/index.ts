// Safety (issue #6, point 6): /block and /report, from a card's buttons (sf:block:<peer>, sf:report:<peer>, put on
// /find, request and partner cards by those features) or as commands inside a chat with a partner (the current
// partner; with several, a picker). Block asks first, then BlockUser (the domain closes open tandems). Report asks a
// reason, then an optional comment (the next text, or Skip), then ReportUser: it lands in the admins' moderation
// queue. /unblock lists blocked users.
import { isUserId } from '../../../../../domain/user/index.js';
import type { BotContext } from '../../context.js';
import { parseCallbackData } from '../../callbackData.js';
import { peerRef, resolvePeerRef } from '../../peerRef.js';
import { activeTandems, currentPartner } from '../relay/current.js';
import { lookUpPeer, lookUpPeers } from '../requests/peerNames.js';
import { blockConfirmKeyboard, isReportReason, peerPickerKeyboard, reportCommentKeyboard, reportReasonKeyboard } from './keyboards.js';
import { attempt, say, show } from './respond.js';
import { HandlerComposer } from '../../handlerComposer.js';

const refOf = (ctx: BotContext, peer: string): string => peerRef(ctx.api.token, ctx.actor.userId, peer);

export const safety = new HandlerComposer<BotContext>();

/** The dialog of a report waiting for its comment; the comment itself never enters it (domain/dialog). */
export const REPORT_FLOW = 'report';

const nameOf = async (ctx: BotContext, peer: string): Promise<string> => (await lookUpPeer(ctx.services, ctx.t, peer)).name;

const askBlock = async (ctx: BotContext, peer: string): Promise<void> => {
  await show(ctx, ctx.t('safety-block-confirm', { name: await nameOf(ctx, peer) }), blockConfirmKeyboard(ctx.t, refOf(ctx, peer)));
};

const askReason = async (ctx: BotContext, peer: string): Promise<void> => {
  await show(ctx, ctx.t('report-ask-reason', { name: await nameOf(ctx, peer) }), reportReasonKeyboard(ctx.t, refOf(ctx, peer)));
};

/** /block or /report typed in a chat: the current partner, a picker among the active ones, or an explanation. */
const forCurrentPartner = (action: 'block' | 'report', ask: (ctx: BotContext, peer: string) => Promise<void>) => async (ctx: BotContext) => {
  const state = ctx.actor.state;
  const current = currentPartner(state);
  if (current !== null) return ask(ctx, current);
  const peers = [...new Set(activeTandems(state).map((t) => t.peer))];
  if (peers.length === 0) return void (await ctx.reply(ctx.t('safety-no-partner')));
  const named = await lookUpPeers(ctx.services, ctx.t, peers);
  await ctx.reply(ctx.t('safety-pick-partner'), { reply_markup: peerPickerKeyboard(action === 'block' ? 'block-pick' : 'report-pick', named.map((peer) => ({ ...peer, id: refOf(ctx, peer.id) }))) });
};

safety.command('block', forCurrentPartner('block', askBlock));
safety.command('report', forCurrentPartner('report', askReason));

safety.command('unblock', async (ctx) => {
  const blocked = ctx.actor.state.blocked;
  if (blocked.length === 0) return void (await ctx.reply(ctx.t('safety-unblock-none')));
  const named = await lookUpPeers(ctx.services, ctx.t, blocked);
  await ctx.reply(ctx.t('safety-unblock-list'), { reply_markup: peerPickerKeyboard('unblock', named.map((peer) => ({ ...peer, id: refOf(ctx, peer.id) }))) });
});

safety.callbackQuery(/^sf:/, async (ctx) => {
  const { action, args } = parseCallbackData(ctx.callbackQuery.data);
  // Buttons name the peer by a reference (bot/peerRef.ts); one that no longer resolves is a stale button.
  const peer = resolvePeerRef(ctx.api.token, ctx.actor.state, args[0]) ?? undefined;
  const needsPeer = action !== 'skip' && action !== 'report-no';
  if (needsPeer && !isUserId(peer)) return void (await ctx.answerCallbackQuery({ text: ctx.t('safety-stale-button') }));
  const target = peer ?? '';
  switch (action) {
    case 'block':
      // From someone's card: a new message asks, and the card stays as it was.
      await ctx.answerCallbackQuery();
      await say(ctx, ctx.t('safety-block-confirm', { name: await nameOf(ctx, target) }), blockConfirmKeyboard(ctx.t, refOf(ctx, target)));
      return;
    case 'block-pick':
      return askBlock(ctx, target);
    case 'block-yes': {
      const name = await nameOf(ctx, target);
      if (await attempt(ctx, () => ctx.actor.decide({ type: 'BlockUser', data: { target } }))) await show(ctx, ctx.t('user-blocked', { name }));
      return;
    }
    case 'block-no':
      return show(ctx, ctx.t('safety-block-cancelled', { name: await nameOf(ctx, target) }));
    case 'report':
      await ctx.answerCallbackQuery();
      await say(ctx, ctx.t('report-ask-reason', { name: await nameOf(ctx, target) }), reportReasonKeyboard(ctx.t, refOf(ctx, target)));
      return;
    case 'report-pick':
      return askReason(ctx, target);
    case 'reason': {
      const reason = args[1];
      if (!isReportReason(reason)) return void (await ctx.answerCallbackQuery({ text: ctx.t('safety-stale-button') }));
      const ok = await attempt(ctx, () => ctx.actor.decide({ type: 'SetDialog', data: { dialog: { flow: REPORT_FLOW, step: 'comment', data: { target, reason } } } }));
      if (ok) await show(ctx, ctx.t('report-ask-comment'), reportCommentKeyboard(ctx.t));
      return;
    }
    case 'skip':
      return sendReport(ctx, null);
    case 'report-no':
      if (ctx.actor.state.dialog?.flow === REPORT_FLOW) ctx.actor.decide({ type: 'SetDialog', data: { dialog: null } });
      return show(ctx, ctx.t('safety-report-cancelled'));
    case 'unblock': {
      const name = await nameOf(ctx, target);
      if (await attempt(ctx, () => ctx.actor.decide({ type: 'UnblockUser', data: { target } }))) await show(ctx, ctx.t('user-unblocked', { name }));
      return;
    }
    default:
      await ctx.answerCallbackQuery({ text: ctx.t('safety-stale-button') });
  }
});

const pendingReport = (ctx: BotContext): { target: string; reason: string } | null => {
  const dialog = ctx.actor.state.dialog;
  if (dialog?.flow !== REPORT_FLOW || dialog.step !== 'comment') return null;
  const { target, reason } = dialog.data;
  return typeof target === 'string' && typeof reason === 'string' ? { target, reason } : null;
};

const sendReport = async (ctx: BotContext, comment: string | null): Promise<void> => {
  const pending = pendingReport(ctx);
  if (pending === null || !isReportReason(pending.reason)) return show(ctx, ctx.t('safety-stale-button'));
  const { target, reason } = pending;
  const sent = await attempt(ctx, () => {
    ctx.actor.decide({ type: 'ReportUser', data: { target, reason, comment } });
    ctx.actor.decide({ type: 'SetDialog', data: { dialog: null } });
  });
  if (sent) await show(ctx, ctx.t('report-received'));
};

// The comment of a report waiting for one; a command instead goes on to its own feature.
safety.on('message:text', async (ctx, next) => {
  if (pendingReport(ctx) === null || ctx.message.text.startsWith('/')) return next();
  await sendReport(ctx, ctx.message.text);
});
