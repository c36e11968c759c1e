// Upcasters lift one event type from version n to n + 1. Each parses the old shape first (an old event that does
// not even match its own version is corrupt, and says so), then maps it. Reading chains them up to the current
// version (upcast.ts); writing always uses the current version, so old shapes only ever come from the log.
import { WEEKDAYS, TIME_SLOTS } from '../availability/index.js';
import type { CefrLevel } from '../languages/index.js';
import { LANGUAGE_CODES } from '../languages/index.js';
import type { UserEventType } from '../user/events.js';
import { array, integer, isoTime, object, oneOf, optional, string, type Shape } from './shape.js';

export interface Upcaster {
  readonly type: UserEventType;
  /** Lifts data of version `from` to version `from + 1`. */
  readonly from: number;
  readonly up: (data: unknown) => unknown;
}

const base = { at: isoTime, causationId: string({ min: 1 }) } as const;

const userStartedV1 = object({
  ...base,
  telegramId: integer(1, Number.MAX_SAFE_INTEGER),
  name: string({ min: 1 }),
  username: optional(string()),
  languageCode: optional(string()),
});

const learningLanguagesSetV1 = object({
  ...base,
  languages: array(oneOf(LANGUAGE_CODES), { min: 1, max: 3 }),
  level: oneOf(['beginner', 'intermediate', 'advanced'] as const),
});
/** The old bot's three levels, mapped to the CEFR level its own help text described. */
const CEFR_OF_V1_LEVEL: Readonly<Record<'beginner' | 'intermediate' | 'advanced', CefrLevel>> = { beginner: 'A2', intermediate: 'B1', advanced: 'C1' };

const daysV1: Shape<'weekdays' | 'weekends' | 'any' | readonly (typeof WEEKDAYS)[number][]> = (value, path) =>
  Array.isArray(value) ? array(oneOf(WEEKDAYS), { min: 1 })(value, path) : oneOf(['weekdays', 'weekends', 'any'] as const)(value, path);
const availabilitySetV1 = object({
  ...base,
  availability: object({ timeZone: string({ min: 1 }), days: daysV1, slots: array(oneOf(TIME_SLOTS), { min: 1 }) }),
});

export const UPCASTERS: readonly Upcaster[] = [
  {
    type: 'UserStarted',
    from: 1,
    up: (data) => {
      const v1 = userStartedV1(data, '');
      return {
        at: v1.at,
        causationId: v1.causationId,
        telegramId: String(v1.telegramId),
        firstName: v1.name,
        username: v1.username ?? null,
        telegramLanguageCode: v1.languageCode ?? null,
      };
    },
  },
  {
    type: 'LearningLanguagesSet',
    from: 1,
    up: (data) => {
      const v1 = learningLanguagesSetV1(data, '');
      return { at: v1.at, causationId: v1.causationId, languages: v1.languages.map((code) => ({ code, level: CEFR_OF_V1_LEVEL[v1.level] })) };
    },
  },
  {
    type: 'AvailabilitySet',
    from: 1,
    up: (data) => {
      const v1 = availabilitySetV1(data, '');
      const { days } = v1.availability;
      return {
        at: v1.at,
        causationId: v1.causationId,
        availability: { ...v1.availability, days: typeof days === 'string' ? { kind: days } : { kind: 'days', days } },
      };
    },
  },
];

export const findUpcaster = (type: UserEventType, from: number): Upcaster | undefined =>
  UPCASTERS.find((u) => u.type === type && u.from === from);
