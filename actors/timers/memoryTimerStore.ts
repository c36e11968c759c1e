// The in-memory twin of the Postgres timer store: same outcomes, same ordering (fireAt, then id), same "mark fired
// only after delivery". For unit tests and single-node mode without a database.
import { TimerError, validateTimer, type ScheduleOutcome, type ScheduledTimer, type StoredTimer, type TimerStore } from './types.js';

const byDueTime = (a: StoredTimer, b: StoredTimer): number =>
  a.fireAt.getTime() - b.fireAt.getTime() || (a.timerId < b.timerId ? -1 : a.timerId > b.timerId ? 1 : 0);

export const createMemoryTimerStore = (): TimerStore => {
  const timers = new Map<string, StoredTimer>();
  // Timers handed to a deliver() that has not returned yet: a concurrent fireDue must not take them too.
  const claimed = new Set<string>();

  const schedule = async (timer: ScheduledTimer): Promise<ScheduleOutcome> => {
    validateTimer(timer);
    const existing = timers.get(timer.timerId);
    if (existing === undefined) {
      timers.set(timer.timerId, { ...timer, state: 'scheduled' });
      return 'scheduled';
    }
    if (existing.eventId === timer.eventId) return 'unchanged';
    if (existing.state !== 'scheduled') return 'ignored';
    timers.set(timer.timerId, { ...timer, state: 'scheduled' });
    return 'rescheduled';
  };

  return {
    schedule,
    async scheduleMany(many) {
      if (new Set(many.map((timer) => timer.timerId)).size !== many.length) throw new TimerError('INVALID_TIMER', 'scheduleMany takes distinct timer ids');
      many.forEach(validateTimer);
      const outcomes: ScheduleOutcome[] = [];
      for (const timer of many) outcomes.push(await schedule(timer));
      return outcomes;
    },
    async cancel(timerId) {
      const existing = timers.get(timerId);
      if (existing === undefined) {
        timers.set(timerId, { timerId, fireAt: new Date(0), target: 'user:0', message: null, eventId: '', headers: {}, state: 'cancelled' });
        return 'tombstoned';
      }
      if (existing.state !== 'scheduled') return 'unchanged';
      timers.set(timerId, { ...existing, state: 'cancelled' });
      return 'cancelled';
    },
    async fireDue(now, limit, deliver) {
      const due = [...timers.values()]
        .filter((timer) => timer.state === 'scheduled' && timer.fireAt.getTime() <= now.getTime() && !claimed.has(timer.timerId))
        .sort(byDueTime)
        .slice(0, limit);
      due.forEach((timer) => claimed.add(timer.timerId));
      const fired: StoredTimer[] = [];
      const failed: { timer: StoredTimer; error: unknown }[] = [];
      try {
        for (const timer of due) {
          try {
            await deliver(timer);
            // A cancel that raced with the delivery loses: the message is already in the mailbox.
            timers.set(timer.timerId, { ...timer, state: 'fired' });
            fired.push(timer);
          } catch (error) {
            failed.push({ timer, error });
          }
        }
      } finally {
        due.forEach((timer) => claimed.delete(timer.timerId));
      }
      return { fired, failed };
    },
    async nextDue() {
      const pending = [...timers.values()].filter((timer) => timer.state === 'scheduled').sort(byDueTime);
      return pending[0]?.fireAt;
    },
    async get(timerId) {
      return timers.get(timerId);
    },
    async close() {},
  };
};
