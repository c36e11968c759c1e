// Delivers admins' broadcasts (issue #6, point 7). A broadcast starts as a BroadcastStarted event in the admin's
// stream; the projector records it in read_models.moderation, where this runner finds it. Recipients are taken in
// user-id order after a cursor checkpointed in Postgres, so a restart resumes where it stopped. Each recipient is
// claimed (a row whose primary key is (broadcast, user)) before the send: a crash between the claim and the send
// loses that one message rather than ever sending one twice. Sends go one at a time through the throttled Telegram
// caller, and one message of the admin's is edited to show progress. Runs only where the broadcast lease is held.
import type { Logger } from 'pino';
import { pickLocale } from '../../domain/i18n/index.js';
import type { TelegramCaller } from '../dispatcher/types.js';
import type { BroadcastRow, BroadcastStore } from './broadcastStore.js';

export type Translate = (locale: string, key: string, args: Readonly<Record<string, string | number>>) => string;

export interface BroadcastRunnerOptions {
  readonly store: BroadcastStore;
  readonly telegram: TelegramCaller;
  readonly translate: Translate;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** How often to look for new broadcasts when idle; default 1000 ms. */
  readonly pollMs?: number;
  /** Recipients read per query; default 50. */
  readonly batchSize?: number;
  /** The progress message is edited at most this often; default 3000 ms (and once at the end). */
  readonly progressEveryMs?: number;
  /** Tries per recipient when the network (not Telegram) fails; default 3. */
  readonly attempts?: number;
  readonly now?: () => Date;
  readonly onDelivery?: (outcome: 'sent' | 'failed') => void;
}

export interface BroadcastRunner {
  start(): void;
  stop(): Promise<void>;
  /** One pass: discover, then deliver every unfinished broadcast as far as it goes (tests call it directly). */
  runOnce(signal?: AbortSignal): Promise<void>;
}

/** Telegram's own refusal (blocked the bot, chat not found): sending again gives the same answer. */
const refusedByTelegram = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'error_code' in error && typeof error.error_code === 'number' && error.error_code >= 400 && error.error_code < 500;

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export const createBroadcastRunner = (options: BroadcastRunnerOptions): BroadcastRunner => {
  const { store, telegram, translate, logger } = options;
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 50;
  const progressEveryMs = options.progressEveryMs ?? 3000;
  const attempts = options.attempts ?? 3;
  const now = options.now ?? (() => new Date());

  const localeOf = (row: BroadcastRow): string => row.adminLanguage ?? pickLocale(row.adminTelegramLanguage ?? undefined);

  const progressText = (row: BroadcastRow, counts: { sent: number; failed: number }, done: boolean): string =>
    translate(localeOf(row), done ? 'admin-broadcast-done' : 'admin-broadcast-progress', {
      sent: counts.sent,
      failed: counts.failed,
      total: Math.max(row.total, counts.sent + counts.failed),
    });

  const showProgress = async (row: BroadcastRow, messageId: number | null, text: string): Promise<void> => {
    if (messageId === null || messageId <= 0) return;
    try {
      await telegram('editMessageText', { chat_id: Number(row.adminId), message_id: messageId, text });
    } catch (error) {
      // "message is not modified" and the like: progress is a courtesy, delivery goes on.
      logger.warn({ err: error, broadcast: row.broadcastId }, 'editing the broadcast progress failed');
    }
  };

  const openProgress = async (row: BroadcastRow): Promise<number> => {
    try {
      const message = (await telegram('sendMessage', { chat_id: Number(row.adminId), text: progressText(row, row, false) })) as { message_id?: number };
      const id = typeof message.message_id === 'number' ? message.message_id : 0;
      await store.setProgressMessage(row.broadcastId, id);
      return id;
    } catch (error) {
      logger.warn({ err: error, broadcast: row.broadcastId }, 'sending the broadcast progress message failed; delivering without it');
      await store.setProgressMessage(row.broadcastId, 0);
      return 0;
    }
  };

  const sendTo = async (row: BroadcastRow, text: string, userId: string, signal?: AbortSignal): Promise<'sent' | 'failed'> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await telegram('sendMessage', { chat_id: Number(userId), text }, signal);
        return 'sent';
      } catch (error) {
        if (refusedByTelegram(error) || attempt >= attempts || signal?.aborted === true) {
          if (!refusedByTelegram(error)) logger.warn({ err: error, broadcast: row.broadcastId, user: userId }, 'broadcast message not delivered');
          return 'failed';
        }
        await sleep(500 * attempt, signal);
      }
    }
  };

  const deliver = async (row: BroadcastRow, signal?: AbortSignal): Promise<void> => {
    if (row.text === null) {
      await store.finish(row.broadcastId, now());
      logger.warn({ broadcast: row.broadcastId }, 'broadcast ended early: its admin was forgotten, and its text with them');
      return;
    }
    const text = row.text;
    const messageId = row.progressMessageId ?? (await openProgress(row));
    const counts = { sent: row.sent, failed: row.failed };
    let cursor = row.cursor;
    let lastShown = Date.now();
    const aborted = (): boolean => signal?.aborted === true;
    for (;;) {
      if (aborted()) return;
      const batch = await store.recipients(cursor, batchSize);
      if (batch.length === 0) break;
      for (const userId of batch) {
        if (aborted()) return;
        if (await store.claim(row.broadcastId, userId)) {
          const outcome = await sendTo(row, text, userId, signal);
          await store.record(row.broadcastId, userId, outcome);
          counts[outcome] += 1;
          options.onDelivery?.(outcome);
        } else {
          await store.skip(row.broadcastId, userId);
        }
        cursor = userId;
      }
      if (Date.now() - lastShown >= progressEveryMs) {
        lastShown = Date.now();
        await showProgress(row, messageId, progressText(row, counts, false));
      }
    }
    const finished = await store.finish(row.broadcastId, now());
    await showProgress(row, messageId, progressText(finished ?? row, finished ?? counts, true));
    logger.info({ broadcast: row.broadcastId, ...counts }, 'broadcast delivered');
  };

  const runOnce = async (signal?: AbortSignal): Promise<void> => {
    await store.discover();
    for (const row of await store.unfinished()) {
      if (signal?.aborted === true) return;
      await deliver(row, signal);
    }
  };

  let controller: AbortController | undefined;
  let loop: Promise<void> | undefined;
  return {
    runOnce,
    start() {
      if (loop !== undefined) return;
      const current = new AbortController();
      controller = current;
      loop = (async () => {
        while (!current.signal.aborted) {
          try {
            await runOnce(current.signal);
          } catch (error) {
            logger.error({ err: error }, 'broadcast pass failed; retrying');
          }
          await sleep(pollMs, current.signal);
        }
      })();
    },
    async stop() {
      controller?.abort();
      await loop;
      loop = undefined;
      controller = undefined;
    },
  };
};
