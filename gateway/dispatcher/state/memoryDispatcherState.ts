// The in-memory twin of the dispatcher's Postgres state, for unit tests and single-node mode. Share one instance
// between two dispatcher runs to simulate a restart.
import { compareCheckpoints, type Checkpoint } from '../../../actors/eventStore/types.js';
import type { CallOutcome, DispatcherState, Progress } from '../types.js';

export interface MemoryDispatcherState extends DispatcherState {
  /** The write-ahead records held now (calls not yet covered by the checkpoint). */
  attempts(): ReadonlyMap<string, { readonly attempts: number; readonly outcome: CallOutcome | undefined }>;
}

export const createMemoryDispatcherState = (): MemoryDispatcherState => {
  let checkpoint: Checkpoint | undefined;
  const records = new Map<string, { attempts: number; outcome: CallOutcome | undefined }>();
  const commit = ({ completed, checkpoint: next, settled }: Progress): void => {
    for (const { eventId, outcome } of completed) {
      const record = records.get(eventId);
      if (record !== undefined) record.outcome = outcome;
    }
    if (next !== undefined && (checkpoint === undefined || compareCheckpoints(checkpoint, next) < 0)) checkpoint = next;
    for (const id of settled) records.delete(id);
  };
  return {
    async loadCheckpoint() {
      return checkpoint;
    },
    async claim(eventIds, progress) {
      if (progress !== undefined) commit(progress);
      return eventIds.map((eventId) => {
        const record = records.get(eventId);
        if (record === undefined) {
          records.set(eventId, { attempts: 1, outcome: undefined });
          return 'fresh';
        }
        if (record.outcome !== undefined) return 'done';
        record.attempts += 1;
        return 'resend';
      });
    },
    async commit(progress) {
      commit(progress);
    },
    attempts: () => records,
    async close() {},
  };
};
