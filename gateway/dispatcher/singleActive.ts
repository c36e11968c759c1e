// Runs the dispatcher role (the dispatcher and the timer poller) only while this process holds the lease: a
// standby waits in acquire() and takes over when the holder dies; a holder that loses the lease stops at once
// and goes back to waiting. What was in flight when it stopped is redone by the next holder (at least once).
import type { Logger } from 'pino';
import type { Lease } from './types.js';

export interface Runnable {
  start(): Promise<void> | void;
  stop(): Promise<void>;
}

export interface SingleActive {
  /** Resolves at once; the loop runs in the background. */
  start(): void;
  /** Stops what runs, releases the lease, resolves when done. */
  stop(): Promise<void>;
  active(): boolean;
}

export const runSingleActive = (options: { readonly lease: Lease; readonly parts: readonly Runnable[]; readonly logger: Logger }): SingleActive => {
  const { lease, parts, logger } = options;
  let stopping: AbortController | undefined;
  let loop: Promise<void> | undefined;
  let active = false;

  const run = async (signal: AbortSignal): Promise<void> => {
    const stopped = new Promise<'stopped'>((resolve) => signal.addEventListener('abort', () => resolve('stopped'), { once: true }));
    while (!signal.aborted) {
      let held;
      try {
        held = await lease.acquire(signal);
      } catch (error) {
        if (signal.aborted) return;
        logger.error({ err: error }, 'acquiring the dispatcher lease failed');
        continue;
      }
      active = true;
      logger.info('dispatcher lease acquired; dispatching');
      const started: Runnable[] = [];
      try {
        for (const part of parts) {
          await part.start();
          started.push(part);
        }
        const why = await Promise.race([held.lost, stopped]);
        if (why !== 'stopped') logger.error({ err: why }, 'dispatcher lease lost; stopping until it is acquired again');
      } catch (error) {
        logger.error({ err: error }, 'starting the dispatcher failed');
        await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 1000))]);
      } finally {
        for (const part of started.reverse()) await part.stop().catch((error: unknown) => logger.error({ err: error }, 'stopping failed'));
        active = false;
        await held.release().catch(() => undefined);
      }
    }
  };

  return {
    start() {
      if (loop !== undefined) return;
      stopping = new AbortController();
      loop = run(stopping.signal);
    },
    async stop() {
      stopping?.abort();
      await loop;
      loop = undefined;
    },
    active: () => active,
  };
};
