// The gateway role: POST /webhook/telegram into the mailbox, or long polling of the Bot API (TELEGRAM_MODE=polling),
// registering the webhook with Telegram at start when PUBLIC_URL is set.
import { Api } from 'grammy';
import type { Ingest, LongPolling } from '../../gateway/index.js';
import { registerCommands, registerWebhook, startLongPolling } from '../../gateway/index.js';
import { createI18n } from '../../actors/userActor/bot/createUserBot.js';
import { commandKey } from '../../domain/i18n/keys.js';
import type { Infrastructure } from './infrastructure.js';
import type { TelegramEndpoint } from './telegramEndpoint.js';

export const startGatewayRole = async (infra: Infrastructure, telegram: TelegramEndpoint, ingest: Ingest): Promise<void> => {
  const { config, logger, metrics } = infra;
  const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
  const i18n = createI18n();
  // Not awaited: the menu is a convenience, and Telegram being slow must not hold up the webhook.
  void registerCommands(api, (locale, command) => i18n.t(locale, commandKey(command)))
    .then(() => logger.info('command menu registered with Telegram'))
    .catch((error: unknown) => logger.warn({ err: error }, 'registering the command menu with Telegram failed'));
  let polling: LongPolling | undefined;
  if (telegram.mode === 'polling') {
    polling = startLongPolling({ api, ingest, metrics, logger });
    infra.onClose(() => polling!.stop());
    logger.info({ apiRoot: telegram.apiRoot }, 'long polling for updates');
    return;
  }
  const { publicUrl, webhookSecret } = config.telegram;
  if (publicUrl === undefined || webhookSecret === undefined) {
    logger.info('webhook mode without PUBLIC_URL: the webhook is expected to be registered already');
    return;
  }
  try {
    const url = await registerWebhook(api, { publicUrl, secret: webhookSecret });
    logger.info({ url }, 'webhook registered with Telegram');
  } catch (error) {
    // Keep serving: a webhook registered earlier still delivers, and an operator sees this line.
    logger.error({ err: error }, 'registering the webhook with Telegram failed');
  }
};
