// Timers the dispatcher copies into the timer store, group-committed (groupWriter.ts). Every new user's /start
// schedules a reminder, and one upsert per timer made a burst of new users pay one Postgres commit each. A timer's
// schedule still resolves only once it is stored, so the checkpoint never moves past a timer that is not durable.
import { validateTimer, type ScheduleOutcome, type ScheduledTimer } from '../../actors/timers/types.js';
import { createGroupWriter } from './groupWriter.js';

export interface TimerBatcher {
  /** Resolves with the store's outcome once stored; rejects when `write` gives up (the dispatcher is stopping). */
  schedule(timer: ScheduledTimer): Promise<ScheduleOutcome>;
}

/** `write` stores one group of distinct timer ids; a second schedule of the same id waits for the next group. */
export const createTimerBatcher = (write: (timers: readonly ScheduledTimer[]) => Promise<readonly ScheduleOutcome[]>): TimerBatcher => {
  const schedule = createGroupWriter<ScheduledTimer, ScheduleOutcome>(write, (timer) => timer.timerId, 'next');
  return {
    schedule: async (timer) => {
      // A malformed timer fails alone, not the group it would have joined.
      validateTimer(timer);
      return schedule(timer);
    },
  };
};
