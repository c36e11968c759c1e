// The in-process twin of the Postgres lease, for unit tests and single-node mode: one holder at a time among the
// users of one instance; `revoke()` simulates losing it (a dropped connection).
import type { HeldLease, Lease } from '../types.js';

export interface LocalLease extends Lease {
  /** Takes the lease away from its holder, as a lost connection would. */
  revoke(): void;
  holder(): boolean;
}

export const createLocalLease = (): LocalLease => {
  let current: { lose: (reason: Error | undefined) => void } | undefined;
  let waiters: (() => void)[] = [];
  const free = (): void => {
    current = undefined;
    const next = waiters;
    waiters = [];
    next.forEach((wake) => wake());
  };
  return {
    async acquire(signal) {
      while (current !== undefined) {
        if (signal.aborted) throw new Error('lease acquisition aborted');
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
      }
      if (signal.aborted) throw new Error('lease acquisition aborted');
      let lose: (reason: Error | undefined) => void = () => undefined;
      const lost = new Promise<Error | undefined>((resolve) => {
        lose = resolve;
      });
      const mine = { lose };
      current = mine;
      const held: HeldLease = {
        lost,
        async release() {
          if (current !== mine) return;
          lose(undefined);
          free();
        },
      };
      return held;
    },
    revoke() {
      if (current === undefined) return;
      current.lose(new Error('lease revoked'));
      free();
    },
    holder: () => current !== undefined,
  };
};
