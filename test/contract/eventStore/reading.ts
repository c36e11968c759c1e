// Reads: one stream by version, the global log in commit order by pages, the head checkpoint.
import { expect, it } from 'vitest';
import { START, compareCheckpoints, type Checkpoint, type RecordedEvent } from '../../../actors/eventStore/types.js';
import { newEvents, streamName, type EventStoreHarness } from './harness.js';

export const readingContract = (harness: () => EventStoreHarness): void => {
  it('reads a stream from a version, at most a count, and nothing for an unknown stream', async () => {
    const { store } = harness();
    const stream = streamName();
    await store.append(stream, 'no_stream', newEvents(5));
    expect((await store.readStream(stream, { fromVersion: 3 })).map((e) => e.streamVersion)).toEqual([3, 4, 5]);
    expect((await store.readStream(stream, { fromVersion: 2, maxCount: 2 })).map((e) => e.streamVersion)).toEqual([2, 3]);
    expect(await store.readStream(stream, { fromVersion: 6 })).toEqual([]);
    expect(await store.readStream(streamName())).toEqual([]);
    await expect(store.readStream('no spaces allowed')).rejects.toMatchObject({ code: 'INVALID_STREAM_NAME' });
  });

  it('reads the global log in pages that resume from their checkpoint, in the order appends committed', async () => {
    const h = harness();
    const { store } = h;
    expect(await store.headCheckpoint()).toEqual(START);
    expect(await store.readAll(START, 10)).toEqual({ events: [], checkpoint: START });
    const streams = [streamName(), streamName(), streamName()];
    const appended: string[] = [];
    for (let i = 0; i < 9; i += 1) {
      const events = newEvents(1 + (i % 3));
      await store.append(streams[i % 3]!, 'any', events);
      appended.push(...events.map((e) => e.id));
    }
    await h.settle?.();
    const read: RecordedEvent[] = [];
    let after: Checkpoint = START;
    for (;;) {
      const page = await store.readAll(after, 4);
      expect(page.events.length).toBeLessThanOrEqual(4);
      if (page.events.length === 0) {
        expect(page.checkpoint).toEqual(after);
        break;
      }
      expect(page.checkpoint).toEqual(page.events[page.events.length - 1]!.checkpoint);
      read.push(...page.events);
      after = page.checkpoint;
    }
    expect(read.map((e) => e.id)).toEqual(appended);
    for (let i = 1; i < read.length; i += 1) expect(compareCheckpoints(read[i - 1]!.checkpoint, read[i]!.checkpoint)).toBe(-1);
    expect(await store.headCheckpoint()).toEqual(read[read.length - 1]!.checkpoint);
    expect((await store.readAll(START, 0)).events).toEqual([]);
    // Reading from the middle returns exactly the rest.
    const middle = read[4]!.checkpoint;
    expect((await store.readAll(middle, 100)).events.map((e) => e.id)).toEqual(appended.slice(5));
  });
};
