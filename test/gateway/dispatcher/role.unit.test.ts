// The dispatcher role on the in-memory twins with a local lease: only the holder dispatches and fires timers; when
// it loses the lease the standby takes over from the shared checkpoint, and nothing is sent twice.
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import { compareCheckpoints, START } from '../../../actors/eventStore/types.js';
import { createInProcessMailbox } from '../../../actors/mailbox/index.js';
import { OUTBOX_EVENT_TYPES } from '../../../actors/outbox/outboxEvents.js';
import { createMemoryTimerStore } from '../../../actors/timers/index.js';
import {
  createDispatcherMetrics,
  createDispatcherRole,
  createLocalLease,
  createMemoryDispatcherState,
  type DispatcherRole,
  type TelegramCaller,
} from '../../../gateway/dispatcher/index.js';
import { newEvent, sendMessage } from './harness.js';

const WAIT = { timeout: 10_000, interval: 5 };

describe('dispatcher role', () => {
  const roles: DispatcherRole[] = [];
  afterEach(async () => {
    for (const role of roles.splice(0)) await role.stop();
  });

  it('dispatches only while holding the lease; the standby continues from the checkpoint', async () => {
    const store = createMemoryEventStore();
    const mailbox = createInProcessMailbox({ partitions: 2 });
    const state = createMemoryDispatcherState();
    const timers = createMemoryTimerStore();
    const lease = createLocalLease();
    const metrics = createDispatcherMetrics({ registry: new Registry() });
    const sent: [string, unknown][] = [];
    const role = (name: string): DispatcherRole => {
      const telegram: TelegramCaller = async (_method, payload) => {
        sent.push([name, payload.text]);
        return {};
      };
      const created = createDispatcherRole({ store, mailbox, telegram, state, timers, lease, metrics, logger: pino({ level: 'silent' }), timerPollIntervalMs: 20 });
      roles.push(created);
      return created;
    };
    const a = role('a');
    const b = role('b');
    a.start();
    b.start();
    await vi.waitFor(() => expect(a.active() !== b.active()).toBe(true), WAIT);
    const [holder, standby] = a.active() ? [a, b] : [b, a];
    const holderName = holder === a ? 'a' : 'b';
    const standbyName = holder === a ? 'b' : 'a';

    await store.append('user-1', 'any', [
      sendMessage(1, 'one'),
      newEvent(OUTBOX_EVENT_TYPES.timerScheduled, { timerId: 'soon', fireAt: new Date(Date.now() + 50).toISOString(), target: 'user:1', message: {} }),
    ]);
    await vi.waitFor(async () => {
      expect(sent).toEqual([[holderName, 'one']]);
      expect((await timers.get('soon'))?.state).toBe('fired');
    }, WAIT);
    // Progress is stored shortly after the work (progressDelayMs); a lease lost before that would be a crash window,
    // in which re-sends are allowed and counted (the dispatcher's unit tests cover that).
    const head = await store.headCheckpoint();
    await vi.waitFor(async () => expect(compareCheckpoints((await state.loadCheckpoint()) ?? START, head)).toBe(0), WAIT);

    lease.revoke();
    await vi.waitFor(() => expect(standby.active()).toBe(true), WAIT);
    await store.append('user-1', 'any', [sendMessage(1, 'two')]);
    await vi.waitFor(() => expect(sent).toEqual([[holderName, 'one'], [standbyName, 'two']]), WAIT);
  });
});
