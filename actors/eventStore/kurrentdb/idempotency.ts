// Idempotent re-appends. KurrentDB itself makes a re-append of the same event ids at the same expected revision a
// no-op (its "idempotent write", best effort with 'any'), but answers it exactly like the original write: same
// revision and, on current servers, the original's position. So every append carries a fresh write id in its events'
// metadata, and reads back what it wrote (it needs the events' positions anyway): the stored events carry the write id
// of whichever request wrote them — ours means written now, another means a duplicate. This holds for concurrent
// retries too: exactly one of them finds its own write id.
import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, FORWARDS } from '@kurrent/kurrentdb-client';
import { EventStoreError } from '../errors.js';
import type { AppendResult, ExpectedVersion } from '../types.js';
import type { PreparedEvent } from '../validate.js';
import type { KurrentContext } from './context.js';
import { mapWriteError } from './errors.js';
import { writeIdOf } from './mapping.js';
import { readStored, toRecorded } from './reads.js';

export const newWriteId = (): string => randomUUID();

/** How far back a refused append looks for its own ids before calling the refusal a version conflict. */
const DIAGNOSIS_DEPTH = 1000;

/** The result of a successful write: positions read back, and whether it was ours or an earlier identical one. */
export const confirmWrite = async (
  ctx: KurrentContext,
  stream: string,
  nextVersion: number,
  events: readonly PreparedEvent[],
  writeId: string,
): Promise<AppendResult> => {
  const stored = await readStored(ctx, ctx.names.server(stream), {
    fromRevision: BigInt(nextVersion - events.length),
    maxCount: events.length,
    direction: FORWARDS,
  });
  const same = stored.length === events.length && stored.every((resolved, index) => resolved.event!.id.toLowerCase() === events[index]!.id);
  if (!same) throw new Error(`KurrentDB acknowledged ${stream} at version ${nextVersion}, but the events there are not the ones appended`);
  return {
    stream,
    nextVersion,
    positions: stored.map((resolved) => toRecorded(ctx, resolved).globalPosition),
    duplicate: !stored.every((resolved) => writeIdOf(resolved.event!) === writeId),
  };
};

/**
 * A refused append (WrongExpectedVersion): a version conflict, unless some of its ids are already in the stream —
 * KurrentDB also refuses a re-append that matches only in part, or lands elsewhere, which the memory twin calls
 * DUPLICATE_EVENT_ID. Looks at the newest DIAGNOSIS_DEPTH events only; this runs on the failure path alone.
 */
export const diagnoseRefusal = async (
  ctx: KurrentContext,
  stream: string,
  expected: ExpectedVersion,
  events: readonly PreparedEvent[],
  refusal: unknown,
): Promise<unknown> => {
  const recent = await readStored(ctx, ctx.names.server(stream), { fromRevision: END, maxCount: DIAGNOSIS_DEPTH, direction: BACKWARDS });
  const ids = new Set(events.map((event) => event.id));
  if (recent.some((resolved) => ids.has(resolved.event!.id.toLowerCase()))) {
    return new EventStoreError('DUPLICATE_EVENT_ID', `append to ${stream}: some event ids are already stored elsewhere`, { stream });
  }
  return refusal instanceof EventStoreError ? refusal : mapWriteError(refusal, stream, expected);
};
