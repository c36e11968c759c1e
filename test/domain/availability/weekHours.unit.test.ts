import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HOURS_PER_WEEK,
  commonHours,
  overlapHours,
  toUtcWeekHours,
  type Availability,
} from '../../../domain/availability/index.js';
import { availabilityArb, fixedOffsetArb, instantArb } from './arbitraries.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const daily = (hours: readonly number[], days: readonly number[] = [0, 1, 2, 3, 4, 5, 6]): number[] =>
  days.flatMap((day) => hours.map((hour) => day * 24 + hour));

describe('toUtcWeekHours', () => {
  const at = new Date('2026-01-14T10:00:00Z');

  it('maps UTC slots to themselves, late running into the next day', () => {
    expect(toUtcWeekHours({ timeZone: 'UTC', days: { kind: 'days', days: ['mon'] }, slots: ['evening'] }, at)).toEqual(range(18, 23));
    expect(toUtcWeekHours({ timeZone: 'UTC', days: { kind: 'days', days: ['sun'] }, slots: ['late'] }, at)).toEqual([
      ...range(0, 6),
      167,
    ]);
    expect(toUtcWeekHours({ timeZone: 'UTC', days: { kind: 'weekends' }, slots: ['morning', 'day'] }, at)).toEqual(
      daily(range(6, 18), [5, 6]),
    );
  });

  it('counts both UTC hours a local Kolkata hour straddles (+05:30)', () => {
    // Local 06:00–12:00 is 00:30–06:30 UTC, which touches UTC hours 0 to 6.
    expect(toUtcWeekHours({ timeZone: 'Asia/Kolkata', days: { kind: 'any' }, slots: ['morning'] }, at)).toEqual(daily(range(0, 7)));
  });

  it('handles the quarter-hour offset of Kathmandu (+05:45)', () => {
    // Monday 18:00–23:00 local is 12:15–17:15 UTC.
    expect(toUtcWeekHours({ timeZone: 'Asia/Kathmandu', days: { kind: 'days', days: ['mon'] }, slots: ['evening'] }, at)).toEqual(
      range(12, 18),
    );
  });

  it('wraps Kiritimati (+14) mornings into the previous UTC day', () => {
    // Monday 06:00–12:00 local is Sunday 16:00–22:00 UTC.
    expect(toUtcWeekHours({ timeZone: 'Pacific/Kiritimati', days: { kind: 'days', days: ['mon'] }, slots: ['morning'] }, at)).toEqual(
      range(6 * 24 + 16, 6 * 24 + 22),
    );
  });

  describe('America/New_York across the March 2026 DST switch (Sunday 8 March, 02:00 local)', () => {
    const mornings: Availability = { timeZone: 'America/New_York', days: { kind: 'any' }, slots: ['morning'] };
    const switchWeek = new Date('2026-03-05T00:00:00Z');

    it('moves only the hours after the switch', () => {
      // Monday–Saturday still EST (06:00 local = 11:00 UTC); Sunday already EDT (06:00 local = 10:00 UTC).
      expect(toUtcWeekHours(mornings, switchWeek)).toEqual([...daily(range(11, 17), [0, 1, 2, 3, 4, 5]), ...daily(range(10, 16), [6])]);
      expect(toUtcWeekHours(mornings, new Date('2026-02-25T00:00:00Z'))).toEqual(daily(range(11, 17)));
      expect(toUtcWeekHours(mornings, new Date('2026-03-12T00:00:00Z'))).toEqual(daily(range(10, 16)));
    });

    it('gives the Saturday late slot the six real hours of the short night', () => {
      // Saturday 23:00 EST = Sunday 04:00 UTC; Sunday 06:00 EDT = Sunday 10:00 UTC.
      const late: Availability = { timeZone: 'America/New_York', days: { kind: 'days', days: ['sat'] }, slots: ['late'] };
      expect(toUtcWeekHours(late, switchWeek)).toEqual(range(6 * 24 + 4, 6 * 24 + 10));
    });
  });

  it('gives the New York late slot eight real hours on the November night the clocks go back', () => {
    // Saturday 31 October 2026 23:00 EDT = Sunday 03:00 UTC; Sunday 1 November 06:00 EST = Sunday 11:00 UTC.
    const late: Availability = { timeZone: 'America/New_York', days: { kind: 'days', days: ['sat'] }, slots: ['late'] };
    expect(toUtcWeekHours(late, new Date('2026-10-28T00:00:00Z'))).toEqual(range(6 * 24 + 3, 6 * 24 + 11));
  });

  it('takes the half-hour DST switch of Lord Howe into account', () => {
    // Sunday 4 October 2026 is already on +11: 06:00–12:00 local is Saturday 19:00 – Sunday 01:00 UTC.
    const sundays: Availability = { timeZone: 'Australia/Lord_Howe', days: { kind: 'days', days: ['sun'] }, slots: ['morning'] };
    expect(toUtcWeekHours(sundays, new Date('2026-10-01T00:00:00Z'))).toEqual(range(5 * 24 + 19, 6 * 24 + 1));
    // A week earlier, on +10:30, the same morning is 19:30–01:30 UTC and touches seven UTC hours.
    expect(toUtcWeekHours(sundays, new Date('2026-09-24T00:00:00Z'))).toEqual(range(5 * 24 + 19, 6 * 24 + 2));
  });

  it('is empty without days or slots', () => {
    expect(toUtcWeekHours({ timeZone: 'UTC', days: { kind: 'days', days: [] }, slots: ['day'] }, at)).toEqual([]);
    expect(toUtcWeekHours({ timeZone: 'UTC', days: { kind: 'any' }, slots: [] }, at)).toEqual([]);
  });

  it('returns sorted distinct hours of the week (property)', () => {
    fc.assert(
      fc.property(availabilityArb(), instantArb, (availability, instant) => {
        const hours = toUtcWeekHours(availability, instant);
        hours.forEach((hour, i) => {
          expect(Number.isInteger(hour) && hour >= 0 && hour < HOURS_PER_WEEK).toBe(true);
          if (i > 0) expect(hour).toBeGreaterThan(hours[i - 1] ?? -1);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('equals the UTC computation shifted by a fixed whole-hour offset (property)', () => {
    fc.assert(
      fc.property(availabilityArb(fc.constant('UTC')), fixedOffsetArb, instantArb, (availability, offset, instant) => {
        const inUtc = toUtcWeekHours(availability, instant);
        const shifted = inUtc.map((hour) => (hour - offset.hours + HOURS_PER_WEEK) % HOURS_PER_WEEK).sort((a, b) => a - b);
        expect(toUtcWeekHours({ ...availability, timeZone: offset.timeZone }, instant)).toEqual(shifted);
      }),
      { numRuns: 100 },
    );
  });
});

describe('overlapHours', () => {
  it('counts common hours', () => {
    expect(overlapHours([1, 2, 3, 10], [2, 3, 4])).toBe(2);
    expect(overlapHours([], [1])).toBe(0);
    expect(commonHours([5, 1, 3], [3, 5, 7])).toEqual([3, 5]);
  });

  it('is symmetric and at most the smaller set (property)', () => {
    const hoursArb = fc.uniqueArray(fc.integer({ min: 0, max: HOURS_PER_WEEK - 1 }), { maxLength: HOURS_PER_WEEK });
    fc.assert(
      fc.property(hoursArb, hoursArb, (a, b) => {
        const overlap = overlapHours(a, b);
        expect(overlap).toBe(overlapHours(b, a));
        expect(overlap).toBeLessThanOrEqual(Math.min(a.length, b.length));
        expect(overlap).toBe(commonHours(a, b).length);
        expect(overlapHours(a, a)).toBe(a.length);
      }),
    );
  });

  it('is kept when both users move by the same fixed offset (property)', () => {
    fc.assert(
      fc.property(
        availabilityArb(fc.constant('UTC')),
        availabilityArb(fc.constant('UTC')),
        fixedOffsetArb,
        instantArb,
        (a, b, offset, instant) => {
          const before = overlapHours(toUtcWeekHours(a, instant), toUtcWeekHours(b, instant));
          const moved = (x: Availability): readonly number[] => toUtcWeekHours({ ...x, timeZone: offset.timeZone }, instant);
          expect(overlapHours(moved(a), moved(b))).toBe(before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('finds the evening overlap of Moscow and Berlin users', () => {
    const at = new Date('2026-01-14T00:00:00Z');
    const moscow = toUtcWeekHours({ timeZone: 'Europe/Moscow', days: { kind: 'days', days: ['mon'] }, slots: ['evening'] }, at);
    const berlin = toUtcWeekHours({ timeZone: 'Europe/Berlin', days: { kind: 'days', days: ['mon'] }, slots: ['evening'] }, at);
    // Moscow 18–23 local is 15–20 UTC; Berlin in winter 18–23 local is 17–22 UTC.
    expect(commonHours(moscow, berlin)).toEqual([17, 18, 19]);
  });
});
