import type { Availability } from './availability.js';
import { isLocalHourAvailable } from './timeSlots.js';
import { utcOffsetMinutes } from './timeZones.js';
import { selectedDays, weekdayAt } from './weekdays.js';

// A week of UTC hours: 0 is Monday 00:00–01:00 UTC, 167 is Sunday 23:00–24:00 UTC.
export const HOURS_PER_WEEK = 168;
export const MINUTES_PER_WEEK = HOURS_PER_WEEK * 60;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Monday 00:00 UTC of the UTC week that contains `at`, in epoch milliseconds. */
export const utcWeekStart = (at: Date | number): number => {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('utcWeekStart: invalid instant');
  const dayStart = Math.floor(ms / DAY_MS) * DAY_MS;
  // 1970-01-01 was a Thursday: days since then, shifted so that Monday is 0.
  const mondayBased = (((Math.floor(ms / DAY_MS) + 3) % 7) + 7) % 7;
  return dayStart - mondayBased * DAY_MS;
};

/** A stretch of minutes inside one UTC hour during which the zone's offset does not change. */
export interface OffsetPiece {
  /** Minutes from the start of the UTC hour, 0 ≤ from < to ≤ 60. */
  readonly from: number;
  readonly to: number;
  readonly offset: number;
}

// Offsets at the 169 hour boundaries of a week, memoised per zone and week: every user of a zone shares them, and
// reading one through Intl costs about ten microseconds. The memo holds only deterministic values, so it changes
// nothing but speed; it is bounded so a long-running process does not grow it without end.
const BOUNDARY_MEMO_LIMIT = 512;
const boundaryMemo = new Map<string, readonly number[]>();

const hourBoundaryOffsets = (timeZone: string, weekStart: number): readonly number[] => {
  const key = `${timeZone}|${weekStart}`;
  const known = boundaryMemo.get(key);
  if (known !== undefined) return known;
  const offsets = Array.from({ length: HOURS_PER_WEEK + 1 }, (_, hour) => utcOffsetMinutes(timeZone, weekStart + hour * HOUR_MS));
  if (boundaryMemo.size >= BOUNDARY_MEMO_LIMIT) boundaryMemo.clear();
  boundaryMemo.set(key, offsets);
  return offsets;
};

/**
 * The zone's offsets during UTC hour `hour` of the week starting at `weekStart`. An hour with the same offset at
 * both ends has one piece (offsets change at most once an hour); an hour holding a DST switch is read minute by
 * minute, which is exact for every switch on a whole minute, i.e. all of them in tzdata since 1972.
 */
export const offsetPieces = (timeZone: string, weekStart: number, hour: number): readonly OffsetPiece[] => {
  const boundaries = hourBoundaryOffsets(timeZone, weekStart);
  const first = boundaries[hour] ?? utcOffsetMinutes(timeZone, weekStart + hour * HOUR_MS);
  if (boundaries[hour + 1] === first) return [{ from: 0, to: 60, offset: first }];
  const start = weekStart + hour * HOUR_MS;
  const pieces: OffsetPiece[] = [];
  let current = { from: 0, offset: first };
  for (let minute = 1; minute < 60; minute += 1) {
    const offset = utcOffsetMinutes(timeZone, start + minute * MINUTE_MS);
    if (offset !== current.offset) {
      pieces.push({ from: current.from, to: minute, offset: current.offset });
      current = { from: minute, offset };
    }
  }
  pieces.push({ from: current.from, to: 60, offset: current.offset });
  return pieces;
};

const mod = (value: number, by: number): number => ((value % by) + by) % by;

/**
 * The hours of the UTC week containing `at` during which the user is available, sorted and without repeats.
 *
 * Rule: a UTC hour is in the set when any minute of it falls in an available local hour. Each UTC hour is mapped
 * through the zone's real offset at that moment, so a DST switch inside the week moves only the hours after it,
 * and in a half- or quarter-hour zone (Asia/Kolkata, Asia/Kathmandu) a local hour straddling two UTC hours counts
 * for both of them. Overlap computed on these sets can therefore promise up to an hour more than the minutes two
 * such users truly share, never less.
 */
export const toUtcWeekHours = (availability: Availability, at: Date | number): readonly number[] => {
  const days = new Set(selectedDays(availability.days));
  const slots = new Set(availability.slots);
  if (days.size === 0 || slots.size === 0) return [];
  const weekStart = utcWeekStart(at);
  const hours: number[] = [];
  for (let hour = 0; hour < HOURS_PER_WEEK; hour += 1) {
    const available = offsetPieces(availability.timeZone, weekStart, hour).some((piece) => {
      // Within a piece the local hour changes where local minutes cross a multiple of 60: test each local hour
      // the piece touches.
      const firstLocal = hour * 60 + piece.from + piece.offset;
      const lastLocal = hour * 60 + piece.to - 1 + piece.offset;
      for (let localHour = Math.floor(firstLocal / 60); localHour <= Math.floor(lastLocal / 60); localHour += 1) {
        const hourOfWeek = mod(localHour, HOURS_PER_WEEK);
        if (isLocalHourAvailable(days, slots, weekdayAt(Math.floor(hourOfWeek / 24)), hourOfWeek % 24)) return true;
      }
      return false;
    });
    if (available) hours.push(hour);
  }
  return hours;
};

/** How many hours of the week two sets of UTC week hours have in common. */
export const overlapHours = (a: readonly number[], b: readonly number[]): number => {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const inLarge = new Set(large);
  return new Set(small.filter((hour) => inLarge.has(hour))).size;
};

/** The common UTC week hours of two sets, sorted. */
export const commonHours = (a: readonly number[], b: readonly number[]): readonly number[] => {
  const inB = new Set(b);
  return [...new Set(a.filter((hour) => inB.has(hour)))].sort((x, y) => x - y);
};
