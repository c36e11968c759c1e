// Which Bot API this process talks to: Telegram (or TELEGRAM_API_ROOT) with the configured token, or — without a
// token — the local sandbox's emulator, which then also serves as the source of updates (long polling).
import { Api } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { createTelegramEmulator } from '../../gateway/telegramEmulator/index.js';
import type { Infrastructure } from './infrastructure.js';
import { StartError } from './roles.js';

export interface TelegramEndpoint {
  readonly token: string;
  readonly apiRoot: string;
  readonly mode: 'webhook' | 'polling';
  /** The bot's own identity (getMe), fetched once: grammY needs it to handle updates. */
  botInfo(): Promise<UserFromGetMe>;
  /** The sandbox's emulator, when there is no real Telegram. */
  readonly emulator: ReturnType<typeof createTelegramEmulator> | undefined;
}

export const openTelegramEndpoint = async (infra: Infrastructure): Promise<TelegramEndpoint> => {
  const { telegram } = infra.config;
  let token = telegram.botToken;
  let apiRoot = telegram.apiRoot;
  let mode = telegram.mode;
  let emulator: TelegramEndpoint['emulator'];
  if (token === undefined) {
    emulator = createTelegramEmulator();
    apiRoot = await emulator.listen();
    token = emulator.token;
    mode = 'polling';
    infra.onClose(() => emulator!.close());
    infra.logger.warn({ apiRoot }, 'TELEGRAM_BOT_TOKEN is not set: local sandbox (Bot API emulator; web chat at /sandbox)');
  }
  const api = new Api(token, { apiRoot });
  let me: Promise<UserFromGetMe> | undefined;
  return {
    token,
    apiRoot,
    mode,
    emulator,
    botInfo: () =>
      (me ??= api.getMe().catch((error: unknown) => {
        me = undefined;
        throw new StartError(`cannot reach the Bot API at ${apiRoot} (getMe): ${error instanceof Error ? error.message : String(error)}`);
      })),
  };
};
