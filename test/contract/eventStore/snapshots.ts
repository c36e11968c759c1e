// Snapshots: save, load, never replaced by an older one; the latest one read together with the events after it.
import { expect, it } from 'vitest';
import type { LatestEvent, LatestOfStream } from '../../../actors/eventStore/types.js';
import { newEvent, newEvents, streamName, type EventStoreHarness } from './harness.js';

/** What readLatest promises of each event (an adapter may return whole RecordedEvents). */
const lean = ({ type, schemaVersion, data, metadata, streamName: name, streamVersion }: LatestEvent): LatestEvent => ({ type, schemaVersion, data, metadata, streamName: name, streamVersion });
const leanLatest = ({ snapshot, events }: LatestOfStream): LatestOfStream => ({ snapshot, events: events.map(lean) });

export const snapshotsContract = (harness: () => EventStoreHarness): void => {
  it('saves and loads snapshots, keeping the newest', async () => {
    const { store } = harness();
    const stream = streamName();
    expect(await store.loadSnapshot(stream)).toBeNull();
    await store.saveSnapshot({ stream, version: 3, schemaVersion: 1, state: { name: 'Ana', langs: ['es', 'en'] } });
    expect(await store.loadSnapshot(stream)).toEqual({ stream, version: 3, schemaVersion: 1, state: { name: 'Ana', langs: ['es', 'en'] } });
    await store.saveSnapshot({ stream, version: 7, schemaVersion: 2, state: { name: 'Ana María' } });
    await store.saveSnapshot({ stream, version: 5, schemaVersion: 2, state: { stale: true } });
    expect(await store.loadSnapshot(stream)).toEqual({ stream, version: 7, schemaVersion: 2, state: { name: 'Ana María' } });
    expect(await store.loadSnapshot(streamName())).toBeNull();
    await expect(store.saveSnapshot({ stream: 'bad name', version: 1, schemaVersion: 1, state: {} })).rejects.toMatchObject({ code: 'INVALID_STREAM_NAME' });
    await expect(store.loadSnapshot('bad name')).rejects.toMatchObject({ code: 'INVALID_STREAM_NAME' });
  });

  it('reads the latest snapshot of a schema version and the events after it, or the whole stream without one', async () => {
    const { store } = harness();
    const stream = streamName();
    expect(leanLatest(await store.readLatest(stream, { snapshotSchemaVersion: 1 }))).toEqual({ snapshot: null, events: [] });
    await store.append(stream, 'no_stream', newEvents(5));
    const all = await store.readStream(stream);
    expect(leanLatest(await store.readLatest(stream, { snapshotSchemaVersion: 1 }))).toEqual({ snapshot: null, events: all.map(lean) });
    await store.saveSnapshot({ stream, version: 3, schemaVersion: 1, state: { total: 3 } });
    expect(leanLatest(await store.readLatest(stream, { snapshotSchemaVersion: 1 }))).toEqual({
      snapshot: { stream, version: 3, schemaVersion: 1, state: { total: 3 } },
      events: all.slice(3).map(lean),
    });
    // A snapshot of another schema version, or none asked for: the whole stream.
    expect(leanLatest(await store.readLatest(stream, { snapshotSchemaVersion: 2 }))).toEqual({ snapshot: null, events: all.map(lean) });
    expect(leanLatest(await store.readLatest(stream))).toEqual({ snapshot: null, events: all.map(lean) });
    // A snapshot at the head: nothing after it.
    await store.saveSnapshot({ stream, version: 5, schemaVersion: 1, state: { total: 5 } });
    expect(leanLatest(await store.readLatest(stream, { snapshotSchemaVersion: 1 }))).toEqual({ snapshot: { stream, version: 5, schemaVersion: 1, state: { total: 5 } }, events: [] });
    await expect(store.readLatest('bad name')).rejects.toMatchObject({ code: 'INVALID_STREAM_NAME' });
  });

  it('reads events of types asked to be omitted in order, whole or with no data and no metadata', async () => {
    const { store } = harness();
    const stream = streamName();
    const appended = [newEvent({ n: 1 }), newEvent({ chat: 'hi' }, { causationId: 'c' }, 'Omitted'), newEvent({ n: 2 }, { causationId: 'd' })];
    await store.append(stream, 'no_stream', appended);
    const all = await store.readStream(stream);
    // A name no event can have, with the characters an array literal must escape: it must not break the read.
    const { snapshot, events } = await store.readLatest(stream, { omitDataOf: ['Omitted', 'not "a" type, {\\}'] });
    expect(snapshot).toBeNull();
    expect(events.map((e) => [e.type, e.streamName, e.streamVersion])).toEqual(all.map((e) => [e.type, e.streamName, e.streamVersion]));
    expect([lean(events[0]!), lean(events[2]!)]).toEqual([lean(all[0]!), lean(all[2]!)]);
    const omitted = events[1]!;
    // Adapters that cannot leave the data out return it whole.
    if (omitted.data === null) expect(omitted.metadata).toEqual({});
    else expect(lean(omitted)).toEqual(lean(all[1]!));
  });
};
