import { describe, expect, it } from 'vitest';
import {
  selectedDays,
  slotOfHour,
  validateAvailability,
  type Availability,
  type DaySelection,
  type TimeSlot,
  type Weekday,
} from '../../../domain/availability/index.js';

const valid: Availability = { timeZone: 'Europe/Moscow', days: { kind: 'weekdays' }, slots: ['evening'] };

describe('validateAvailability', () => {
  it('accepts a valid availability', () => {
    expect(validateAvailability(valid)).toEqual([]);
    expect(validateAvailability({ timeZone: 'Etc/GMT-3', days: { kind: 'days', days: ['sat', 'mon'] }, slots: ['late', 'morning'] })).toEqual([]);
  });

  it('reports an unknown time zone', () => {
    expect(validateAvailability({ ...valid, timeZone: 'Moscow' })).toEqual([{ code: 'availability.invalid_time_zone', timeZone: 'Moscow' }]);
  });

  it('reports empty, unknown and repeated days', () => {
    expect(validateAvailability({ ...valid, days: { kind: 'days', days: [] } })).toEqual([{ code: 'availability.no_days' }]);
    const days = ['mon', 'funday', 'mon'] as unknown as Weekday[];
    expect(validateAvailability({ ...valid, days: { kind: 'days', days } })).toEqual([
      { code: 'availability.unknown_day', day: 'funday' },
      { code: 'availability.duplicate_day', day: 'mon' },
    ]);
    expect(validateAvailability({ ...valid, days: { kind: 'someday' } as unknown as DaySelection })).toEqual([
      { code: 'availability.unknown_day_selection', kind: 'someday' },
    ]);
  });

  it('reports empty, unknown and repeated slots', () => {
    expect(validateAvailability({ ...valid, slots: [] })).toEqual([{ code: 'availability.no_slots' }]);
    expect(validateAvailability({ ...valid, slots: ['day', 'night', 'day'] as unknown as TimeSlot[] })).toEqual([
      { code: 'availability.unknown_slot', slot: 'night' },
      { code: 'availability.duplicate_slot', slot: 'day' },
    ]);
  });
});

describe('day and slot helpers', () => {
  it('expands day selections in week order', () => {
    expect(selectedDays({ kind: 'weekdays' })).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(selectedDays({ kind: 'weekends' })).toEqual(['sat', 'sun']);
    expect(selectedDays({ kind: 'any' })).toHaveLength(7);
    expect(selectedDays({ kind: 'days', days: ['sun', 'mon'] })).toEqual(['mon', 'sun']);
  });

  it('puts every local hour in exactly the slot its range names', () => {
    const slots = Array.from({ length: 24 }, (_, hour) => slotOfHour(hour));
    expect(slots.filter((slot) => slot === 'morning')).toHaveLength(6);
    expect(slots.filter((slot) => slot === 'day')).toHaveLength(6);
    expect(slots.filter((slot) => slot === 'evening')).toHaveLength(5);
    expect(slots.filter((slot) => slot === 'late')).toHaveLength(7);
    expect([slotOfHour(5), slotOfHour(6), slotOfHour(12), slotOfHour(18), slotOfHour(23)]).toEqual(['late', 'morning', 'day', 'evening', 'late']);
  });
});
