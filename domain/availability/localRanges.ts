import { HOURS_PER_WEEK, MINUTES_PER_WEEK, offsetPieces, utcWeekStart } from './weekHours.js';
import { weekdayAt, type Weekday } from './weekdays.js';

/**
 * A stretch of one local day, in hours: `from` inclusive, `to` exclusive (24 = midnight at the end of the day).
 * Hours are whole except in zones with a fractional offset, where 17.5 means 17:30.
 */
export interface LocalRange {
  readonly day: Weekday;
  readonly from: number;
  readonly to: number;
}

const MINUTES_PER_DAY = 24 * 60;

/** Local minutes of the week [start, end), 0 = Monday 00:00 local; end may pass the end of the week. */
type Interval = readonly [start: number, end: number];

const mergeIntervals = (intervals: readonly Interval[]): readonly Interval[] => {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
};

/**
 * UTC week hours (as from toUtcWeekHours) seen in `timeZone` during the week containing `at`: merged local ranges,
 * split at local midnight, ordered from Monday to Sunday. Used to show two users' overlap in the viewer's time.
 */
export const weekHoursToLocal = (hours: readonly number[], timeZone: string, at: Date | number): readonly LocalRange[] => {
  const weekStart = utcWeekStart(at);
  const intervals: Interval[] = [];
  for (const hour of new Set(hours)) {
    if (!Number.isInteger(hour) || hour < 0 || hour >= HOURS_PER_WEEK) continue;
    for (const piece of offsetPieces(timeZone, weekStart, hour)) {
      const start = (((hour * 60 + piece.from + piece.offset) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
      const end = start + (piece.to - piece.from);
      // Keep every interval inside the week so that sorting puts Sunday night after Saturday, not before Monday.
      if (end > MINUTES_PER_WEEK) intervals.push([start, MINUTES_PER_WEEK], [0, end - MINUTES_PER_WEEK]);
      else intervals.push([start, end]);
    }
  }
  const ranges: LocalRange[] = [];
  for (const [start, end] of mergeIntervals(intervals)) {
    for (let cursor = start; cursor < end; ) {
      const dayIndex = Math.floor(cursor / MINUTES_PER_DAY);
      const dayEnd = Math.min(end, (dayIndex + 1) * MINUTES_PER_DAY);
      const dayStart = dayIndex * MINUTES_PER_DAY;
      ranges.push({ day: weekdayAt(dayIndex), from: (cursor - dayStart) / 60, to: (dayEnd - dayStart) / 60 });
      cursor = dayEnd;
    }
  }
  return ranges;
};

/** "17:30" for 17.5, "24:00" for the end of a day. */
export const formatLocalHour = (hour: number): string => {
  const totalMinutes = Math.round(hour * 60);
  const hh = Math.floor(totalMinutes / 60);
  const mm = totalMinutes % 60;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
};
