export type { Availability } from './availability.js';
export {
  DAY_SELECTION_KINDS,
  WEEKDAYS,
  isWeekday,
  selectedDays,
  weekdayIndex,
  type DaySelection,
  type DaySelectionKind,
  type Weekday,
} from './weekdays.js';
export { SLOT_HOURS, TIME_SLOTS, isTimeSlot, slotOfHour, type TimeSlot } from './timeSlots.js';
export { canonicalTimeZone, isValidTimeZone, utcOffsetMinutes } from './timeZones.js';
export { HOURS_PER_WEEK, commonHours, overlapHours, toUtcWeekHours, utcWeekStart } from './weekHours.js';
export { formatLocalHour, weekHoursToLocal, type LocalRange } from './localRanges.js';
export {
  AVAILABILITY_PROBLEM_CODES,
  validateAvailability,
  type AvailabilityProblem,
  type AvailabilityProblemCode,
} from './validateAvailability.js';
