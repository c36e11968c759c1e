// The relay chat (issue #6, point 5): while a user has an active relay tandem and is in no other flow, what they
// send here goes to the partner under a header with their first name. With several relay partners the user picks
// one (a "who is this for?" question, or /chat), remembered in the dialog. Commands always go to their features
// first (see ../index.ts), so /end, /block and /report work in the middle of a chat.
import type { BotContext } from '../../context.js';
import { callbackData, parseCallbackData } from '../../callbackData.js';
import { lookUpPeer, lookUpPeers } from '../requests/peerNames.js';
import { encodeRequestId, findByEncodedId } from '../requests/requestIds.js';
import { currentRelayTandem, outsideTextFlows, relayAvailable, relayChatDialog, relayTandems } from './current.js';
import { relayKindOf, relayMessage } from './relayMessage.js';
import { HandlerComposer } from '../../handlerComposer.js';

export const relay = new HandlerComposer<BotContext>();

const MAX_PICKER_BUTTONS = 20;

const pickerKeyboard = async (ctx: BotContext, action: 'to' | 'chat', messageId?: number) => {
  const relays = relayTandems(ctx.actor.state).slice(0, MAX_PICKER_BUTTONS);
  const peers = await lookUpPeers(ctx.services, ctx.t, relays.map((t) => t.peer));
  return {
    inline_keyboard: relays.map((record, index) => [
      {
        text: peers[index]!.name,
        callback_data:
          messageId === undefined ? callbackData('rl', action, encodeRequestId(record.id)) : callbackData('rl', action, encodeRequestId(record.id), messageId),
      },
    ]),
  };
};

relay.command('chat', async (ctx) => {
  const relays = relayTandems(ctx.actor.state);
  if (relays.length === 0) {
    await ctx.reply(ctx.t('relay-chat-none'));
    return;
  }
  const current = currentRelayTandem(ctx.actor.state);
  if (relays.length === 1 && current !== null) {
    const peer = await lookUpPeer(ctx.services, ctx.t, current.peer);
    await ctx.reply(ctx.t('relay-chat-current', { name: peer.name }));
    return;
  }
  await ctx.reply(ctx.t('relay-chat-pick'), { reply_markup: await pickerKeyboard(ctx, 'chat') });
});

// rl:chat:<request> — the /chat choice; rl:to:<request>:<message id> — the answer to "who is this for?".
relay.callbackQuery(/^rl:(chat|to):/, async (ctx) => {
  const { action, args } = parseCallbackData(ctx.callbackQuery.data);
  const record = findByEncodedId(ctx.actor.state, args[0]);
  if (record?.status !== 'active' || record.channel !== 'relay') {
    await ctx.answerCallbackQuery({ text: ctx.t('error-tandem_not_active') });
    return;
  }
  // Another flow waiting for typed text started meanwhile: keep it, the choice applies to this message only.
  if (outsideTextFlows(ctx.actor.state)) ctx.actor.decide({ type: 'SetDialog', data: { dialog: relayChatDialog(record.id) } });
  const peer = await lookUpPeer(ctx.services, ctx.t, record.peer);
  await ctx.answerCallbackQuery();
  const messageId = Number(args[1]);
  if (action === 'to' && Number.isSafeInteger(messageId) && messageId > 0) {
    await relayMessage(ctx, Number(record.peer), messageId, null);
    await ctx.editMessageText(ctx.t('relay-sent-to', { name: peer.name })).catch(() => undefined);
    return;
  }
  await ctx.editMessageText(ctx.t('relay-chat-current', { name: peer.name })).catch(() => undefined);
});

relay.on('message', async (ctx, next) => {
  const message = ctx.message;
  if (message.text?.startsWith('/') === true || !relayAvailable(ctx.actor.state)) return next();
  if (relayKindOf(message) === null) {
    await ctx.reply(ctx.t('relay-unsupported'));
    return;
  }
  const current = currentRelayTandem(ctx.actor.state);
  if (current === null) {
    await ctx.reply(ctx.t('relay-pick-partner'), { reply_parameters: { message_id: message.message_id }, reply_markup: await pickerKeyboard(ctx, 'to', message.message_id) });
    return;
  }
  await relayMessage(ctx, Number(current.peer), message.message_id, message);
});
