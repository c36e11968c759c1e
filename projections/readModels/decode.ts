// From a stored event to the projection's input: user streams only, outbox entries skipped, everything else
// validated and lifted to the current schema through domain/events upcast (which throws on a malformed event: the
// runner dead-letters it).
import { isOutboxEventType } from '../../actors/outbox/outboxEvents.js';
import type { RecordedEvent } from '../../actors/eventStore/types.js';
import { upcast } from '../../domain/events/index.js';
import { isUnprojected, type ProjectedEvent } from './project.js';

const USER_STREAM = /^user-([1-9][0-9]{0,15})$/;

/** The projection's input, or null for an event no read model depends on. */
export const decodeEvent = (recorded: RecordedEvent): ProjectedEvent | null => {
  if (isOutboxEventType(recorded.type)) return null;
  const match = USER_STREAM.exec(recorded.streamName);
  if (match === null) return null;
  const event = upcast(recorded);
  return { userId: match[1]!, streamVersion: recorded.streamVersion, event };
};

/**
 * decodeEvent for the read models: events no read model depends on (the actor's dialog state, partner-alert
 * bookkeeping) are passed over before decoding — a rebuild does not even fetch their data — so a malformed one of
 * those is not this projection's poison.
 */
export const decodeForReadModels = (recorded: RecordedEvent): ProjectedEvent | null => (isUnprojected(recorded.type) ? null : decodeEvent(recorded));
