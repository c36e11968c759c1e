// /delete_me (issue #6 point 9, Guarantee 7): says what will be deleted and asks; "Delete everything" forgets the
// user (the domain closes their tandems, telling the partners, and leaves a tombstone; the event store then deletes
// the user's key, so everything personal they ever wrote becomes unreadable, replays included), "Keep my data"
// changes nothing. The confirm button names the start it belongs to, so a press on an old message after the user
// started again cannot delete the new account.
import { InlineKeyboard } from 'grammy';
import type { BotContext } from '../../context.js';
import { callbackData, callbackPattern, FEATURE_PREFIXES, parseCallbackData } from '../../callbackData.js';
import { replyToDomainError } from '../../replyToDomainError.js';
import { HandlerComposer } from '../../handlerComposer.js';

export const deleteMe = new HandlerComposer<BotContext>();

const PREFIX = FEATURE_PREFIXES.deleteMe;

/** The start this account belongs to, short enough for callback data (base-36 epoch milliseconds). */
const startTag = (startedAt: string | null): string => (startedAt === null ? '0' : Date.parse(startedAt).toString(36));

const hasAccount = (ctx: BotContext): boolean => ctx.actor.state.status !== 'new' && ctx.actor.state.status !== 'forgotten';

deleteMe.command('delete_me', async (ctx) => {
  if (!hasAccount(ctx)) return ctx.reply(ctx.t('delete-me-nothing'));
  const keyboard = new InlineKeyboard()
    .text(ctx.t('button-delete'), callbackData(PREFIX, 'yes', startTag(ctx.actor.state.startedAt)))
    .row()
    .text(ctx.t('delete-me-keep'), callbackData(PREFIX, 'no'));
  await ctx.reply(`${ctx.t('delete-me-confirm')}\n\n${ctx.t('delete-me-details')}`, { reply_markup: keyboard });
});

deleteMe.callbackQuery(callbackPattern(PREFIX), async (ctx) => {
  const { action, args } = parseCallbackData(ctx.callbackQuery.data);
  // Edit the prompt in place; a press whose message Telegram no longer includes gets a new message instead.
  const edit = async (text: string): Promise<unknown> => (ctx.callbackQuery.message ? ctx.editMessageText(text) : ctx.api.sendMessage(ctx.callbackQuery.from.id, text));
  if (action === 'no') {
    await ctx.answerCallbackQuery();
    await edit(ctx.t(hasAccount(ctx) ? 'delete-me-cancelled' : 'delete-me-nothing'));
    return;
  }
  if (action !== 'yes' || !hasAccount(ctx) || args[0] !== startTag(ctx.actor.state.startedAt)) {
    await ctx.answerCallbackQuery();
    await edit(ctx.t(hasAccount(ctx) ? 'delete-me-stale' : 'delete-me-nothing'));
    return;
  }
  try {
    ctx.actor.decide({ type: 'ForgetUser', data: {} });
  } catch (error) {
    await ctx.answerCallbackQuery();
    return replyToDomainError(ctx, error);
  }
  // Decided after the forget: the store seals these calls with the user's next key, so the goodbye still goes out.
  await ctx.answerCallbackQuery();
  await edit(ctx.t('delete-me-done'));
});
