// Retries an effect until it succeeds, the failure is final, or the dispatcher stops. Backoff doubles from
// `baseMs` up to `maxMs` with ±20 % jitter (so chats that failed together do not retry together); a 429's
// retry_after overrides it. Stopping aborts the wait at once with DispatchAborted.
import type { Failure } from './classifyFailure.js';

export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 30_000 };

export class DispatchAborted extends Error {
  constructor() {
    super('dispatcher stopped');
    this.name = 'DispatchAborted';
  }
}

export type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: Failure & { kind: 'refused' } };

const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DispatchAborted());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new DispatchAborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Settles with `promise`, or rejects with DispatchAborted as soon as `signal` aborts (a call queued behind a
 * throttler may not look at its signal for a long time; stopping must not wait for it). */
const unlessAborted = <T>(promise: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new DispatchAborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });

export const retrying = async <T>(
  run: () => Promise<T>,
  classify: (error: unknown) => Failure,
  onRetry: (failure: Failure & { kind: 'transient' }, attempt: number, delayMs: number) => void,
  signal: AbortSignal,
  backoff: BackoffOptions = DEFAULT_BACKOFF,
): Promise<Attempt<T>> => {
  for (let attempt = 1; ; attempt += 1) {
    if (signal.aborted) throw new DispatchAborted();
    try {
      return { ok: true, value: await unlessAborted(run(), signal) };
    } catch (error) {
      if (signal.aborted || error instanceof DispatchAborted) throw new DispatchAborted();
      const failure = classify(error);
      if (failure.kind === 'refused') return { ok: false, failure };
      const exponential = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(attempt - 1, 20));
      const delayMs = failure.retryAfterMs ?? Math.round(exponential * (0.8 + Math.random() * 0.4));
      onRetry(failure, attempt, delayMs);
      await pause(delayMs, signal);
    }
  }
};

/** Failures of our own infrastructure (Postgres, NATS) are always worth another try. */
export const infrastructureFailure = (error: unknown): Failure => ({
  kind: 'transient',
  reason: 'unavailable',
  description: error instanceof Error ? error.message : String(error),
});
