import type { Weekday } from './weekdays.js';
import { weekdayAt, weekdayIndex } from './weekdays.js';

// Parts of the local day a user can be available in. `late` runs from 23:00 to 06:00 and belongs to the day on
// which it starts: choosing Monday and `late` means Monday 23:00 to Tuesday 06:00.
export const TIME_SLOTS = ['morning', 'day', 'evening', 'late'] as const;

export type TimeSlot = (typeof TIME_SLOTS)[number];

const SLOT_SET: ReadonlySet<string> = new Set(TIME_SLOTS);

export const isTimeSlot = (value: string): value is TimeSlot => SLOT_SET.has(value);

/** Local start and end hours of each slot; `to` is exclusive, and `late` wraps past midnight. */
export const SLOT_HOURS: Readonly<Record<TimeSlot, { readonly from: number; readonly to: number }>> = {
  morning: { from: 6, to: 12 },
  day: { from: 12, to: 18 },
  evening: { from: 18, to: 23 },
  late: { from: 23, to: 6 },
};

/** The slot a local hour (0–23) falls in. */
export const slotOfHour = (hour: number): TimeSlot => {
  if (hour >= 6 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 18) return 'day';
  if (hour >= 18 && hour < 23) return 'evening';
  return 'late';
};

/**
 * Whether local hour `hour` of local day `day` is available. The early hours of `late` (00–06) count for the
 * previous day's choice, since that is the day the slot started on.
 */
export const isLocalHourAvailable = (
  days: ReadonlySet<Weekday>,
  slots: ReadonlySet<TimeSlot>,
  day: Weekday,
  hour: number,
): boolean => {
  const slot = slotOfHour(hour);
  if (!slots.has(slot)) return false;
  const startedOn = slot === 'late' && hour < SLOT_HOURS.late.to ? weekdayAt(weekdayIndex(day) - 1) : day;
  return days.has(startedOn);
};
