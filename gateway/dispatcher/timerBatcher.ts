// Group commit for timers the dispatcher copies into the timer store. Every new user's /start schedules a
// reminder, and one upsert per timer made a burst of new users pay one Postgres commit each. Timers that become
// ready together (a page of the log fans out over many lanes in the same turn of the event loop) share one
// scheduleMany; those that become ready while it is in flight share the next. A timer's schedule still resolves
// only once it is stored, so the checkpoint never moves past a timer that is not durable.
import { validateTimer, type ScheduleOutcome, type ScheduledTimer } from '../../actors/timers/types.js';

export interface TimerBatcher {
  /** Resolves with the store's outcome once stored; rejects when `write` gives up (the dispatcher is stopping). */
  schedule(timer: ScheduledTimer): Promise<ScheduleOutcome>;
}

interface Waiter {
  readonly timer: ScheduledTimer;
  readonly resolve: (outcome: ScheduleOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** `write` stores one group of distinct timer ids (retrying as it sees fit); the batcher only groups. */
export const createTimerBatcher = (write: (timers: readonly ScheduledTimer[]) => Promise<readonly ScheduleOutcome[]>): TimerBatcher => {
  let waiting: Waiter[] = [];
  let busy = false;

  const drain = async (): Promise<void> => {
    while (waiting.length > 0) {
      // One upsert must not touch a row twice: a second schedule of the same id (lanes make it rare) waits for the
      // next group, so the two keep their order.
      const group: Waiter[] = [];
      const later: Waiter[] = [];
      const ids = new Set<string>();
      for (const waiter of waiting) {
        if (ids.has(waiter.timer.timerId)) later.push(waiter);
        else {
          ids.add(waiter.timer.timerId);
          group.push(waiter);
        }
      }
      waiting = later;
      try {
        const outcomes = await write(group.map((waiter) => waiter.timer));
        group.forEach((waiter, index) => {
          const outcome = outcomes[index];
          if (outcome === undefined) waiter.reject(new Error(`no schedule outcome for timer ${waiter.timer.timerId}`));
          else waiter.resolve(outcome);
        });
      } catch (error) {
        for (const waiter of group) waiter.reject(error);
      }
    }
    busy = false;
  };

  return {
    schedule: (timer) =>
      new Promise<ScheduleOutcome>((resolve, reject) => {
        // A malformed timer fails alone, not the group it would have joined.
        validateTimer(timer);
        waiting.push({ timer, resolve, reject });
        if (busy) return;
        busy = true;
        setImmediate(() => void drain());
      }),
  };
};
