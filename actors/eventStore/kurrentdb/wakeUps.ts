// Live wake-ups for the shared polling subscription: one catch-up subscription to $all from its end, filtered to our
// streams, whose only job is to say "something was appended". Subscribers then read pages through readAll, which gives
// back-pressure (the next page is read only after the handler resolved), resume from any checkpoint, and the same
// batching as every other adapter. If the live stream drops, it is reopened after a pause; polling covers the gap.
import { END } from '@kurrent/kurrentdb-client';
import { createWakeUps, type WakeUps } from '../subscription.js';
import type { KurrentClient, KurrentContext } from './context.js';

const RECONNECT_DELAY_MS = 1_000;

export interface LiveWakeUps extends WakeUps {
  /** Opens the live subscription if it is not open yet (lazily: stores that never subscribe never open one). */
  start(): void;
  stop(): Promise<void>;
}

export const createLiveWakeUps = (ctx: KurrentContext): LiveWakeUps => {
  const wakeUps = createWakeUps();
  let live: ReturnType<KurrentClient['subscribeToAll']> | null = null;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const open = (): void => {
    if (stopped || live) return;
    const subscription = ctx.client.subscribeToAll({ fromPosition: END, filter: ctx.names.filter() });
    live = subscription;
    subscription.on('data', () => wakeUps.notify());
    const reopen = (): void => {
      if (live !== subscription) return;
      live = null;
      // Whatever was appended while the stream was down is found by the next read.
      wakeUps.notify();
      if (!stopped) retry = setTimeout(open, RECONNECT_DELAY_MS);
    };
    subscription.on('error', reopen);
    subscription.on('end', reopen);
  };

  return {
    generation: wakeUps.generation,
    wait: wakeUps.wait,
    start: open,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const current = live;
      live = null;
      wakeUps.notify();
      await current?.unsubscribe().catch(() => undefined);
    },
  };
};
