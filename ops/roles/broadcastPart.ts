// Broadcast delivery (issue #6, point 7) runs inside the dispatcher role, under the dispatcher's lease: it finds
// broadcasts the admins confirmed and delivers them at most 20 messages a second, through the same throttler as the
// dispatcher's replies, so the two together stay within Telegram's 30 messages/s and 1/s per chat, and replies keep
// at least a third of that budget while a broadcast runs.
import { apiThrottler } from '@grammyjs/transformer-throttler';
import type { Transformer } from 'grammy';
import { createBroadcastRunner, createPostgresBroadcastStore, type BroadcastRunner } from '../../gateway/broadcast/index.js';
import { createTelegramCaller, type BotApiFetch } from '../../gateway/dispatcher/index.js';
import { createI18n } from '../../actors/userActor/bot/createUserBot.js';
import type { Infrastructure } from './infrastructure.js';
import type { TelegramEndpoint } from './telegramEndpoint.js';

const BROADCAST_RATE = { global: { maxConcurrent: 1, minTime: 50 } } as const;

/**
 * The broadcast runner of this process; `throttle` is the dispatcher's (false: no limits, for benchmarks), and so is
 * `fetch` (its HTTP client, which the dispatcher role closes).
 */
export const createBroadcastPart = async (infra: Infrastructure, telegram: TelegramEndpoint, throttle: Transformer | false, fetch: BotApiFetch): Promise<BroadcastRunner> => {
  const pool = await infra.database();
  const i18n = createI18n();
  return createBroadcastRunner({
    store: createPostgresBroadcastStore({ pool }),
    telegram: createTelegramCaller({
      token: telegram.token,
      apiRoot: telegram.apiRoot,
      throttle,
      fetch,
      ...(throttle === false ? {} : { inner: [apiThrottler(BROADCAST_RATE)] }),
    }),
    translate: (locale, key, args) => i18n.t(locale, key, args as Record<string, string | number>),
    logger: infra.logger,
    ...(throttle === false ? { pollMs: 200, progressEveryMs: 0 } : {}),
  });
};
