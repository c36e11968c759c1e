// One stream's append: validate (shared rules), write with the expected revision, then read back what was written
// (its global positions, and whether it was this request's write or an identical earlier one: idempotency.ts).
import { ConcurrencyError } from '../errors.js';
import type { AppendRequest, AppendResult, ExpectedVersion, NewEvent } from '../types.js';
import { prepareEvents, validateExpectedVersion, validateStreamName, type PreparedEvent } from '../validate.js';
import { isWrongExpectedVersion, mapWriteError } from './errors.js';
import { confirmWrite, diagnoseRefusal, newWriteId } from './idempotency.js';
import { toEventData, toStreamState, versionOfRevision } from './mapping.js';
import type { KurrentContext } from './context.js';

/** A request that passed validation, ready to be written under its own write id. */
export interface CheckedAppend {
  readonly stream: string;
  readonly expected: ExpectedVersion;
  readonly events: readonly PreparedEvent[];
  readonly originals: readonly NewEvent[];
  readonly writeId: string;
}

export const checkAppend = (request: AppendRequest): CheckedAppend => {
  const stream = validateStreamName(request.stream);
  const expected = validateExpectedVersion(request.expected);
  const events = prepareEvents(stream, request.events);
  return { stream, expected, events, originals: request.events, writeId: newWriteId() };
};

export const eventDataOf = (append: CheckedAppend) =>
  append.events.map((event, index) => toEventData(event, append.originals[index]!, append.writeId));

/** The port's error for a failed write: refusals are diagnosed (conflict or duplicate ids), the rest mapped. */
export const explainFailure = async (ctx: KurrentContext, append: CheckedAppend, error: unknown): Promise<unknown> =>
  isWrongExpectedVersion(error) || error instanceof ConcurrencyError
    ? diagnoseRefusal(ctx, append.stream, append.expected, append.events, error)
    : mapWriteError(error, append.stream, append.expected);

export const writeOne = async (ctx: KurrentContext, append: CheckedAppend): Promise<AppendResult> => {
  const { stream, expected } = append;
  let nextExpectedRevision: bigint;
  try {
    const result = await ctx.client.appendToStream(ctx.names.server(stream), eventDataOf(append), { streamState: toStreamState(expected) });
    // Only when the connection string sets throwOnAppendFailure=false does a refusal arrive as a result.
    if (!result.success) throw new ConcurrencyError(stream, expected, versionOfRevision(result.nextExpectedRevision));
    nextExpectedRevision = result.nextExpectedRevision;
  } catch (error) {
    throw await explainFailure(ctx, append, error);
  }
  return confirmWrite(ctx, stream, versionOfRevision(nextExpectedRevision), append.events, append.writeId);
};

export const appendToStream = (ctx: KurrentContext, request: AppendRequest): Promise<AppendResult> => writeOne(ctx, checkAppend(request));
