// Snapshots: one stream per aggregate (`snapshot~<stream>`, names.ts) holding only its newest event ($maxCount 1). Saving uses
// the snapshot stream's revision as the expected revision, so two concurrent savers cannot move it backwards.
import { randomUUID } from 'node:crypto';
import { NO_STREAM, type AppendStreamState } from '@kurrent/kurrentdb-client';
import { EventStoreError } from '../errors.js';
import type { Snapshot } from '../types.js';
import { prepareEvents, validateStreamName } from '../validate.js';
import { SNAPSHOT_EVENT_TYPE } from './constants.js';
import type { KurrentContext } from './context.js';
import { isWrongExpectedVersion } from './errors.js';
import { toEventData, toRecordedEvent } from './mapping.js';
import { readLast } from './reads.js';

interface StoredSnapshot {
  readonly version: number;
  readonly state: unknown;
}

const MAX_ATTEMPTS = 5;

const readCurrent = async (ctx: KurrentContext, stream: string): Promise<{ revision: bigint; snapshot: Snapshot } | null> => {
  const resolved = await readLast(ctx, ctx.names.snapshot(stream));
  if (!resolved?.event) return null;
  const event = toRecordedEvent(resolved.event, () => stream);
  const stored = event.data as StoredSnapshot;
  return {
    revision: resolved.event.revision,
    snapshot: { stream, version: stored.version, schemaVersion: event.schemaVersion, state: stored.state },
  };
};

export const loadSnapshot = async (ctx: KurrentContext, stream: string): Promise<Snapshot | null> => {
  validateStreamName(stream);
  return (await readCurrent(ctx, stream))?.snapshot ?? null;
};

export const saveSnapshot = async (ctx: KurrentContext, snapshot: Snapshot): Promise<void> => {
  const stream = validateStreamName(snapshot.stream);
  if (!Number.isSafeInteger(snapshot.version) || snapshot.version < 0) {
    throw new EventStoreError('INVALID_EVENT', `snapshot of ${stream}: version must be an integer ≥ 0`, { stream });
  }
  const original = {
    id: randomUUID(),
    type: SNAPSHOT_EVENT_TYPE,
    schemaVersion: snapshot.schemaVersion,
    data: { version: snapshot.version, state: snapshot.state } satisfies StoredSnapshot,
  };
  // The same checks as events (JSON-serialisable, size), so a bad state fails the same way on every adapter.
  const [prepared] = prepareEvents(stream, [original]);
  const snapshotStream = ctx.names.snapshot(stream);
  for (let attempt = 1; ; attempt += 1) {
    const current = await readCurrent(ctx, stream);
    // Never backwards: a slow writer must not replace a newer snapshot (the memory twin's rule).
    if (current && current.snapshot.version > snapshot.version) return;
    const streamState: AppendStreamState = current ? current.revision : NO_STREAM;
    try {
      await ctx.client.appendToStream(snapshotStream, toEventData(prepared!, original, original.id), { streamState });
      if (!current) await ctx.client.setStreamMetadata(snapshotStream, { maxCount: 1 });
      return;
    } catch (error) {
      // Another saver got there first: look again, and give way if theirs is newer.
      if (!isWrongExpectedVersion(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
};
