import { describe, expect, it } from 'vitest';
import { createTurnBudget } from '../../../actors/runtime/turnBudget.js';

const nextImmediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('turn budget', () => {
  it('allows perTurn starts in one turn of the event loop and refuses the next until the turn ends', async () => {
    const budget = createTurnBudget(3);
    expect([budget.tryTake(), budget.tryTake(), budget.tryTake(), budget.tryTake()]).toEqual([true, true, true, false]);
    await budget.nextTurn();
    expect([budget.tryTake(), budget.tryTake(), budget.tryTake(), budget.tryTake()]).toEqual([true, true, true, false]);
  });

  it('gives a full budget to a turn that follows one where nothing was taken', async () => {
    const budget = createTurnBudget(2);
    budget.tryTake();
    await nextImmediate();
    await nextImmediate();
    expect([budget.tryTake(), budget.tryTake(), budget.tryTake()]).toEqual([true, true, false]);
  });

  it('spreads a burst over turns, perTurn at a time, in the order the starts were asked for', async () => {
    const budget = createTurnBudget(4);
    // A marker scheduled before the first take runs before the budget's own turn change in the same check phase.
    let turn = 0;
    let counting = true;
    const tick = (): void => {
      turn += 1;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const started: { index: number; turn: number }[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, index) => {
        await budget.take();
        started.push({ index, turn });
      }),
    );
    counting = false;
    expect(started.map((start) => start.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const perTurn = new Map<number, number>();
    for (const start of started) perTurn.set(start.turn, (perTurn.get(start.turn) ?? 0) + 1);
    expect([...perTurn.values()]).toEqual([4, 4, 2]);
  });

  it('refuses a budget below one start per turn', () => {
    expect(() => createTurnBudget(0)).toThrow(RangeError);
  });
});
