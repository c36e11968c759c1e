// One reader of a rebuild: folds the log (or one slice of its streams) up to a fixed checkpoint into memory with the
// same pure projection the live runner uses. Reading the next page overlaps folding the current one. A rebuild runs
// one of these, or one per slice in parallel (each a worker thread), and merges what they fold.
import { START, compareCheckpoints, type Checkpoint, type EventStore, type RecordedEvent, type StreamSlice } from '../../actors/eventStore/types.js';
import { decodeForReadModels } from '../readModels/decode.js';
import { createFoldState, foldEvent, type FoldState } from '../readModels/foldState.js';
import type { EventFailure, FailureMode } from '../runner/types.js';
import { READ_MODELS_REPLAY_READ_OPTIONS } from './readOptions.js';

export interface FoldLogOptions {
  readonly store: EventStore;
  /** The last event to fold (inclusive): the head when the rebuild started; the swap applies what came later. */
  readonly upTo: Checkpoint;
  readonly slice?: StreamSlice;
  readonly pageSize: number;
  readonly failureMode: FailureMode;
  /** After each page: events folded so far and the checkpoint reached. */
  readonly onPage?: (events: number, checkpoint: Checkpoint) => void;
}

export interface FoldOutcome {
  readonly state: FoldState;
  readonly events: number;
  /** Skip mode: every event that failed. Halt mode: at most one, the event that stopped this reader. */
  readonly failures: readonly EventFailure[];
  readonly halted: boolean;
}

const message = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export const foldLog = async (options: FoldLogOptions): Promise<FoldOutcome> => {
  const { store, upTo, pageSize } = options;
  const readOptions = options.slice === undefined ? READ_MODELS_REPLAY_READ_OPTIONS : { ...READ_MODELS_REPLAY_READ_OPTIONS, streams: options.slice };
  const state = createFoldState();
  const failures: EventFailure[] = [];
  let events = 0;
  if (compareCheckpoints(upTo, START) <= 0) return { state, events, failures, halted: false };
  let next = store.readAll(START, pageSize, readOptions);
  for (;;) {
    const page = await next;
    const last = page.events[page.events.length - 1];
    const done = last === undefined || compareCheckpoints(last.checkpoint, upTo) >= 0;
    // Only the last page can reach past the head: the others need no check per event.
    const pastHead = last !== undefined && compareCheckpoints(last.checkpoint, upTo) > 0;
    if (!done) next = store.readAll(page.checkpoint, pageSize, readOptions);
    for (const recorded of page.events as RecordedEvent[]) {
      if (pastHead && compareCheckpoints(recorded.checkpoint, upTo) > 0) break;
      events += 1;
      try {
        const input = decodeForReadModels(recorded);
        if (input !== null) foldEvent(state, input);
      } catch (error) {
        failures.push({ event: recorded, error: message(error) });
        if (options.failureMode === 'halt') {
          if (!done) await next.catch(() => undefined);
          return { state, events, failures, halted: true };
        }
      }
    }
    options.onPage?.(events, compareCheckpoints(page.checkpoint, upTo) > 0 ? upTo : page.checkpoint);
    if (done) return { state, events, failures, halted: false };
  }
};
