// Counts turns of the event loop (check phases) for tests of per-turn budgets. Started before the code under test
// schedules anything, its tick runs ahead of that code's own turn change in the same check phase, so work started in
// a turn reads that turn's number.
export interface TurnCounter {
  /** The number of the turn running now. */
  readonly turn: () => number;
  /** Tallies one start in the current turn (per-turn counts for the assertions). */
  readonly count: () => void;
  readonly perTurn: () => ReadonlyMap<number, number>;
  readonly stop: () => void;
}

export const startTurnCounter = (): TurnCounter => {
  let turn = 0;
  let counting = true;
  const perTurn = new Map<number, number>();
  const tick = (): void => {
    turn += 1;
    if (counting) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    turn: () => turn,
    count: () => perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1),
    perTurn: () => perTurn,
    stop: () => {
      counting = false;
    },
  };
};
