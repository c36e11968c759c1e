// The cache projection as a target of the projection runner (lease, batching, lag). The runner fences each batch
// with the checkpoint it believes is stored; here the checkpoint lives in Redis, so a flushed or evicted cache shows
// up as a moved checkpoint: the runner re-reads it, finds the cache cold, and replays the log from the start while
// readers fall back to Postgres. The cache turns warm (trusted by readers) once it reaches the head of the log.
import { START, compareCheckpoints, type Checkpoint, type EventStore, type RecordedEvent } from '../../actors/eventStore/types.js';
import { CheckpointMovedError, type ApplyResult, type EventFailure, type ProjectionTarget } from '../runner/types.js';
import type { RedisCacheProjection } from './cacheProjection.js';
import { decodeUserEvent, type DecodedEvent } from './decodeUserEvents.js';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const redisCacheTarget = (projection: RedisCacheProjection, store: Pick<EventStore, 'headCheckpoint'>): ProjectionTarget => {
  const warmIfCaughtUp = async (checkpoint: Checkpoint): Promise<void> => {
    if (compareCheckpoints(await store.headCheckpoint(), checkpoint) <= 0) await projection.markWarm(checkpoint);
  };

  return {
    name: projection.name,
    async prepare() {},
    async checkpoint() {
      const stored = await projection.checkpoint();
      if (stored !== null) {
        await warmIfCaughtUp(stored);
        return stored;
      }
      // Cold: whatever survived (a partial eviction) goes, and the log is replayed from the start.
      await projection.clear();
      await warmIfCaughtUp(START);
      return START;
    },
    async apply(events: readonly RecordedEvent[], expected: Checkpoint, mode): Promise<ApplyResult> {
      const stored = (await projection.checkpoint()) ?? START;
      if (compareCheckpoints(stored, expected) !== 0) throw new CheckpointMovedError(expected, stored);
      const decoded: DecodedEvent[] = [];
      const skipped: EventFailure[] = [];
      let halted: EventFailure | null = null;
      let through = expected;
      for (const event of events) {
        try {
          const one = decodeUserEvent(event);
          if (one !== null) decoded.push(one);
        } catch (error) {
          const failure = { event, error: message(error) };
          if (mode === 'halt') {
            halted = failure;
            break;
          }
          skipped.push(failure);
        }
        through = event.checkpoint;
      }
      if (compareCheckpoints(through, expected) > 0) {
        // Fenced in Redis too: a flush between the check above and this write is refused there.
        await projection.applyDecoded(decoded, through, expected);
        await warmIfCaughtUp(through);
      }
      return { checkpoint: through, applied: decoded.length, skipped, halted };
    },
  };
};
