// Long polling (TELEGRAM_MODE=polling): fetch with getUpdates, push each update through the same ingest path as the
// webhook, and advance the offset past an update only after the mailbox acknowledged it. Telegram forgets updates
// below the offset we send, so a publish failure means: stop, back off, fetch again from the failed update.
import { GrammyError, type Api } from 'grammy';
import type { Logger } from 'pino';
import type { IngestMetrics } from '../ingest/ingestMetrics.js';
import type { IncomingUpdate, Ingest } from '../ingest/ingestUpdate.js';
import { ALLOWED_UPDATES } from './routeUpdate.js';

export interface LongPollingOptions {
  readonly api: Pick<Api, 'getUpdates' | 'deleteWebhook'>;
  readonly ingest: Ingest;
  readonly metrics: Pick<IngestMetrics, 'pollingErrors'>;
  readonly logger: Logger;
  /** Seconds Telegram holds a getUpdates call open. Default 30. */
  readonly timeoutSeconds?: number;
  readonly limit?: number;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
}

export interface LongPolling {
  /** The next offset to ask for: one past the last acknowledged update. */
  offset(): number | undefined;
  /** Settles when the loop has ended (after stop()). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

const isIncomingUpdate = (value: unknown): value is IncomingUpdate =>
  typeof value === 'object' && value !== null && Number.isSafeInteger((value as { update_id?: unknown }).update_id);

export const startLongPolling = (options: LongPollingOptions): LongPolling => {
  const { api, ingest, metrics, logger } = options;
  const timeout = options.timeoutSeconds ?? 30;
  const backoff = options.backoff ?? { initialMs: 250, maxMs: 30_000 };
  const controller = new AbortController();
  const { signal } = controller;
  // grammY's Node typings name the abort-controller polyfill's AbortSignal; Node's own is the same thing at runtime.
  const apiSignal = signal as unknown as Parameters<Api['getUpdates']>[1];
  let offset: number | undefined;
  let failures = 0;

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  const delayAfter = (error: unknown): number => {
    failures += 1;
    // Telegram says how long to wait when it rate-limits us; otherwise exponential.
    const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
    return retryAfter !== undefined ? retryAfter * 1000 : Math.min(backoff.maxMs, backoff.initialMs * 2 ** (failures - 1));
  };

  const loop = async (): Promise<void> => {
    let webhookCleared = false;
    while (!signal.aborted) {
      let updates: readonly unknown[];
      try {
        // Telegram refuses getUpdates while a webhook is set (409), e.g. after switching modes.
        if (!webhookCleared) webhookCleared = await api.deleteWebhook({ drop_pending_updates: false }, apiSignal);
        updates = await api.getUpdates({ ...(offset === undefined ? {} : { offset }), timeout, limit: options.limit ?? 100, allowed_updates: ALLOWED_UPDATES }, apiSignal);
      } catch (error) {
        if (signal.aborted) break;
        metrics.pollingErrors.inc({ stage: 'fetch' });
        const delay = delayAfter(error);
        logger.warn({ err: error, offset, retry_in_ms: delay }, 'getUpdates failed');
        await pause(delay);
        continue;
      }
      let failed = false;
      for (const update of updates) {
        if (signal.aborted) break;
        if (!isIncomingUpdate(update)) {
          logger.error({ update }, 'getUpdates returned an update without an integer update_id; skipped');
          continue;
        }
        try {
          await ingest(update, { source: 'polling' });
          offset = update.update_id + 1;
        } catch (error) {
          metrics.pollingErrors.inc({ stage: 'publish' });
          const delay = delayAfter(error);
          logger.warn({ err: error, update_id: update.update_id, retry_in_ms: delay }, 'publishing a polled update failed; it will be fetched again');
          failed = true;
          await pause(delay);
          break;
        }
      }
      if (!failed) failures = 0;
    }
  };

  const done = loop();
  return {
    offset: () => offset,
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
};
