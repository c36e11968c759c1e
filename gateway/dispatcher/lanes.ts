// Serial lanes: tasks with the same key run one after another in the order they were enqueued; tasks with
// different keys run concurrently. The dispatcher keys Telegram calls by chat and commands by target, so one slow or
// rate-limited chat never holds back the others while each chat still sees its messages in log order.

export interface Lanes {
  /** Runs `task` after every earlier task of `key`; resolves/rejects with it. */
  enqueue<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with work queued or running. */
  size(): number;
}

export const createLanes = (): Lanes => {
  const tails = new Map<string, Promise<unknown>>();
  return {
    enqueue(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      // A failed task must not stop the lane: the next one starts either way.
      const run = previous.then(task, task);
      const tail = run.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return run;
    },
    size: () => tails.size,
  };
};
