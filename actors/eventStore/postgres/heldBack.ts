// A subscription wakes on NOTIFY, but what it then reads may still be hidden: an event shows only once every older
// transaction in the cluster ended, and that older transaction may be no append at all (so no NOTIFY follows).
// When a read comes back short while committed events wait behind such a transaction, the subscription looks
// again soon, backing off to at most MAX_RETRY_MS (or its poll interval, if shorter) while the transaction stays
// open: a few cheap reads a second per subscription, against a wake-up delay no longer than that.
import type { PollingSubscriptionDeps } from '../subscription.js';
import type { Checkpoint, ReadAllResult } from '../types.js';

const FIRST_RETRY_MS = 10;
const MAX_RETRY_MS = 250;

export interface HeldBackDeps extends Omit<PollingSubscriptionDeps, 'readAll'> {
  /**
   * A page of the log after `after`, and whether committed events after it are still hidden by an older open
   * transaction — both in one statement (one snapshot, one round trip per read).
   */
  readonly readAllNoticingHeldBack: (after: Checkpoint, limit: number) => Promise<{ readonly page: ReadAllResult; readonly heldBack: boolean }>;
}

export const heldBackAware = (deps: HeldBackDeps): PollingSubscriptionDeps => {
  let retryMs: number | undefined;
  return {
    pollIntervalMs: deps.pollIntervalMs,
    async readAll(after: Checkpoint, limit: number): Promise<ReadAllResult> {
      const { page, heldBack } = await deps.readAllNoticingHeldBack(after, limit);
      if (page.events.length === limit || !heldBack) retryMs = undefined;
      else retryMs = page.events.length > 0 || retryMs === undefined ? FIRST_RETRY_MS : Math.min(retryMs * 2, MAX_RETRY_MS, deps.pollIntervalMs);
      return page;
    },
    wakeUps: {
      generation: () => deps.wakeUps.generation(),
      wait: (timeoutMs, signal, seen) => deps.wakeUps.wait(retryMs === undefined ? timeoutMs : Math.min(timeoutMs, retryMs), signal, seen),
    },
  };
};
