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

  it('reads the log in slices of streams: every event in exactly one slice, each slice in commit order', async () => {
    const h = harness();
    const { store } = h;
    const streams = Array.from({ length: 12 }, () => streamName());
    for (let i = 0; i < 30; i += 1) await store.append(streams[(i * 7) % streams.length]!, 'any', newEvents(1 + (i % 2)));
    await h.settle?.();
    const readSlice = async (streamsOption?: { index: number; count: number }): Promise<RecordedEvent[]> => {
      const read: RecordedEvent[] = [];
      let after: Checkpoint = START;
      for (;;) {
        const page = await store.readAll(after, 4, streamsOption === undefined ? undefined : { streams: streamsOption });
        if (page.events.length === 0) return read;
        expect(page.checkpoint).toEqual(page.events[page.events.length - 1]!.checkpoint);
        read.push(...page.events);
        after = page.checkpoint;
      }
    };
    const whole = await readSlice();
    expect(whole).toHaveLength(45);
    const slices = await Promise.all([0, 1, 2].map((index) => readSlice({ index, count: 3 })));
    expect(slices.filter((slice) => slice.length > 0).length).toBeGreaterThan(1);
    const sliceOfStream = new Map<string, number>();
    slices.forEach((slice, index) => {
      for (let i = 1; i < slice.length; i += 1) expect(compareCheckpoints(slice[i - 1]!.checkpoint, slice[i]!.checkpoint)).toBe(-1);
      for (const event of slice) {
        expect(sliceOfStream.get(event.streamName) ?? index).toBe(index);
        sliceOfStream.set(event.streamName, index);
      }
    });
    const merged = slices.flat().sort((a, b) => compareCheckpoints(a.checkpoint, b.checkpoint));
    expect(merged.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    expect((await readSlice({ index: 0, count: 1 })).map((e) => e.id)).toEqual(whole.map((e) => e.id));
    // The same slice again gives the same events (a stream's slice depends only on its name and the count).
    expect((await readSlice({ index: 1, count: 3 })).map((e) => e.id)).toEqual(slices[1]!.map((e) => e.id));
    await expect(store.readAll(START, 4, { streams: { index: 3, count: 3 } })).rejects.toThrow(RangeError);
    await expect(store.readAll(START, 4, { streams: { index: 0, count: 0 } })).rejects.toThrow(RangeError);
  });
};
