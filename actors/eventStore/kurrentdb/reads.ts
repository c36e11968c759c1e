// Reads: one stream, the global log ($all) in commit order, and its head. Every $all read goes through the server-side
// stream-name filter (names.ts), so system events, metadata streams and snapshot streams never reach the port.
import { BACKWARDS, END, FORWARDS, type Direction, type ReadRevision, type ResolvedEvent } from '@kurrent/kurrentdb-client';
import { START, compareCheckpoints, type Checkpoint, type ReadAllOptions, type ReadAllResult, type ReadStreamOptions, type RecordedEvent } from '../types.js';
import { streamSliceFilter } from '../streamSlice.js';
import { validateStreamName } from '../validate.js';
import type { KurrentContext } from './context.js';
import { isStreamNotFound } from './errors.js';
import { toReadPosition, toRecordedEvent } from './mapping.js';

/** Raw events of one server stream as the client returns them; a stream that does not exist reads as empty. */
export const readStored = async (
  ctx: KurrentContext,
  serverStream: string,
  options: { readonly fromRevision: ReadRevision; readonly maxCount: number; readonly direction: Direction },
): Promise<ResolvedEvent[]> => {
  const events: ResolvedEvent[] = [];
  if (options.maxCount <= 0) return events;
  try {
    for await (const resolved of ctx.client.readStream(serverStream, options)) if (resolved.event) events.push(resolved);
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw error;
  }
  return events;
};

export const toRecorded = (ctx: KurrentContext, resolved: ResolvedEvent): RecordedEvent =>
  toRecordedEvent(resolved.event!, ctx.names.ours, resolved.commitPosition);

/** The newest event of a server stream (the snapshot streams keep only that one), or null. */
export const readLast = async (ctx: KurrentContext, serverStream: string): Promise<ResolvedEvent | null> =>
  (await readStored(ctx, serverStream, { fromRevision: END, maxCount: 1, direction: BACKWARDS }))[0] ?? null;

export const readStream = async (ctx: KurrentContext, stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> => {
  validateStreamName(stream);
  const from = Math.max(1, options.fromVersion ?? 1);
  const stored = await readStored(ctx, ctx.names.server(stream), {
    fromRevision: BigInt(from - 1),
    maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
    direction: FORWARDS,
  });
  return stored.map((resolved) => toRecorded(ctx, resolved));
};

export const readAll = async (ctx: KurrentContext, after: Checkpoint, limit: number, options?: ReadAllOptions): Promise<ReadAllResult> => {
  const events: RecordedEvent[] = [];
  const inSlice = streamSliceFilter(options?.streams);
  if (limit > 0) {
    // A read from a position can include the event at that position: ask for one more and drop what is not after.
    // A slice is filtered here (the server's filter knows names, not hashes): read on until the page is full.
    const maxCount = options?.streams === undefined ? limit + 1 : Number.MAX_SAFE_INTEGER;
    const pages = ctx.client.readAll({ fromPosition: toReadPosition(after), maxCount, direction: FORWARDS, filter: ctx.names.filter() });
    for await (const resolved of pages) {
      if (!resolved.event) continue;
      const event = toRecordedEvent(resolved.event, ctx.names.ours, resolved.commitPosition);
      if (compareCheckpoints(event.checkpoint, after) <= 0 || !inSlice(event.streamName)) continue;
      events.push(event);
      if (events.length === limit) break;
    }
  }
  return { events, checkpoint: events.length > 0 ? events[events.length - 1]!.checkpoint : after };
};

export const headCheckpoint = async (ctx: KurrentContext): Promise<Checkpoint> => {
  for await (const resolved of ctx.client.readAll({ fromPosition: END, maxCount: 1, direction: BACKWARDS, filter: ctx.names.filter() })) {
    if (resolved.event) return toRecordedEvent(resolved.event, ctx.names.ours, resolved.commitPosition).checkpoint;
  }
  return START;
};
