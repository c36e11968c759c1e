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
