import { describe, expect, it } from 'vitest';
import { createTurnBudget } from '../../../actors/runtime/turnBudget.js';
import { startTurnCounter } from '../../support/turnCounter.js';

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
    const turns = startTurnCounter();
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, index) => {
        await budget.take();
        started.push(index);
        turns.count();
      }),
    );
    turns.stop();
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...turns.perTurn().values()]).toEqual([4, 4, 2]);
  });

  it('refuses a budget below one start per turn', () => {
    expect(() => createTurnBudget(0)).toThrow(RangeError);
  });
});
