// Wake-ups across processes: a store's NOTIFY wakes other stores' subscriptions, and its own LISTEN connection
// ignores it (appended() already woke the local waiters), so a NOTIFY costs no extra read in the sender.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPgWakeUps, type PgWakeUps } from '../../../../actors/eventStore/postgres/pgWakeUps.js';
import { openListenSession } from '../../../support/listenSession.js';
import { TEST_DATABASE_URL } from '../../../support/postgres.js';

const WAIT = { timeout: 10_000, interval: 5 };

describe('postgres wake-ups', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const item of opened.splice(0)) await item.close();
  });

  const wakeUps = (channel: string): PgWakeUps => {
    const created = createPgWakeUps({
      connection: { connectionString: TEST_DATABASE_URL },
      channel,
      listenConfig: { connectionString: TEST_DATABASE_URL },
      notify: true,
      notifyIntervalMs: 10,
      onError: (error) => {
        throw error;
      },
    });
    opened.push(created);
    return created;
  };

  const observer = async (channel: string) => {
    const session = await openListenSession(channel);
    opened.push(session);
    return session;
  };

  /** Starts LISTEN and waits for it: once in place, it wakes the local waiters once (events may have come meanwhile). */
  const listening = async (ready: PgWakeUps): Promise<void> => {
    ready.listen();
    await vi.waitFor(() => expect(ready.generation()).toBe(1), WAIT);
  };

  it("wakes another store's waiters with its NOTIFY, and not its own a second time", async () => {
    const channel = `t_wake_${randomUUID().slice(0, 8)}`;
    const sender = wakeUps(channel);
    const other = wakeUps(channel);
    const watch = await observer(channel);
    await listening(sender);
    await listening(other);

    const senderBefore = sender.generation();
    const otherBefore = other.generation();
    sender.appended();
    // The local wake-up is immediate; the NOTIFY follows.
    expect(sender.generation()).toBe(senderBefore + 1);
    await vi.waitFor(() => expect(watch.payloads).toHaveLength(1), WAIT);
    await vi.waitFor(() => expect(other.generation()).toBe(otherBefore + 1), WAIT);

    // A foreign notification after it: every listener gets notifications in commit order, so once the sender
    // counted this one, it would have counted its own echo before it.
    await watch.client.query('select pg_notify($1, $2)', [channel, 'someone else']);
    await vi.waitFor(() => expect(sender.generation()).toBe(senderBefore + 2), WAIT);
    await vi.waitFor(() => expect(other.generation()).toBe(otherBefore + 2), WAIT);
    expect(watch.payloads).toEqual([expect.any(String), 'someone else']);
  });
});
