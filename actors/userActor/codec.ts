// Stored shape of the user actor's events: domain events through the domain's versioning (validated and upcast on
// read), outbox events as they are (they are read by the dispatcher, never folded into state).
import { toStored, upcast } from '../../domain/events/index.js';
import { USER_STATE_SCHEMA_VERSION, type UserEvent, type UserState } from '../../domain/user/index.js';
import { isOutboxEventType, OUTBOX_SCHEMA_VERSION, type OutboxEvent } from '../outbox/outboxEvents.js';
import type { EventCodec, StateCodec } from '../runtime/types.js';
import type { UserActorEvent } from './session.js';

export const userEventCodec: EventCodec<UserActorEvent> = {
  encode: (event) =>
    isOutboxEventType(event.type) ? { type: event.type, schemaVersion: OUTBOX_SCHEMA_VERSION, data: event.data } : toStored(event as UserEvent),
  decode: (stored) =>
    isOutboxEventType(stored.type) ? ({ type: stored.type, data: stored.data } as OutboxEvent) : upcast(stored),
};

/** Snapshots hold the state as is (plain JSON by design); the domain bumps the version when UserState changes. */
export const userStateCodec: StateCodec<UserState> = {
  schemaVersion: USER_STATE_SCHEMA_VERSION,
  encode: (state) => state,
  decode: (data) => data as UserState,
};
