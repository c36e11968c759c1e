// The queue behind a subscription's async iterator, shared by both adapters: producers push deliveries, one
// iterator pulls them, and close() ends the iteration once the queue is empty.
import type { MailboxDelivery } from './types.js';

export interface DeliveryQueue {
  push(delivery: MailboxDelivery): void;
  end(): void;
  readonly ended: boolean;
  readonly size: number;
  iterate(): AsyncIterator<MailboxDelivery>;
}

export const createDeliveryQueue = (): DeliveryQueue => {
  const items: MailboxDelivery[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  return {
    push(delivery) {
      if (ended) return;
      items.push(delivery);
      notify();
    },
    end() {
      ended = true;
      notify();
    },
    get ended() {
      return ended;
    },
    get size() {
      return items.length;
    },
    iterate() {
      return {
        async next(): Promise<IteratorResult<MailboxDelivery>> {
          for (;;) {
            const item = items.shift();
            if (item !== undefined) return { value: item, done: false };
            if (ended) return { value: undefined, done: true };
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
          }
        },
        async return(): Promise<IteratorResult<MailboxDelivery>> {
          ended = true;
          return { value: undefined, done: true };
        },
      };
    },
  };
};
