import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import type { AppendRequest, EventStore } from '../../../actors/eventStore/types.js';
import { deterministicId } from '../../../actors/runtime/deterministicId.js';
import { createGroupCommitter } from '../../../actors/runtime/groupCommit.js';

const countingStore = (store: EventStore) => {
  const batches: (readonly AppendRequest[])[] = [];
  return {
    batches,
    appendMany: async (requests: readonly AppendRequest[]) => {
      batches.push(requests);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return store.appendMany(requests);
    },
  };
};

const request = (stream: string, expected: number, id: string): AppendRequest => ({
  stream,
  expected,
  events: [{ id: deterministicId(id), type: 'Happened', schemaVersion: 1, data: { id } }],
});

describe('group commit', () => {
  it('sends appends that arrive while a round trip is in flight together', async () => {
    const store = createMemoryEventStore();
    const counting = countingStore(store);
    const committer = createGroupCommitter(counting, { maxInFlight: 1 });
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, index) => committer.commit(request(`s-${index}`, 0, `e${index}`))));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(counting.batches.length).toBeLessThan(50);
    expect(counting.batches.flat()).toHaveLength(50);
  });

  it('sends appends that arrive in the same turn of the event loop in one round trip', async () => {
    const store = createMemoryEventStore();
    const counting = countingStore(store);
    const committer = createGroupCommitter(counting);
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, index) => committer.commit(request(`t-${index}`, 0, `t${index}`))));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(counting.batches.map((batch) => batch.length)).toEqual([20]);
    await committer.commit(request('t-0', 1, 'later'));
    expect(counting.batches.map((batch) => batch.length)).toEqual([20, 1]);
    await committer.drain();
  });

  it('never puts two appends to one stream in one round trip', async () => {
    const store = createMemoryEventStore();
    const counting = countingStore(store);
    const committer = createGroupCommitter(counting, { maxInFlight: 1 });
    const [first, second] = await Promise.all([committer.commit(request('s-1', 0, 'a')), committer.commit(request('s-1', 1, 'b'))]);
    expect(first.ok && second.ok).toBe(true);
    for (const batch of counting.batches) expect(new Set(batch.map((r) => r.stream)).size).toBe(batch.length);
    await committer.drain();
  });

  it('reports one stream’s conflict without failing the others in its batch', async () => {
    const store = createMemoryEventStore();
    const committer = createGroupCommitter(store);
    const outcomes = await Promise.all([committer.commit(request('s-1', 5, 'a')), committer.commit(request('s-2', 0, 'b'))]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, true]);
  });

  it('derives stable, well-formed UUIDs from the cause', () => {
    const id = deterministicId('user-1', 'tg:42', 0);
    expect(id).toBe(deterministicId('user-1', 'tg:42', 0));
    expect(id).not.toBe(deterministicId('user-1', 'tg:42', 1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
