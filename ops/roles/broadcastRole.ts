// Broadcast delivery (issue #6, point 7) runs beside the dispatcher: where the broadcast lease (a Postgres advisory
// lock) is held, it finds broadcasts the admins confirmed and delivers them through its own throttled Bot API
// client — 20 messages a second, leaving a third of Telegram's 30/s to the dispatcher's replies.
import { createBroadcastRunner, createPostgresBroadcastStore } from '../../gateway/broadcast/index.js';
import { createPostgresLease, createTelegramCaller, runSingleActive } from '../../gateway/dispatcher/index.js';
import { createI18n } from '../../actors/userActor/bot/createUserBot.js';
import type { Infrastructure } from './infrastructure.js';
import type { DispatcherRoleTuning } from './dispatcherRole.js';
import type { TelegramEndpoint } from './telegramEndpoint.js';

const BROADCAST_RATE = { global: { maxConcurrent: 1, minTime: 50 } } as const;

export const startBroadcastRole = async (infra: Infrastructure, telegram: TelegramEndpoint, tuning: DispatcherRoleTuning = {}): Promise<void> => {
  const { config, logger } = infra;
  if (config.databaseUrl === undefined) return;
  const pool = await infra.database();
  const i18n = createI18n();
  const runner = createBroadcastRunner({
    store: createPostgresBroadcastStore({ pool }),
    telegram: createTelegramCaller({ token: telegram.token, apiRoot: telegram.apiRoot, throttle: tuning.telegramThrottle === false ? false : BROADCAST_RATE }),
    translate: (locale, key, args) => i18n.t(locale, key, args as Record<string, string | number>),
    logger,
    ...(tuning.telegramThrottle === false ? { pollMs: 200, progressEveryMs: 0 } : {}),
  });
  const single = runSingleActive({
    lease: createPostgresLease({ connectionString: config.databaseUrl, name: 'lexbot.broadcast', onError: (error) => logger.warn({ err: error }, 'broadcast lease check failed') }),
    parts: [runner],
    logger,
  });
  single.start();
  infra.onClose(() => single.stop());
};
