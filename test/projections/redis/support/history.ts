// Known event histories appended to an event store the way the user actor writes them (toStored of domain events).
import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../../../actors/eventStore/types.js';
import { toStored } from '../../../../domain/events/index.js';
import { userStreamName, type UserEvent } from '../../../../domain/user/index.js';
import { event, later, MINUTE, T0 } from '../../../domain/support/users.js';

export { activeEvents, event, later, startedEvents, MINUTE, HOUR, DAY, T0 } from '../../../domain/support/users.js';

export const append = async (store: EventStore, userId: string, events: readonly UserEvent[]): Promise<void> => {
  await store.append(
    userStreamName(userId),
    'any',
    events.map((e) => ({ id: randomUUID(), ...toStored(e) })),
  );
};

export const activity = (minutesAfterT0: number, id = 'activity'): UserEvent =>
  event('ActivityRecorded', {}, `${id}-${minutesAfterT0}`, later(minutesAfterT0 * MINUTE, T0));

/**
 * Waits until the log shows `count` events. A Postgres store shows an event only once every older transaction on
 * the server has ended (Guarantee 4), and other test runs share the server, so an append is not readable at once.
 */
export const logSettled = async (store: EventStore, count: number): Promise<void> => {
  for (;;) {
    const page = await store.readAll({ commit: 0n, position: 0n }, count + 1);
    if (page.events.length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
