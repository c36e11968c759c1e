import fc from 'fast-check';
import { TIME_SLOTS, WEEKDAYS, type Availability, type DaySelection } from '../../../domain/availability/index.js';

export const daySelectionArb: fc.Arbitrary<DaySelection> = fc.oneof(
  fc.constant({ kind: 'weekdays' } as const),
  fc.constant({ kind: 'weekends' } as const),
  fc.constant({ kind: 'any' } as const),
  fc.subarray([...WEEKDAYS], { minLength: 1 }).map((days) => ({ kind: 'days', days }) as const),
);

export const slotsArb = fc.subarray([...TIME_SLOTS], { minLength: 1 });

/** Whole-hour offsets from UTC−12 to UTC+14 with the IANA names that carry them (Etc/GMT signs are inverted). */
export const fixedOffsetArb = fc.integer({ min: -12, max: 14 }).map((hours) => ({
  hours,
  timeZone: hours === 0 ? 'Etc/UTC' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`,
}));

export const ZONES = [
  'UTC', 'Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'America/Sao_Paulo', 'Asia/Kolkata',
  'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'Pacific/Chatham', 'America/St_Johns',
] as const;

export const availabilityArb = (timeZones: fc.Arbitrary<string> = fc.constantFrom(...ZONES)): fc.Arbitrary<Availability> =>
  fc.record({ timeZone: timeZones, days: daySelectionArb, slots: slotsArb });

// Instants between 2020 and 2035, which include DST switches in every zone above that has them.
export const instantArb = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) });
