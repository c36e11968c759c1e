// The in-memory state both ways of applying the projection fold into: user docs by id, and the aggregates as sums
// of deltas. Replay starts it empty and folds the whole log; a live batch preloads the docs of the users it touches
// (and starts the aggregates at zero, so they hold the batch's deltas to add to the stored rows).
import { DAILY_COUNTERS, type CounterDelta, type DailyRow, type PairRow, type UserDoc } from './rows.js';
import { projectEvent, type ProjectedEvent } from './project.js';

export interface FoldState {
  /** null: known to have no rows (never started, or forgotten). */
  readonly docs: Map<string, UserDoc | null>;
  readonly daily: Map<string, DailyRow>;
  /** Keyed by `${learning}/${native}`. */
  readonly pairs: Map<string, PairRow>;
}

export const createFoldState = (): FoldState => ({ docs: new Map(), daily: new Map(), pairs: new Map() });

const zeroDaily = (): DailyRow => Object.fromEntries(DAILY_COUNTERS.map((c) => [c, 0])) as DailyRow;

export const pairKey = (learning: string, native: string): string => `${learning}/${native}`;

export const addDelta = (state: FoldState, delta: CounterDelta): void => {
  if (delta.table === 'daily_stats') {
    let row = state.daily.get(delta.day);
    if (row === undefined) state.daily.set(delta.day, (row = zeroDaily()));
    row[delta.counter] += delta.by;
  } else {
    const key = pairKey(delta.learning, delta.native);
    let row = state.pairs.get(key);
    if (row === undefined) state.pairs.set(key, (row = { demand: 0, supply: 0 }));
    row.demand += delta.demand;
    row.supply += delta.supply;
  }
};

/** Folds one event. Throws (changing nothing) when the projection rejects the event. */
export const foldEvent = (state: FoldState, input: ProjectedEvent): void => {
  const before = state.docs.get(input.userId);
  const { doc, deltas } = projectEvent(before ?? null, input);
  if (doc !== before) state.docs.set(input.userId, doc);
  for (const delta of deltas) addDelta(state, delta);
};
