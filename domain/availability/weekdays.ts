// Days of the week, Monday first (ISO 8601), as the user chooses them in local time.

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export type Weekday = (typeof WEEKDAYS)[number];

const WEEKDAY_SET: ReadonlySet<string> = new Set(WEEKDAYS);

export const isWeekday = (value: string): value is Weekday => WEEKDAY_SET.has(value);

export type DaySelection =
  | { readonly kind: 'weekdays' }
  | { readonly kind: 'weekends' }
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: readonly Weekday[] };

export type DaySelectionKind = DaySelection['kind'];

export const DAY_SELECTION_KINDS = ['weekdays', 'weekends', 'any', 'days'] as const satisfies readonly DaySelectionKind[];

/** 0 for Monday … 6 for Sunday. */
export const weekdayIndex = (day: Weekday): number => WEEKDAYS.indexOf(day);

export const weekdayAt = (index: number): Weekday => WEEKDAYS[((index % 7) + 7) % 7] as Weekday;

/** The concrete days a selection stands for, in week order. */
export const selectedDays = (selection: DaySelection): readonly Weekday[] => {
  switch (selection.kind) {
    case 'weekdays':
      return WEEKDAYS.slice(0, 5);
    case 'weekends':
      return WEEKDAYS.slice(5);
    case 'any':
      return WEEKDAYS;
    case 'days':
      return WEEKDAYS.filter((day) => selection.days.includes(day));
    default: {
      const unknown: never = selection;
      throw new TypeError(`unknown day selection: ${JSON.stringify(unknown)}`);
    }
  }
};
