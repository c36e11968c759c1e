import type { Availability } from './availability.js';
import { isTimeSlot, type TimeSlot } from './timeSlots.js';
import { isValidTimeZone } from './timeZones.js';
import { DAY_SELECTION_KINDS, isWeekday, type Weekday } from './weekdays.js';

export type AvailabilityProblem =
  | { readonly code: 'availability.invalid_time_zone'; readonly timeZone: string }
  | { readonly code: 'availability.unknown_day_selection'; readonly kind: string }
  | { readonly code: 'availability.no_days' }
  | { readonly code: 'availability.unknown_day'; readonly day: string }
  | { readonly code: 'availability.duplicate_day'; readonly day: Weekday }
  | { readonly code: 'availability.no_slots' }
  | { readonly code: 'availability.unknown_slot'; readonly slot: string }
  | { readonly code: 'availability.duplicate_slot'; readonly slot: TimeSlot };

export type AvailabilityProblemCode = AvailabilityProblem['code'];

export const AVAILABILITY_PROBLEM_CODES = [
  'availability.invalid_time_zone',
  'availability.unknown_day_selection',
  'availability.no_days',
  'availability.unknown_day',
  'availability.duplicate_day',
  'availability.no_slots',
  'availability.unknown_slot',
  'availability.duplicate_slot',
] as const satisfies readonly AvailabilityProblemCode[];

// Fails to compile when a problem is added to the union but not to the list the message catalog is checked against.
const _everyCodeListed: [AvailabilityProblemCode] extends [(typeof AVAILABILITY_PROBLEM_CODES)[number]] ? true : never = true;

const repeated = <T>(items: readonly T[]): readonly T[] => {
  const seen = new Set<T>();
  const twice = new Set<T>();
  for (const item of items) (seen.has(item) ? twice : seen).add(item);
  return [...twice];
};

const KINDS: ReadonlySet<string> = new Set(DAY_SELECTION_KINDS);

/** Every problem with an availability, in a stable order; empty when it is valid. */
export const validateAvailability = (availability: Availability): readonly AvailabilityProblem[] => {
  const problems: AvailabilityProblem[] = [];
  if (!isValidTimeZone(availability.timeZone)) {
    problems.push({ code: 'availability.invalid_time_zone', timeZone: availability.timeZone });
  }
  const { days } = availability;
  if (!KINDS.has(days.kind)) {
    problems.push({ code: 'availability.unknown_day_selection', kind: String(days.kind) });
  } else if (days.kind === 'days') {
    if (days.days.length === 0) problems.push({ code: 'availability.no_days' });
    for (const day of new Set<string>(days.days)) {
      if (!isWeekday(day)) problems.push({ code: 'availability.unknown_day', day });
    }
    for (const day of repeated(days.days)) problems.push({ code: 'availability.duplicate_day', day });
  }
  const { slots } = availability;
  if (slots.length === 0) problems.push({ code: 'availability.no_slots' });
  for (const slot of new Set<string>(slots)) {
    if (!isTimeSlot(slot)) problems.push({ code: 'availability.unknown_slot', slot });
  }
  for (const slot of repeated(slots)) problems.push({ code: 'availability.duplicate_slot', slot });
  return problems;
};
