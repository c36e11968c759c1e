// At most `perTurn` pieces of work start in one turn of the event loop; the rest wait for the next turn (the check
// phase, setImmediate). A burst — a socket read carrying a hundred mailbox messages, a claim write releasing a page
// of Bot API calls — would otherwise start all of its work in one task, and every continuation of it runs in that
// task's microtask queue: the loop is held for the whole burst, and whatever arrived meanwhile (webhooks, query
// results, Bot API answers for updates nearly done) waits behind it. Spread over turns, that I/O gets in between
// the chunks. Throughput is unchanged as long as a turn lasts longer than starting `perTurn` pieces of work takes.

export interface TurnBudget {
  /** Takes one start from this turn's budget; false when it is spent (then wait for nextTurn()). */
  tryTake(): boolean;
  /** Resolves at the start of the next turn, when the budget is full again. */
  nextTurn(): Promise<void>;
  /** Resolves once a start was taken (at once while this turn has budget left). */
  take(): Promise<void>;
}

export const createTurnBudget = (perTurn: number): TurnBudget => {
  if (!(perTurn >= 1)) throw new RangeError(`perTurn must be at least 1, not ${perTurn}`);
  let used = 0;
  let scheduled = false;
  let waiters: (() => void)[] = [];

  const newTurn = (): void => {
    scheduled = false;
    used = 0;
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(newTurn);
  };

  const budget: TurnBudget = {
    tryTake() {
      if (used >= perTurn) return false;
      used += 1;
      schedule();
      return true;
    },
    nextTurn() {
      schedule();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    async take() {
      while (!budget.tryTake()) await budget.nextTurn();
    },
  };
  return budget;
};
