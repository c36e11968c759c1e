// A small population with every status a pool must respect, and what the caches should say about it.
import type { EventStore } from '../../../../actors/eventStore/types.js';
import { activeEvents, append, event, later, MINUTE, startedEvents } from './history.js';

export const ANN = '101'; // native en, learns ru, active
export const BOB = '102'; // native ru, learns en, active
export const CAT = '103'; // native ru, learns en, paused
export const DAN = '104'; // started, native ru only: incomplete (onboarding)
export const EVE = '105'; // native ru, learns en, banned
export const FAY = '106'; // native ru, learns en, forgotten
export const GUS = '107'; // native es, learns en, active
export const IDA = '108'; // native ru, learns en, active, active later than Bob

export const appendPopulation = async (store: EventStore): Promise<void> => {
  await append(store, ANN, activeEvents(ANN, { native: 'en', learning: 'ru' }));
  await append(store, BOB, activeEvents(BOB, { native: 'ru', learning: 'en' }));
  await append(store, CAT, [...activeEvents(CAT, { native: 'ru', learning: 'en' }), event('ProfilePaused', {}, 'pause-cat')]);
  await append(store, DAN, [...startedEvents(DAN), event('NativeLanguagesSet', { languages: ['ru'] }, 'native-dan')]);
  await append(store, EVE, [...activeEvents(EVE, { native: 'ru', learning: 'en' }), event('UserBanned', { reason: 'spam' }, 'ban-eve')]);
  await append(store, FAY, [...activeEvents(FAY, { native: 'ru', learning: 'en' }), event('UserForgotten', {}, 'forget-fay')]);
  await append(store, GUS, activeEvents(GUS, { native: 'es', learning: 'en' }));
  await append(store, IDA, [...activeEvents(IDA, { native: 'ru', learning: 'en' }), event('ActivityRecorded', {}, 'act-ida', later(5 * MINUTE))]);
};

/** How many events appendPopulation appends. */
export const POPULATION_EVENTS = 7 + 7 + 8 + 2 + 8 + 8 + 7 + 8;

export const POPULATION_COUNTERS = {
  total: 7,
  active: 4,
  complete: 6,
  onboarding: 1,
  paused: 1,
  banned: 1,
  forgotten: 1,
} as const;
