// Translations between the port's shapes and the KurrentDB client's: expected versions, positions, event envelopes.
import {
  ANY,
  NO_STREAM,
  START as KURRENT_START,
  type AllStreamRecordedEvent,
  type AppendStreamState,
  type EventData,
  type JSONType,
  type Position,
  type ReadPosition,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import type { Checkpoint, EventMetadata, ExpectedVersion, NewEvent, RecordedEvent } from '../types.js';
import type { PreparedEvent } from '../validate.js';
import { META_CAUSATION_ID, META_CORRELATION_ID, META_JSON, META_SCHEMA_VERSION, META_WRITE_ID } from './constants.js';

/**
 * Our versions are 1-based counts (version n = n events, 0 = no stream); KurrentDB revisions are 0-based indexes.
 * Expecting version n therefore means expecting revision n - 1 as the last event.
 */
export const toStreamState = (expected: ExpectedVersion): AppendStreamState => {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === 0) return NO_STREAM;
  return BigInt(expected - 1);
};

/** Revision the first event of an append lands on, when the expected version pins it. */
export const firstRevisionOf = (expected: ExpectedVersion): bigint | null =>
  expected === 'any' ? null : BigInt(expected === 'no_stream' ? 0 : expected);

/** KurrentDB's "current revision" (or no stream) as our version. */
export const versionOfRevision = (revision: bigint | 'no_stream'): number =>
  revision === 'no_stream' || revision < 0n ? 0 : Number(revision) + 1;

export const toCheckpoint = (position: Position): Checkpoint => ({ commit: position.commit, position: position.prepare });

export const toReadPosition = (checkpoint: Checkpoint): ReadPosition =>
  checkpoint.commit === 0n && checkpoint.position === 0n ? KURRENT_START : { commit: checkpoint.commit, prepare: checkpoint.position };

/** The metadata envelope (string values only, see constants.ts). */
const envelopeOf = (event: PreparedEvent, original: NewEvent, writeId: string): Record<string, string> => {
  const envelope: Record<string, string> = {
    [META_SCHEMA_VERSION]: String(event.schemaVersion),
    [META_JSON]: event.metadata,
    [META_WRITE_ID]: writeId,
  };
  const { correlationId, causationId } = original.metadata ?? {};
  if (typeof correlationId === 'string') envelope[META_CORRELATION_ID] = correlationId;
  if (typeof causationId === 'string') envelope[META_CAUSATION_ID] = causationId;
  return envelope;
};

export const toEventData = (event: PreparedEvent, original: NewEvent, writeId: string): EventData => ({
  id: event.id,
  contentType: 'application/json',
  type: event.type,
  // validate.ts proved JSON.stringify renders `data` exactly as `event.data`; the client stringifies it itself.
  data: original.data as JSONType,
  metadata: envelopeOf(event, original, writeId),
});


const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** Reads our envelope back; events written by other tools keep their metadata object and get schema version 1. */
export const parseEnvelope = (raw: unknown): { schemaVersion: number; metadata: EventMetadata } => {
  if (!isPlainObject(raw)) return { schemaVersion: 1, metadata: {} };
  const json = raw[META_JSON];
  const version = Number(raw[META_SCHEMA_VERSION]);
  const schemaVersion = Number.isSafeInteger(version) && version >= 1 ? version : 1;
  if (typeof json !== 'string') return { schemaVersion, metadata: raw as EventMetadata };
  try {
    const parsed: unknown = JSON.parse(json);
    return { schemaVersion, metadata: isPlainObject(parsed) ? (parsed as EventMetadata) : {} };
  } catch {
    return { schemaVersion, metadata: {} };
  }
};

const dataOf = (event: KurrentRecordedEvent): unknown => {
  if (event.isJson) return event.data;
  // Binary events are not ours; give readers the text when it is JSON, the bytes otherwise.
  const text = Buffer.from(event.data as Uint8Array).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return event.data;
  }
};

/**
 * A stored event as the port's RecordedEvent (`ours` maps the server stream back to our name, see names.ts).
 * KurrentDB returns positions on stream reads from server 22.6 on; on older servers `fallbackCommit` (the resolved
 * event's commit position) or 0 stands in.
 */
export const toRecordedEvent = (
  event: KurrentRecordedEvent | AllStreamRecordedEvent,
  ours: (serverStream: string) => string,
  fallbackCommit?: bigint,
): RecordedEvent => {
  const position = event.position ?? { commit: fallbackCommit ?? 0n, prepare: fallbackCommit ?? 0n };
  const { schemaVersion, metadata } = parseEnvelope(event.metadata);
  return {
    id: event.id.toLowerCase(),
    type: event.type,
    schemaVersion,
    data: dataOf(event),
    metadata,
    streamName: ours(event.streamId),
    streamVersion: Number(event.revision) + 1,
    // The prepare position is the event's own record in the log (unique); the commit position may be shared by the
    // events of one multi-event write. Order by `checkpoint`, which compares commit first, as $all does.
    globalPosition: position.prepare,
    checkpoint: toCheckpoint(position),
    recordedAt: event.created,
  };
};

/** The write id an event was stored with (see constants.ts), or null for events written by other tools. */
export const writeIdOf = (event: KurrentRecordedEvent | AllStreamRecordedEvent): string | null => {
  const metadata: unknown = event.metadata;
  if (!isPlainObject(metadata)) return null;
  const writeId = metadata[META_WRITE_ID];
  return typeof writeId === 'string' ? writeId : null;
};
