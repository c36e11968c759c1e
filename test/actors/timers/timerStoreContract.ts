// One contract for every TimerStore adapter (memory twin, Postgres): outcomes of schedule/cancel, due order and
// limits, "fired only after delivery", and no timer handed to two concurrent pollers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScheduledTimer, TimerStore } from '../../../actors/timers/index.js';

export interface TimerStoreFixture {
  readonly store: TimerStore;
  cleanup(): Promise<void>;
}

const T0 = new Date('2026-01-01T12:00:00.000Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

const timer = (timerId: string, fireAt: Date, eventId = `event-${timerId}`, message: unknown = { timerId }): ScheduledTimer => ({
  timerId,
  fireAt,
  target: 'user:42',
  message,
  eventId,
  headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
});

export const timerStoreContract = (name: string, create: () => Promise<TimerStoreFixture>): void => {
  describe(`timer store contract: ${name}`, () => {
    let fixture: TimerStoreFixture;
    let store: TimerStore;
    beforeEach(async () => {
      fixture = await create();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    const fireAll = async (now: Date, limit = 100): Promise<string[]> => {
      const { fired } = await store.fireDue(now, limit, async () => undefined);
      return fired.map((t) => t.timerId);
    };

    it('schedules, ignores a replay of the same event, and reschedules a pending timer from another event', async () => {
      expect(await store.schedule(timer('a', at(10)))).toBe('scheduled');
      expect(await store.schedule(timer('a', at(10)))).toBe('unchanged');
      expect(await store.schedule(timer('a', at(20), 'event-2', { again: true }))).toBe('rescheduled');
      const stored = await store.get('a');
      expect(stored).toMatchObject({ state: 'scheduled', target: 'user:42', eventId: 'event-2', message: { again: true } });
      expect(stored?.fireAt.toISOString()).toBe(at(20).toISOString());
      expect(stored?.headers).toEqual({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
      expect(await fireAll(at(15))).toEqual([]);
      expect(await fireAll(at(20))).toEqual(['a']);
    });

    it('cancels a pending timer for good, and remembers a cancel that comes before its schedule', async () => {
      await store.schedule(timer('a', at(10)));
      expect(await store.cancel('a')).toBe('cancelled');
      expect(await store.cancel('a')).toBe('unchanged');
      expect(await store.schedule(timer('a', at(10), 'event-later'))).toBe('ignored');
      expect(await store.cancel('b')).toBe('tombstoned');
      expect(await store.schedule(timer('b', at(5)))).toBe('ignored');
      expect(await fireAll(at(100))).toEqual([]);
      expect(await store.nextDue()).toBeUndefined();
    });

    it('fires due timers oldest first, up to the limit, and only once', async () => {
      await store.schedule(timer('late', at(30)));
      await store.schedule(timer('b', at(10)));
      await store.schedule(timer('a', at(10)));
      await store.schedule(timer('first', at(5)));
      expect((await store.nextDue())?.toISOString()).toBe(at(5).toISOString());
      expect(await fireAll(at(4))).toEqual([]);
      expect(await fireAll(at(10), 2)).toEqual(['first', 'a']);
      expect(await fireAll(at(10))).toEqual(['b']);
      expect(await fireAll(at(10))).toEqual([]);
      expect((await store.nextDue())?.toISOString()).toBe(at(30).toISOString());
      expect((await store.get('a'))?.state).toBe('fired');
      expect(await store.cancel('a')).toBe('unchanged');
      expect(await store.schedule(timer('a', at(50), 'event-other'))).toBe('ignored');
    });

    it('leaves a timer whose delivery failed scheduled, for the next poll', async () => {
      await store.schedule(timer('a', at(1)));
      await store.schedule(timer('b', at(2)));
      const result = await store.fireDue(at(5), 10, async (t) => {
        if (t.timerId === 'a') throw new Error('mailbox down');
      });
      expect(result.fired.map((t) => t.timerId)).toEqual(['b']);
      expect(result.failed.map(({ timer: t }) => t.timerId)).toEqual(['a']);
      expect((await store.get('a'))?.state).toBe('scheduled');
      expect(await fireAll(at(5))).toEqual(['a']);
    });

    it('never hands one timer to two concurrent pollers', async () => {
      for (let i = 0; i < 6; i += 1) await store.schedule(timer(`t${i}`, at(i)));
      const delivered: string[] = [];
      const slow = async (t: ScheduledTimer): Promise<void> => {
        delivered.push(t.timerId);
        await new Promise((resolve) => setTimeout(resolve, 20));
      };
      await Promise.all([store.fireDue(at(10), 4, slow), store.fireDue(at(10), 4, slow)]);
      expect([...delivered].sort()).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
    });

    it('schedules a group in one call with the outcome schedule() would give each', async () => {
      await store.schedule(timer('replayed', at(10)));
      await store.schedule(timer('moved', at(10)));
      await store.cancel('cancelled');
      await store.schedule(timer('fired', at(1)));
      expect(await fireAll(at(1))).toEqual(['fired']);
      const outcomes = await store.scheduleMany([
        timer('new', at(30), 'event-new', { hello: 1 }),
        timer('replayed', at(10)),
        timer('moved', at(40), 'event-moved-again', { again: true }),
        timer('cancelled', at(5), 'event-late'),
        timer('fired', at(50), 'event-other'),
      ]);
      expect(outcomes).toEqual(['scheduled', 'unchanged', 'rescheduled', 'ignored', 'ignored']);
      expect(await store.get('new')).toMatchObject({ state: 'scheduled', eventId: 'event-new', message: { hello: 1 }, target: 'user:42' });
      expect((await store.get('new'))?.headers).toEqual({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
      expect(await store.get('moved')).toMatchObject({ state: 'scheduled', eventId: 'event-moved-again', message: { again: true } });
      expect((await store.get('moved'))?.fireAt.toISOString()).toBe(at(40).toISOString());
      expect((await store.get('cancelled'))?.state).toBe('cancelled');
      expect((await store.get('fired'))?.state).toBe('fired');
      // The same group again is a replay: nothing changes.
      expect(await store.scheduleMany([timer('new', at(30), 'event-new', { hello: 1 })])).toEqual(['unchanged']);
      expect(await store.scheduleMany([])).toEqual([]);
      expect(await fireAll(at(100))).toEqual(['replayed', 'new', 'moved']);
    });

    it('refuses a group with a repeated or malformed timer, and stores none of it', async () => {
      await expect(store.scheduleMany([timer('a', at(1)), timer('a', at(2), 'event-2')])).rejects.toMatchObject({ code: 'INVALID_TIMER' });
      await expect(store.scheduleMany([timer('b', at(1)), { ...timer('c', at(1)), target: 'nobody' }])).rejects.toMatchObject({ code: 'INVALID_TIMER' });
      expect(await store.get('a')).toBeUndefined();
      expect(await store.get('b')).toBeUndefined();
    });

    it('refuses a malformed timer', async () => {
      await expect(store.schedule(timer('', at(1)))).rejects.toMatchObject({ code: 'INVALID_TIMER' });
      await expect(store.schedule({ ...timer('x', at(1)), target: 'nobody' })).rejects.toMatchObject({ code: 'INVALID_TIMER' });
      await expect(store.schedule(timer('y', new Date(Number.NaN)))).rejects.toMatchObject({ code: 'INVALID_TIMER' });
    });
  });
};
