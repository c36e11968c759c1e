// /language: the bot's language for this user (English or Russian). Each button shows the language in itself, so
// anyone can find their own whatever the current interface.
import type { InlineKeyboardMarkup } from 'grammy/types';
import { languageInfo } from '../../../../../domain/languages/index.js';
import { INTERFACE_LANGUAGES, type InterfaceLanguage } from '../../../../../domain/user/index.js';
import { callbackData } from '../../callbackData.js';
import type { BotContext } from '../../context.js';

export const languageKeyboard = (): InlineKeyboardMarkup => ({
  inline_keyboard: [INTERFACE_LANGUAGES.map((language) => ({ text: `${languageInfo(language).flag} ${languageInfo(language).nativeName}`, callback_data: callbackData('lg', 'set', language) }))],
});

const isInterfaceLanguage = (value: string): value is InterfaceLanguage => (INTERFACE_LANGUAGES as readonly string[]).includes(value);

export const setInterfaceLanguage = async (ctx: BotContext, language: string): Promise<void> => {
  if (!isInterfaceLanguage(language)) {
    await ctx.answerCallbackQuery({ text: ctx.t('help-stale-button') });
    return;
  }
  ctx.actor.decide({ type: 'SetInterfaceLanguage', data: { language } });
  // The locale was negotiated when the update arrived; from here on this update speaks the new language too.
  await ctx.i18n.renegotiateLocale();
  const text = ctx.t('interface-language-set');
  const current = ctx.callbackQuery?.message;
  if (current !== undefined && current.text !== text) await ctx.editMessageText(text);
  await ctx.answerCallbackQuery();
};
