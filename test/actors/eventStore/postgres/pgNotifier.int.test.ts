// The NOTIFY sender's spacing: at most one NOTIFY per interval even when each returns before the next append
// (one writer), the first after a quiet interval at once, and the appends within an interval sharing one sent when
// it ends. The clock and timers are the test's own; the NOTIFYs are real and watched by a LISTEN session.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPgNotifier, type NotifierTimers } from '../../../../actors/eventStore/postgres/pgNotifier.js';
import { openListenSession } from '../../../support/listenSession.js';
import { TEST_DATABASE_URL } from '../../../support/postgres.js';

const WAIT = { timeout: 10_000, interval: 5 };

/** A clock the test moves and timers the test fires. */
const manualTimers = () => {
  let now = 0;
  const pending = new Map<number, { run: () => void; at: number }>();
  let next = 0;
  const timers: NotifierTimers = {
    now: () => now,
    setTimeout: (run, ms) => {
      next += 1;
      pending.set(next, { run, at: now + ms });
      return next;
    },
    clearTimeout: (handle) => {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    pending: () => [...pending.values()].map((timer) => timer.at),
    /** Moves the clock to `to` and fires the timers due by then. */
    advanceTo(to: number) {
      now = to;
      for (const [handle, timer] of [...pending]) {
        if (timer.at > now) continue;
        pending.delete(handle);
        timer.run();
      }
    },
  };
};

describe('postgres NOTIFY sender', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const item of opened.splice(0)) await item.close();
  });

  const observer = async (channel: string) => {
    const session = await openListenSession(channel);
    opened.push(session);
    return session;
  };

  it('sends at most one NOTIFY per interval, the first at once and the rest when the interval ends', async () => {
    const channel = `t_ntf_${randomUUID().slice(0, 8)}`;
    const watch = await observer(channel);
    const clock = manualTimers();
    const notifier = createPgNotifier({
      connection: { connectionString: TEST_DATABASE_URL },
      channel,
      payload: 'sender',
      intervalMs: 10,
      timers: clock.timers,
      onError: (error) => {
        throw error;
      },
    });
    let closed = false;
    opened.push({ close: () => (closed ? Promise.resolve() : notifier.close()) });

    // Quiet so far: the first goes at once.
    notifier.notify();
    await vi.waitFor(() => expect(watch.payloads).toHaveLength(1), WAIT);

    // Three more within the interval, after the first returned (as with a single writer): one timer, due when the
    // interval since the first NOTIFY ends, and nothing sent before it fires.
    clock.advanceTo(3);
    notifier.notify();
    notifier.notify();
    notifier.notify();
    await vi.waitFor(() => expect(clock.pending()).toEqual([10]), WAIT);
    expect(watch.payloads).toHaveLength(1);
    clock.advanceTo(10);
    await vi.waitFor(() => expect(watch.payloads).toHaveLength(2), WAIT);
    expect(clock.pending()).toEqual([]);

    // A quiet interval later, the next goes at once again.
    clock.advanceTo(25);
    notifier.notify();
    expect(clock.pending()).toEqual([]);
    await vi.waitFor(() => expect(watch.payloads).toHaveLength(3), WAIT);

    // close() waits for what is in flight; a notification sent after it arrives after every earlier one (commit
    // order), so the count below is complete: five notify() calls, three NOTIFYs.
    closed = true;
    await notifier.close();
    await watch.client.query('select pg_notify($1, $2)', [channel, 'marker']);
    await vi.waitFor(() => expect(watch.payloads).toHaveLength(4), WAIT);
    expect(watch.payloads).toEqual(['sender', 'sender', 'sender', 'marker']);
  });
});
