// Appends: versions, expected-version conflicts, idempotent re-appends, grouped appends.
import { expect, it } from 'vitest';
import { ConcurrencyError, EventStoreError } from '../../../actors/eventStore/errors.js';
import { START } from '../../../actors/eventStore/types.js';
import { newEvent, newEvents, streamName, type EventStoreHarness } from './harness.js';

const allIds = async (h: EventStoreHarness): Promise<string[]> => {
  await h.settle?.();
  return (await h.store.readAll(START, 10_000)).events.map((e) => e.id);
};

export const appendingContract = (harness: () => EventStoreHarness): void => {
  it('appends to a new stream and reads back every field, metadata included', async () => {
    const { store } = harness();
    const stream = streamName();
    const metadata = { correlationId: 'corr-1', causationId: 'cause-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'k=v', tenant: 3, replay: false };
    const events = [newEvent({ text: 'héllo "quoted" \\ ✓', nested: { list: [1, null, true] } }, metadata, 'ProfileUpdated'), newEvent()];
    const result = await store.append(stream, 'no_stream', events);
    expect(result).toMatchObject({ stream, nextVersion: 2, duplicate: false });
    expect(result.positions).toHaveLength(2);
    expect(result.positions[0]! < result.positions[1]!).toBe(true);

    const read = await store.readStream(stream);
    expect(read.map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(read.map((e) => e.globalPosition)).toEqual(result.positions);
    expect(read[0]).toMatchObject({ id: events[0]!.id, type: 'ProfileUpdated', schemaVersion: 1, streamName: stream, data: events[0]!.data, metadata });
    expect(read[1]!.metadata).toEqual({});
    expect(read[0]!.recordedAt).toBeInstanceOf(Date);
  });

  it('appends at the expected version, and at any version with "any"', async () => {
    const { store } = harness();
    const stream = streamName();
    await store.append(stream, 'no_stream', newEvents(2));
    expect((await store.append(stream, 2, newEvents(1))).nextVersion).toBe(3);
    expect((await store.append(stream, 'any', newEvents(2))).nextVersion).toBe(5);
    expect((await store.append(streamName(), 'any', newEvents(1))).nextVersion).toBe(1);
    expect((await store.append(streamName(), 0, newEvents(1))).nextVersion).toBe(1);
  });

  it('refuses a wrong expected version with a ConcurrencyError and writes nothing', async () => {
    const h = harness();
    const stream = streamName();
    await h.store.append(stream, 'no_stream', newEvents(2));
    const before = await allIds(h);
    const cases: [string, number | 'no_stream'][] = [[stream, 'no_stream'], [stream, 0], [stream, 1], [stream, 3], [streamName(), 1]];
    for (const [target, expected] of cases) {
      const error = await h.store.append(target, expected, newEvents(2)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ code: 'CONCURRENCY', stream: target, expected, actual: target === stream ? 2 : 0 });
    }
    expect(await allIds(h)).toEqual(before);
  });

  it('lets exactly one of many concurrent appends at the same expected version win', async () => {
    const { store } = harness();
    const stream = streamName();
    await store.append(stream, 'no_stream', newEvents(1));
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => store.append(stream, 1, newEvents(2))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream(stream)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
  });

  it('treats re-appending the same event ids at the same expected version as done, writing nothing twice', async () => {
    const h = harness();
    const stream = streamName();
    const events = newEvents(3);
    const first = await h.store.append(stream, 'no_stream', events);
    const again = await h.store.append(stream, 'no_stream', events);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await h.store.append(stream, 'any', events)).toEqual({ ...first, duplicate: true });
    // A retry that arrives after the stream moved on is still the same append.
    await h.store.append(stream, 3, newEvents(1));
    expect(await h.store.append(stream, 0, events)).toEqual({ ...first, duplicate: true });
    expect(await allIds(h)).toHaveLength(4);
    // The second append in its own right repeats too.
    const tail = newEvents(2);
    const second = await h.store.append(stream, 4, tail);
    expect(await h.store.append(stream, 4, tail)).toEqual({ ...second, duplicate: true });
    expect((await h.store.readStream(stream)).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('settles concurrent retries of one append into a single write', async () => {
    const h = harness();
    const stream = streamName();
    const events = newEvents(2);
    const results = await Promise.all(Array.from({ length: 8 }, () => h.store.append(stream, 'no_stream', events)));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    for (const r of results) expect(r).toMatchObject({ nextVersion: 2, positions: results[0]!.positions });
    expect(await allIds(h)).toHaveLength(2);
  });

  it('refuses event ids stored elsewhere, in part, or out of place', async () => {
    const h = harness();
    const stream = streamName();
    const events = newEvents(2);
    await h.store.append(stream, 'no_stream', events);
    const before = await allIds(h);
    const needGlobalIds = [
      () => h.store.append(streamName(), 'no_stream', events),
      () => h.store.append(stream, 2, [events[0]!, newEvent()]),
      () => h.store.append(stream, 2, [newEvent(), events[1]!]),
    ];
    const attempts = [
      ...(h.globalEventIds === false ? [] : needGlobalIds),
      () => h.store.append(stream, 0, [events[1]!, events[0]!]),
      () => h.store.append(stream, 1, [events[0]!]),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
    }
    expect(await allIds(h)).toEqual(before);
  });

  it('commits grouped appends per stream: one conflict does not block the others', async () => {
    const h = harness();
    const [a, b, c] = [streamName('a'), streamName('b'), streamName('c')];
    await h.store.append(b, 'no_stream', newEvents(1));
    const outcomes = await h.store.appendMany([
      { stream: c, expected: 'no_stream', events: newEvents(2) },
      { stream: b, expected: 5, events: newEvents(1) },
      { stream: a, expected: 'any', events: newEvents(1) },
      { stream: 'not a stream', expected: 'any', events: newEvents(1) },
    ]);
    expect(outcomes.map((o) => o.stream)).toEqual([c, b, a, 'not a stream']);
    expect(outcomes[0]).toMatchObject({ ok: true, nextVersion: 2, duplicate: false });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'CONCURRENCY', actual: 1 } });
    expect(outcomes[2]).toMatchObject({ ok: true, nextVersion: 1 });
    expect(outcomes[3]).toMatchObject({ ok: false, error: { code: 'INVALID_STREAM_NAME' } });
    expect((await h.store.readStream(c)).length).toBe(2);
    expect((await h.store.readStream(b)).length).toBe(1);
    const positions = outcomes.flatMap((o) => (o.ok ? o.positions : []));
    expect(new Set(positions).size).toBe(3);
  });

  it('applies the requests of a grouped append to one stream in order, and a repeated request as a duplicate', async () => {
    const { store } = harness();
    const stream = streamName();
    const [first, second] = [newEvents(2), newEvents(1)];
    const outcomes = await store.appendMany([
      { stream, expected: 'no_stream', events: first },
      { stream, expected: 2, events: second },
      { stream, expected: 'no_stream', events: first },
      { stream, expected: 2, events: newEvents(1) },
    ]);
    expect(outcomes[0]).toMatchObject({ ok: true, nextVersion: 2, duplicate: false });
    expect(outcomes[1]).toMatchObject({ ok: true, nextVersion: 3, duplicate: false });
    expect(outcomes[2]).toMatchObject({ ok: true, nextVersion: 2, duplicate: true });
    expect(outcomes[2]!.ok && outcomes[0]!.ok && outcomes[2]!.positions).toEqual(outcomes[0]!.ok && outcomes[0]!.positions);
    expect(outcomes[3]).toMatchObject({ ok: false, error: { code: 'CONCURRENCY', actual: 3 } });
    expect((await store.readStream(stream)).map((e) => e.id)).toEqual([...first, ...second].map((e) => e.id));
  });

  it('survives grouped appends that touch the same streams in opposite orders at once', async () => {
    const { store } = harness();
    const streams = Array.from({ length: 6 }, () => streamName());
    const groups = Array.from({ length: 10 }, (_, i) => {
      const order = i % 2 === 0 ? streams : [...streams].reverse();
      return store.appendMany(order.map((stream) => ({ stream, expected: 'any' as const, events: newEvents(1) })));
    });
    const outcomes = (await Promise.all(groups)).flat();
    expect(outcomes.every((o) => o.ok)).toBe(true);
    for (const stream of streams) {
      expect((await store.readStream(stream)).map((e) => e.streamVersion)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    }
  });

  it('refuses bad input with a typed error and writes nothing of it', async () => {
    const h = harness();
    const stream = streamName();
    await h.store.append(stream, 'no_stream', newEvents(1));
    const before = await allIds(h);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const big = 'x'.repeat(1024 * 1024);
    const cases: [() => Promise<unknown>, string][] = [
      [() => h.store.append('', 'any', newEvents(1)), 'INVALID_STREAM_NAME'],
      [() => h.store.append('has space', 'any', newEvents(1)), 'INVALID_STREAM_NAME'],
      [() => h.store.append('-leading', 'any', newEvents(1)), 'INVALID_STREAM_NAME'],
      [() => h.store.append('a/b', 'any', newEvents(1)), 'INVALID_STREAM_NAME'],
      [() => h.store.append('x'.repeat(201), 'any', newEvents(1)), 'INVALID_STREAM_NAME'],
      [() => h.store.append(stream, 'any', [newEvent(), newEvent({ text: big })]), 'EVENT_TOO_LARGE'],
      [() => h.store.append(stream, 'any', [newEvent(), newEvent({ n: 10n })]), 'NOT_SERIALIZABLE'],
      [() => h.store.append(stream, 'any', [newEvent(), newEvent(circular)]), 'NOT_SERIALIZABLE'],
      [() => h.store.append(stream, 'any', [newEvent(), newEvent({ n: Number.NaN })]), 'NOT_SERIALIZABLE'],
      [() => h.store.append(stream, 'any', [newEvent(), newEvent(() => 1)]), 'NOT_SERIALIZABLE'],
      [() => h.store.append(stream, 'any', [newEvent(), newEvent({ text: 'nul \u0000' })]), 'NOT_SERIALIZABLE'],
      [() => h.store.append(stream, 'any', [newEvent(), { ...newEvent(), id: 'not-a-uuid' }]), 'INVALID_EVENT'],
      [() => h.store.append(stream, 'any', []), 'INVALID_EVENT'],
      [() => h.store.append(stream, -1, newEvents(1)), 'INVALID_EVENT'],
      [() => h.store.append(stream, 1.5, newEvents(1)), 'INVALID_EVENT'],
      [() => h.store.append(stream, 5, newEvents(1)), 'CONCURRENCY'],
    ];
    for (const [attempt, code] of cases) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error, code).toBeInstanceOf(EventStoreError);
      expect(error).toMatchObject({ code });
    }
    // Just under the limit is accepted: the limit is on the serialised event, not on the string length.
    await h.store.append(streamName(), 'any', [newEvent({ text: 'x'.repeat(1024 * 1024 - 100) })]);
    expect((await allIds(h)).slice(0, before.length)).toEqual(before);
    expect(await allIds(h)).toHaveLength(before.length + 1);
  });
};
