// Tells a Bot API failure that will never succeed (refused: log, count, move on) from one worth another try
// (transient: retry with backoff). Nothing is dropped without a log line and a counter.
// - 400 (bad request: message text empty, chat not found, …) and 403 (the user blocked the bot, kicked it, …) and
//   other 4xx are refused: sending the same payload again gives the same answer.
// - 429 that escaped auto-retry (retry_after beyond its limit) waits retry_after; 5xx, network errors and timeouts
//   are retried.
// - 401/404 mean the token or API root is wrong: every call would fail the same way, so dropping them would drop
//   everything. They are retried (and logged as errors) until an operator fixes the configuration.
import type { RetryReason } from './types.js';

export type Failure =
  | { readonly kind: 'refused'; readonly code: number; readonly description: string }
  | { readonly kind: 'transient'; readonly reason: RetryReason; readonly retryAfterMs?: number; readonly description: string };

const errorCode = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'error_code' in error && typeof error.error_code === 'number' ? error.error_code : undefined;

const retryAfter = (error: unknown): number | undefined => {
  if (typeof error !== 'object' || error === null || !('parameters' in error)) return undefined;
  const parameters = error.parameters;
  if (typeof parameters !== 'object' || parameters === null || !('retry_after' in parameters)) return undefined;
  return typeof parameters.retry_after === 'number' ? parameters.retry_after : undefined;
};

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Telegram's answer to an edit that changes nothing: the message already shows what the call asked for (a call sent
 * again after a restart, two screens drawn the same), so the call's purpose is met.
 */
export const isUnchangedEdit = (failure: Failure): boolean => failure.kind === 'refused' && failure.code === 400 && /message is not modified/i.test(failure.description);

export const classifyFailure = (error: unknown): Failure => {
  const code = errorCode(error);
  const description = describe(error);
  if (code === undefined) {
    // grammY's HttpError (connection refused, reset, timeout) or anything else that is not Telegram's answer.
    const reason: RetryReason = error instanceof Error && error.name === 'HttpError' ? 'network' : 'other';
    return { kind: 'transient', reason, description };
  }
  if (code === 429) {
    const seconds = retryAfter(error);
    return seconds === undefined
      ? { kind: 'transient', reason: 'rate_limited', description }
      : { kind: 'transient', reason: 'rate_limited', retryAfterMs: seconds * 1000, description };
  }
  if (code >= 500) return { kind: 'transient', reason: 'server_error', description };
  if (code === 401 || code === 404) return { kind: 'transient', reason: 'unauthorized', description };
  return { kind: 'refused', code, description };
};
