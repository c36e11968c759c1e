// Reads: one stream, the global log ($all) in commit order, and its head. Every $all read goes through the server-side
// stream-name filter, so system events, metadata streams and snapshot streams never reach the port.
import {
  BACKWARDS,
  END,
  FORWARDS,
  streamNameFilter,
  type Direction,
  type KurrentDBClient,
  type ReadRevision,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { START, compareCheckpoints, type Checkpoint, type ReadAllResult, type ReadStreamOptions, type RecordedEvent } from '../types.js';
import { validateStreamName } from '../validate.js';
import { OUR_STREAMS_REGEX } from './constants.js';
import { isStreamNotFound } from './errors.js';
import { toReadPosition, toRecordedEvent } from './mapping.js';

/** The part of the client this adapter uses, so tests can pass a stand-in. */
export type KurrentClient = Pick<
  KurrentDBClient,
  'appendToStream' | 'multiStreamAppend' | 'readStream' | 'readAll' | 'subscribeToAll' | 'setStreamMetadata' | 'dispose'
>;

export const ourStreamsFilter = () => streamNameFilter({ regex: OUR_STREAMS_REGEX });

/** Raw events of one stream as the client returns them; a stream that does not exist reads as empty. */
export const readStored = async (
  client: KurrentClient,
  stream: string,
  options: { readonly fromRevision: ReadRevision; readonly maxCount: number; readonly direction: Direction },
): Promise<ResolvedEvent[]> => {
  const events: ResolvedEvent[] = [];
  if (options.maxCount <= 0) return events;
  try {
    for await (const resolved of client.readStream(stream, options)) if (resolved.event) events.push(resolved);
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw error;
  }
  return events;
};

const recorded = (resolved: ResolvedEvent): RecordedEvent => toRecordedEvent(resolved.event!, resolved.commitPosition);

/** Events of `stream` from `fromRevision` (0-based), at most `count`. */
export const readRevisions = async (client: KurrentClient, stream: string, fromRevision: bigint, count: number): Promise<RecordedEvent[]> =>
  (await readStored(client, stream, { fromRevision, maxCount: count, direction: FORWARDS })).map(recorded);

/** The newest event of `stream` (the snapshot streams keep only that one), or null. */
export const readLast = async (client: KurrentClient, stream: string): Promise<ResolvedEvent | null> =>
  (await readStored(client, stream, { fromRevision: END, maxCount: 1, direction: BACKWARDS }))[0] ?? null;

export const readStream = async (client: KurrentClient, stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> => {
  validateStreamName(stream);
  const from = Math.max(1, options.fromVersion ?? 1);
  return readRevisions(client, stream, BigInt(from - 1), options.maxCount ?? Number.MAX_SAFE_INTEGER);
};

export const readAll = async (client: KurrentClient, after: Checkpoint, limit: number): Promise<ReadAllResult> => {
  const events: RecordedEvent[] = [];
  if (limit > 0) {
    // A read from a position includes the event at that position, so ask for one more and drop what is not after.
    const pages = client.readAll({ fromPosition: toReadPosition(after), maxCount: limit + 1, direction: FORWARDS, filter: ourStreamsFilter() });
    for await (const resolved of pages) {
      if (!resolved.event) continue;
      const event = toRecordedEvent(resolved.event, resolved.commitPosition);
      if (compareCheckpoints(event.checkpoint, after) <= 0) continue;
      events.push(event);
      if (events.length === limit) break;
    }
  }
  return { events, checkpoint: events.length > 0 ? events[events.length - 1]!.checkpoint : after };
};

export const headCheckpoint = async (client: KurrentClient): Promise<Checkpoint> => {
  for await (const resolved of client.readAll({ fromPosition: END, maxCount: 1, direction: BACKWARDS, filter: ourStreamsFilter() })) {
    if (resolved.event) return toRecordedEvent(resolved.event, resolved.commitPosition).checkpoint;
  }
  return START;
};
