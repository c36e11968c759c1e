// Picks the user streams' events out of a batch of the global log and decodes each through upcast() (older schema
// versions lifted, shapes validated). Events of other streams are not ours.
import type { RecordedEvent } from '../../actors/eventStore/types.js';
import { isOutboxEventType } from '../../actors/outbox/outboxEvents.js';
import { upcast } from '../../domain/events/index.js';
import { isUserId, type UserEvent, type UserId } from '../../domain/user/index.js';

export interface VersionedEvent {
  readonly version: number;
  /** null: an outbox entry (a side effect the actor queued beside its events): it holds a version, changes no state. */
  readonly event: UserEvent | null;
}

export interface DecodedEvent extends VersionedEvent {
  readonly userId: UserId;
}

const STREAM_PREFIX = 'user-';

export const userIdOfStream = (stream: string): UserId | null => {
  if (!stream.startsWith(STREAM_PREFIX)) return null;
  const id = stream.slice(STREAM_PREFIX.length);
  return isUserId(id) ? id : null;
};

export const decodeRecorded = (recorded: RecordedEvent): VersionedEvent => ({
  version: recorded.streamVersion,
  // Outbox entries keep their version, so the record's version follows the stream without gaps to fill.
  event: isOutboxEventType(recorded.type) ? null : upcast({ type: recorded.type, schemaVersion: recorded.schemaVersion, data: recorded.data }),
});

/** The event decoded, or null when it belongs to no user stream; throws when a user event does not decode. */
export const decodeUserEvent = (recorded: RecordedEvent): DecodedEvent | null => {
  const userId = userIdOfStream(recorded.streamName);
  return userId === null ? null : { userId, ...decodeRecorded(recorded) };
};

/** User id → that user's events, ascending by version, each version once (a batch may repeat one). */
export const groupByUser = (events: readonly DecodedEvent[]): ReadonlyMap<UserId, readonly VersionedEvent[]> => {
  const groups = new Map<UserId, Map<number, VersionedEvent>>();
  for (const decoded of events) {
    let group = groups.get(decoded.userId);
    if (group === undefined) groups.set(decoded.userId, (group = new Map()));
    if (!group.has(decoded.version)) group.set(decoded.version, decoded);
  }
  return new Map([...groups].map(([id, group]) => [id, [...group.values()].sort((a, b) => a.version - b.version)]));
};
