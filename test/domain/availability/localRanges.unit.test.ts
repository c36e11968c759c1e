import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatLocalHour,
  selectedDays,
  toUtcWeekHours,
  weekHoursToLocal,
  weekdayIndex,
  type LocalRange,
} from '../../../domain/availability/index.js';
import { isLocalHourAvailable } from '../../../domain/availability/timeSlots.js';
import { availabilityArb, fixedOffsetArb, instantArb } from './arbitraries.js';

const at = new Date('2026-01-14T00:00:00Z');
const length = (ranges: readonly LocalRange[]): number => ranges.reduce((sum, range) => sum + range.to - range.from, 0);

describe('weekHoursToLocal', () => {
  it('shows UTC hours in Moscow time as merged ranges', () => {
    expect(weekHoursToLocal([15, 16, 17], 'Europe/Moscow', at)).toEqual([{ day: 'mon', from: 18, to: 21 }]);
  });

  it('splits a range at local midnight and wraps the week', () => {
    // Sunday 22:00–24:00 UTC and Monday 00:00–01:00 UTC are Monday 01:00–04:00 in Moscow (+3).
    expect(weekHoursToLocal([166, 167, 0], 'Europe/Moscow', at)).toEqual([{ day: 'mon', from: 1, to: 4 }]);
    // Monday 00:00–02:00 UTC is Sunday 19:00 – Sunday 21:00 in New York (−5), at the end of the local week.
    expect(weekHoursToLocal([0, 1, 30], 'America/New_York', at)).toEqual([
      { day: 'tue', from: 1, to: 2 },
      { day: 'sun', from: 19, to: 21 },
    ]);
    expect(weekHoursToLocal([20, 21, 22], 'Europe/Moscow', at)).toEqual([
      { day: 'mon', from: 23, to: 24 },
      { day: 'tue', from: 0, to: 2 },
    ]);
  });

  it('gives fractional hours in a half-hour zone', () => {
    expect(weekHoursToLocal([12, 13], 'Asia/Kolkata', at)).toEqual([{ day: 'mon', from: 17.5, to: 19.5 }]);
    expect(formatLocalHour(17.5)).toBe('17:30');
    expect(formatLocalHour(5.75)).toBe('05:45');
    expect(formatLocalHour(24)).toBe('24:00');
  });

  it('ignores repeated and out-of-week hours', () => {
    expect(weekHoursToLocal([3, 3, -1, 168, 2.5], 'UTC', at)).toEqual([{ day: 'mon', from: 3, to: 4 }]);
  });

  it('turns a whole-hour zone availability back into its local hours (property)', () => {
    fc.assert(
      fc.property(availabilityArb(fixedOffsetArb.map((o) => o.timeZone)), instantArb, (availability, instant) => {
        const ranges = weekHoursToLocal(toUtcWeekHours(availability, instant), availability.timeZone, instant);
        const days = new Set(selectedDays(availability.days));
        const slots = new Set(availability.slots);
        const shown = new Set(
          ranges.flatMap((range) =>
            Array.from({ length: range.to - range.from }, (_, i) => weekdayIndex(range.day) * 24 + range.from + i),
          ),
        );
        for (let hourOfWeek = 0; hourOfWeek < 168; hourOfWeek += 1) {
          const day = selectedDays({ kind: 'any' })[Math.floor(hourOfWeek / 24)];
          if (day === undefined) throw new Error('unreachable');
          expect(shown.has(hourOfWeek)).toBe(isLocalHourAvailable(days, slots, day, hourOfWeek % 24));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('covers as many local hours as there are UTC hours in a whole-hour zone (property)', () => {
    const hoursArb = fc.uniqueArray(fc.integer({ min: 0, max: 167 }), { maxLength: 168 });
    fc.assert(
      fc.property(hoursArb, fixedOffsetArb, instantArb, (hours, offset, instant) => {
        const ranges = weekHoursToLocal(hours, offset.timeZone, instant);
        expect(length(ranges)).toBe(hours.length);
        ranges.forEach((range, i) => {
          expect(range.from).toBeGreaterThanOrEqual(0);
          expect(range.to).toBeLessThanOrEqual(24);
          expect(range.to).toBeGreaterThan(range.from);
          const previous = ranges[i - 1];
          if (previous !== undefined) {
            const order = weekdayIndex(previous.day) - weekdayIndex(range.day) || previous.to - range.from;
            expect(order).toBeLessThan(0);
          }
        });
      }),
    );
  });
});
