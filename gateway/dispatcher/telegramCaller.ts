// The Bot API client of the dispatcher: a grammY Api at TELEGRAM_API_ROOT with two transformers.
// - @grammyjs/transformer-throttler (outer): Telegram's limits — 30 messages/s overall, 1/s per private chat,
//   20/min per group (its defaults are exactly these), one call at a time per chat, other chats in parallel.
// - @grammyjs/auto-retry (inner, so a retry keeps its chat's slot): waits out `retry_after` on 429 and tries again.
//   It is told to rethrow 5xx and network errors instead of retrying them itself: its backoff for those starts at
//   3 s, doubles up to an hour and cannot be tuned or observed, while the dispatcher retries them with its own
//   bounded, metered backoff that stops promptly on shutdown and counts each retry.
import { apiThrottler, type APIThrottlerOptions } from '@grammyjs/transformer-throttler';
import { autoRetry } from '@grammyjs/auto-retry';
import { Api, type Transformer } from 'grammy';
import type { TelegramCaller } from './types.js';
import type { BotApiFetch } from './undiciFetch.js';

export interface TelegramCallerOptions {
  readonly token: string;
  /** TELEGRAM_API_ROOT without a trailing slash, e.g. https://api.telegram.org or the local emulator. */
  readonly apiRoot: string;
  /**
   * Bottleneck settings for the throttler (default Telegram's limits), or a throttler already built, to share one
   * budget among several clients of this process (the dispatcher's replies and the broadcast). `false` turns
   * throttling off (benchmarks of the pipeline itself).
   */
  readonly throttle?: APIThrottlerOptions | Transformer | false;
  /** A 429 asking to wait longer than this is handed to the dispatcher's backoff instead; default 3600 s. */
  readonly maxRetryAfterSeconds?: number;
  /** One HTTP request's timeout; default 30 s (grammY's default of 500 s would hold a chat for minutes). */
  readonly timeoutSeconds?: number;
  /** Transformers that see every HTTP request as it leaves (each retry too), e.g. for tracing; innermost. */
  readonly inner?: readonly Transformer[];
  /** The HTTP client (createUndiciFetch's fetch; its owner closes it); default grammY's node-fetch. */
  readonly fetch?: BotApiFetch;
}

type RawCall = (payload: Readonly<Record<string, unknown>>, signal?: AbortSignal) => Promise<unknown>;

export const createTelegramApi = (options: TelegramCallerOptions): Api => {
  const api = new Api(options.token, {
    apiRoot: options.apiRoot.replace(/\/+$/, ''),
    timeoutSeconds: options.timeoutSeconds ?? 30,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  for (const transformer of options.inner ?? []) api.config.use(transformer);
  api.config.use(autoRetry({ maxDelaySeconds: options.maxRetryAfterSeconds ?? 3600, rethrowInternalServerErrors: true, rethrowHttpErrors: true }));
  if (typeof options.throttle === 'function') api.config.use(options.throttle);
  else if (options.throttle !== false) api.config.use(apiThrottler(options.throttle ?? {}));
  return api;
};

/** Calls any Bot API method by name through a grammY Api (with whatever transformers it has). */
export const telegramCallerFromApi = (api: Api): TelegramCaller => {
  // The outbox stores method names as strings; grammY's raw API resolves any name at run time.
  const raw = api.raw as unknown as Record<string, RawCall>;
  return (method, payload, signal) => {
    const call = raw[method];
    if (call === undefined) throw new TypeError(`unknown Bot API method ${method}`);
    return call(payload, signal);
  };
};

export const createTelegramCaller = (options: TelegramCallerOptions): TelegramCaller => telegramCallerFromApi(createTelegramApi(options));
