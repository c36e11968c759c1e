// The matching profile of a user who just became matchable, as of that event: their stream folded up to it (the
// read models may lag this follower, so they are not asked). Upcast and validated like every other reader.
import type { EventStore, RecordedEvent } from '../../../actors/eventStore/types.js';
import { isOutboxEventType } from '../../../actors/outbox/outboxEvents.js';
import { upcast } from '../../../domain/events/index.js';
import { candidateFromState, type CandidateProfile } from '../../../domain/matching/index.js';
import { fold } from '../../../domain/user/index.js';

export const newcomerProfile = async (store: Pick<EventStore, 'readStream'>, trigger: RecordedEvent, now: Date): Promise<CandidateProfile | null> => {
  const events = await store.readStream(trigger.streamName, { maxCount: trigger.streamVersion });
  const state = fold(events.filter((e) => e.streamVersion <= trigger.streamVersion && !isOutboxEventType(e.type)).map((e) => upcast(e)));
  return candidateFromState(state, now);
};
