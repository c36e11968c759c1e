// Group commit for the dispatcher's durable writes (claims of Telegram calls, timers). Items that become ready
// together (a page of the log fans out over many lanes in the same turn of the event loop) share one write; items
// that become ready while it is in flight share the next. Each caller's promise resolves only once its item is
// stored, so nothing proceeds past a write that is not durable.

/**
 * What to do with a second item of the same key in one group: `share` its write and outcome (a claim is the same
 * claim), or wait for the `next` group, so one statement never touches a row twice and the two keep their order.
 */
export type SameKey = 'share' | 'next';

interface Waiter<Item, Outcome> {
  readonly item: Item;
  readonly resolve: (outcome: Outcome) => void;
  readonly reject: (error: unknown) => void;
}

/** `write` stores one group of distinct keys (retrying as it sees fit) and answers in its order. */
export const createGroupWriter = <Item, Outcome>(
  write: (items: readonly Item[]) => Promise<readonly Outcome[]>,
  keyOf: (item: Item) => string,
  sameKey: SameKey,
): ((item: Item) => Promise<Outcome>) => {
  let waiting: Waiter<Item, Outcome>[] = [];
  let busy = false;

  const drain = async (): Promise<void> => {
    while (waiting.length > 0) {
      const group: Waiter<Item, Outcome>[] = [];
      const later: Waiter<Item, Outcome>[] = [];
      const indexOf = new Map<string, number>();
      const items: Item[] = [];
      for (const waiter of waiting) {
        const key = keyOf(waiter.item);
        if (!indexOf.has(key)) {
          indexOf.set(key, items.length);
          items.push(waiter.item);
          group.push(waiter);
        } else if (sameKey === 'share') group.push(waiter);
        else later.push(waiter);
      }
      waiting = later;
      try {
        const outcomes = await write(items);
        for (const waiter of group) {
          const key = keyOf(waiter.item);
          const outcome = outcomes[indexOf.get(key)!];
          if (outcome === undefined) waiter.reject(new Error(`no outcome for ${key}`));
          else waiter.resolve(outcome);
        }
      } catch (error) {
        for (const waiter of group) waiter.reject(error);
      }
    }
    busy = false;
  };

  return (item) =>
    new Promise<Outcome>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (busy) return;
      busy = true;
      // After this turn's microtasks: every lane that a page of the log started has asked by then.
      setImmediate(() => void drain());
    });
};
