// Snapshots: save, load, never replaced by an older one.
import { expect, it } from 'vitest';
import { streamName, type EventStoreHarness } from './harness.js';

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
};
