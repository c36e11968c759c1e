// Snapshots: save, load, never replaced by an older one; the latest one read together with the events after it.
import { expect, it } from 'vitest';
import type { LatestEvent, LatestOfStream } from '../../../actors/eventStore/types.js';
import { newEvent, newEvents, streamName, type EventStoreHarness } from './harness.js';

/** What readLatest promises of each event (an adapter may return whole RecordedEvents). */
const lean = ({ type, schemaVersion, data, metadata, streamName: name, streamVersion }: LatestEvent): LatestEvent => ({ type, schemaVersion, data, metadata, streamName: name, streamVersion });
const leanLatest = ({ snapshot, events, version }: LatestOfStream): LatestOfStream => ({ snapshot, events: events.map(lean), version });

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
    expect(leanLatest(await store.readLatest(stream, { snapshotSchemaVersion: 1 }))).toEqual({ snapshot: null, events: [], version: 0 });
    await store.append(stream, 'no_stream', newEvents(5));
    const all = await store.readStream(stream);
    expect(leanLatest(await store.readLatest(stream, { snapshotSchemaVersion: 1 }))).toEqual({ snapshot: null, events: all.map(lean), version: 5 });
    await store.saveSnapshot({ stream, version: 3, schemaVersion: 1, state: { total: 3 } });
    expect(leanLatest(await store.readLatest(stream, { snapshotSchemaVersion: 1 }))).toEqual({
      snapshot: { stream, version: 3, schemaVersion: 1, state: { total: 3 } },
      events: all.slice(3).map(lean),
      version: 5,
    });
    // A snapshot of another schema version, or none asked for: the whole stream.
    expect(leanLatest(await store.readLatest(stream, { snapshotSchemaVersion: 2 }))).toEqual({ snapshot: null, events: all.map(lean), version: 5 });
    expect(leanLatest(await store.readLatest(stream))).toEqual({ snapshot: null, events: all.map(lean), version: 5 });
    // A snapshot at the head: nothing after it.
    await store.saveSnapshot({ stream, version: 5, schemaVersion: 1, state: { total: 5 } });
    expect(leanLatest(await store.readLatest(stream, { snapshotSchemaVersion: 1 }))).toEqual({ snapshot: { stream, version: 5, schemaVersion: 1, state: { total: 5 } }, events: [], version: 5 });
    await expect(store.readLatest('bad name')).rejects.toMatchObject({ code: 'INVALID_STREAM_NAME' });
  });

  it('leaves out events of skipped types, and still gives the stream’s last version when they end it', async () => {
    const { store } = harness();
    const stream = streamName();
    // A name no event can have, with the characters an array literal must escape: it must not break the read.
    const skipTypes = ['Skipped', 'not "a" type, {\\}'];
    const skipped = (n: number) => newEvent({ chat: n }, { causationId: `c${n}` }, 'Skipped');
    expect(leanLatest(await store.readLatest(stream, { skipTypes }))).toEqual({ snapshot: null, events: [], version: 0 });
    // Versions 1–5: kept, skipped, kept, then two skipped at the tail.
    await store.append(stream, 'no_stream', [newEvent({ n: 1 }), skipped(2), newEvent({ n: 3 }, { causationId: 'd' }), skipped(4), skipped(5)]);
    const all = await store.readStream(stream);
    const kept = (from: number) => all.filter((e) => e.type !== 'Skipped' && e.streamVersion > from).map(lean);
    expect(leanLatest(await store.readLatest(stream, { skipTypes }))).toEqual({ snapshot: null, events: kept(0), version: 5 });
    expect(leanLatest(await store.readLatest(stream, { skipTypes, snapshotSchemaVersion: 1 }))).toEqual({ snapshot: null, events: kept(0), version: 5 });
    // Nothing to skip: every event, the same version.
    expect(leanLatest(await store.readLatest(stream, { skipTypes: [] }))).toEqual({ snapshot: null, events: all.map(lean), version: 5 });
    // A snapshot before the skipped tail: only the skipped events follow it, and the version is still the head.
    await store.saveSnapshot({ stream, version: 3, schemaVersion: 1, state: { total: 2 } });
    const snapshot = { stream, version: 3, schemaVersion: 1, state: { total: 2 } };
    expect(leanLatest(await store.readLatest(stream, { skipTypes, snapshotSchemaVersion: 1 }))).toEqual({ snapshot, events: [], version: 5 });
    // A stream made only of skipped events.
    const onlySkipped = streamName();
    await store.append(onlySkipped, 'no_stream', [skipped(1), skipped(2)]);
    expect(leanLatest(await store.readLatest(onlySkipped, { skipTypes, snapshotSchemaVersion: 1 }))).toEqual({ snapshot: null, events: [], version: 2 });
    // A kept event after the skipped ones: it is the last event and the version.
    await store.append(stream, 5, [newEvent({ n: 6 })]);
    const six = (await store.readStream(stream, { fromVersion: 6 })).map(lean);
    expect(leanLatest(await store.readLatest(stream, { skipTypes, snapshotSchemaVersion: 1 }))).toEqual({ snapshot, events: six, version: 6 });
  });
};
