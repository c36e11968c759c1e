import type { TimeSlot } from './timeSlots.js';
import type { DaySelection } from './weekdays.js';

/** When a user can practise, in their own local time. */
export interface Availability {
  /** An IANA time-zone name; fixed offsets are written as Etc/GMT∓N. */
  readonly timeZone: string;
  readonly days: DaySelection;
  readonly slots: readonly TimeSlot[];
}
