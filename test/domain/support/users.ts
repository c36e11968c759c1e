// Fixtures for the user and tandem tests: fixed ids and times, command and event builders.
import type { Availability } from '../../../domain/availability/index.js';
import { isDomainError, type UserErrorCode } from '../../../domain/errors.js';
import type { UserCommand, UserEvent } from '../../../domain/user/index.js';
import { userDecider } from '../../../domain/user/index.js';
import { specificationFor } from './deciderSpecification.js';

export const ME = '1001';
export const PEER = '2002';
export const OTHER = '3003';
export const T0 = new Date('2026-03-02T10:00:00.000Z');
export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const later = (ms: number, from: Date = T0): Date => new Date(from.getTime() + ms);

export const given = specificationFor(userDecider);

type CommandOf<T extends UserCommand['type']> = Extract<UserCommand, { type: T }>;
type EventOf<T extends UserEvent['type']> = Extract<UserEvent, { type: T }>;

export const command = <T extends UserCommand['type']>(type: T, data: CommandOf<T>['data'], commandId = `cmd-${type}`, now: Date = T0): CommandOf<T> =>
  ({ type, data, meta: { now, commandId } }) as CommandOf<T>;

/** An event as decide would write it for the command with this id at this time. */
export const event = <T extends UserEvent['type']>(
  type: T,
  data: Omit<EventOf<T>['data'], 'at' | 'causationId'>,
  causationId: string,
  now: Date = T0,
): EventOf<T> => ({ type, data: { ...data, at: now.toISOString(), causationId } }) as unknown as EventOf<T>;

export const isError =
  (code: UserErrorCode) =>
  (error: unknown): boolean =>
    isDomainError(error) && error.code === code;

export const berlinEvenings: Availability = { timeZone: 'Europe/Berlin', days: { kind: 'any' }, slots: ['evening'] };

/** History of a user who started (ten minutes before T0 by default, so no activity event is due). */
export const startedEvents = (id = ME, username: string | null = 'me_user', at: Date = later(-10 * MINUTE)): readonly UserEvent[] => [
  event('UserStarted', { telegramId: id, firstName: 'Ann', username, telegramLanguageCode: 'en' }, `start-${id}`, at),
];

/** History of a user whose profile is complete (status active), native `native`, learning `learning` at B1. */
export const activeEvents = (
  id = ME,
  options: { readonly username?: string | null; readonly native?: 'en' | 'ru' | 'es'; readonly learning?: 'en' | 'ru' | 'es'; readonly at?: Date } = {},
): readonly UserEvent[] => {
  const at = options.at ?? later(-10 * MINUTE);
  const c = (name: string): string => `${name}-${id}`;
  return [
    ...startedEvents(id, options.username === undefined ? 'me_user' : options.username, at),
    event('NativeLanguagesSet', { languages: [options.native ?? 'en'] }, c('native'), at),
    event('LearningLanguagesSet', { languages: [{ code: options.learning ?? 'ru', level: 'B1' }] }, c('learning'), at),
    event('InterestsSet', { interests: ['music', 'books'], primary: ['music'] }, c('interests'), at),
    event('AvailabilitySet', { availability: berlinEvenings }, c('availability'), at),
    event('CommunicationSet', { styles: ['text'], frequency: 'weekly' }, c('communication'), at),
    event('OnboardingCompleted', {}, c('communication'), at),
  ];
};
