// The property behind DESIGN.md guarantee 4: with 10+ writers whose commits finish in random order, a live
// subscriber receives every committed event exactly once, in an order consistent with the commits.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { START, compareCheckpoints, type Checkpoint, type RecordedEvent } from '../../../actors/eventStore/types.js';
import { newEvents, streamName, type EventStoreContractOptions, type EventStoreHarness } from './harness.js';

interface DoneAppend {
  readonly ids: readonly string[];
  /** Ticks of one shared counter: when the append was sent and when its commit was acknowledged. */
  readonly sentAt: number;
  readonly committedAt: number;
}

const plannedAppend = fc.record({
  stream: fc.integer({ min: 0, max: 5 }),
  count: fc.integer({ min: 1, max: 3 }),
  delayMs: fc.integer({ min: 0, max: 15 }),
});
const writer = fc.array(plannedAppend, { minLength: 1, maxLength: 3 });
const writers = fc.array(writer, { minLength: 10, maxLength: 14 });

const checkDelivery = (received: readonly RecordedEvent[], done: readonly DoneAppend[]): void => {
  const order = new Map(received.map((event, index) => [event.id, index]));
  // Exactly once: as many deliveries as distinct ids, and every committed id among them.
  expect(order.size).toBe(received.length);
  const committed = done.flatMap((append) => append.ids);
  expect(received.length).toBe(committed.length);
  for (const id of committed) expect(order.has(id)).toBe(true);
  // One append's events arrive together and in order.
  for (const append of done) {
    const at = append.ids.map((id) => order.get(id)!);
    at.forEach((index, i) => expect(index).toBe(at[0]! + i));
  }
  // An append that committed before another was even sent is delivered first.
  for (const a of done) {
    for (const b of done) {
      if (a.committedAt < b.sentAt) expect(order.get(a.ids[0]!)!).toBeLessThan(order.get(b.ids[0]!)!);
    }
  }
  // Each stream's versions arrive in increasing order.
  const lastVersion = new Map<string, number>();
  for (const event of received) {
    expect(event.streamVersion).toBeGreaterThan(lastVersion.get(event.streamName) ?? 0);
    lastVersion.set(event.streamName, event.streamVersion);
  }
};

export const commitOrderContract = (harness: () => EventStoreHarness, options: EventStoreContractOptions): void => {
  it('delivers every committed event exactly once, in commit order, to a live subscriber while 10+ writers commit out of order', async () => {
    const h = harness();
    await fc.assert(
      fc.asyncProperty(writers, async (plan) => {
        const streams = Array.from({ length: 6 }, () => streamName('prop'));
        const ours = new Set(streams);
        const received: RecordedEvent[] = [];
        // Done when every committed event arrived, or when the subscriber read past the last of them (so a
        // skipped event fails the check below instead of leaving the test waiting).
        let expected = Number.POSITIVE_INFINITY;
        let lastOfOurs: Checkpoint | undefined = undefined;
        let lastSeen: Checkpoint = START;
        const finished = (): boolean =>
          received.length >= expected || (lastOfOurs !== undefined && compareCheckpoints(lastSeen, lastOfOurs) >= 0);
        let allReceived: () => void = () => undefined;
        const complete = new Promise<void>((resolve) => {
          allReceived = resolve;
        });
        // The head may trail earlier runs' events (Postgres shows only what committed below the oldest running
        // transaction), so the subscriber keeps only this run's streams.
        const subscription = h.store.subscribe({
          after: await h.store.headCheckpoint(),
          batchSize: 7,
          handler: async (events) => {
            received.push(...events.filter((event) => ours.has(event.streamName)));
            lastSeen = events[events.length - 1]?.checkpoint ?? lastSeen;
            if (finished()) allReceived();
          },
        });
        let tick = 0;
        const done: DoneAppend[] = [];
        await Promise.all(
          plan.map(async (appends) => {
            for (const append of appends) {
              const events = newEvents(append.count);
              const sentAt = (tick += 1);
              const outcome = await h.appendWithCommitDelay({ stream: streams[append.stream]!, expected: 'any', events }, append.delayMs);
              if (!outcome.ok) throw outcome.error;
              done.push({ ids: events.map((e) => e.id), sentAt, committedAt: (tick += 1) });
            }
          }),
        );
        expected = done.reduce((sum, append) => sum + append.ids.length, 0);
        const stored = (await Promise.all(streams.map((stream) => h.store.readStream(stream)))).flat();
        lastOfOurs = stored.map((event) => event.checkpoint).reduce((a, b) => (compareCheckpoints(a, b) >= 0 ? a : b), START);
        if (finished()) allReceived();
        await complete;
        await subscription.close();
        checkDelivery(received, done);
      }),
      { numRuns: options.propertyRuns },
    );
  });
};
