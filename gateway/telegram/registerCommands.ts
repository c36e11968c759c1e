// Telegram's command menu ("/" button): the bot's commands with a one-line description, registered at start for the
// default language (English) and for each other interface language, so a Russian Telegram shows Russian lines.
import type { Api } from 'grammy';
import { BOT_COMMANDS, type BotCommand } from '../../domain/i18n/commands.js';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../domain/i18n/locales.js';

/** Telegram's limit on a command description. */
const DESCRIPTION_MAX = 256;

export const registerCommands = async (
  api: Pick<Api, 'setMyCommands'>,
  describe: (locale: Locale, command: BotCommand) => string,
): Promise<void> => {
  for (const locale of LOCALES) {
    const commands = BOT_COMMANDS.map((command) => ({ command, description: describe(locale, command).slice(0, DESCRIPTION_MAX) }));
    await api.setMyCommands(commands, locale === DEFAULT_LOCALE ? {} : { language_code: locale });
  }
};
