// One stream's append: validate (shared rules), look for a duplicate, write with the expected revision, then read
// back the global positions of what was written.
import { ConcurrencyError } from '../errors.js';
import type { AppendRequest, AppendResult, ExpectedVersion, NewEvent } from '../types.js';
import { prepareEvents, validateExpectedVersion, validateStreamName, type PreparedEvent } from '../validate.js';
import { mapWriteError } from './errors.js';
import { findDuplicate, positionsOfWrite } from './idempotency.js';
import { toEventData, toStreamState, versionOfRevision } from './mapping.js';
import type { KurrentClient } from './reads.js';

/** A request that passed validation, ready to be written. */
export interface CheckedAppend {
  readonly stream: string;
  readonly expected: ExpectedVersion;
  readonly events: readonly PreparedEvent[];
  readonly originals: readonly NewEvent[];
}

export const checkAppend = (request: AppendRequest): CheckedAppend => {
  const stream = validateStreamName(request.stream);
  const expected = validateExpectedVersion(request.expected);
  const events = prepareEvents(stream, request.events);
  return { stream, expected, events, originals: request.events };
};

export const eventDataOf = (append: CheckedAppend) => append.events.map((event, index) => toEventData(event, append.originals[index]!));

/** Writes a checked append that is known not to be a duplicate. */
export const writeOne = async (client: KurrentClient, append: CheckedAppend): Promise<AppendResult> => {
  const { stream, expected, events } = append;
  let nextExpectedRevision: bigint;
  try {
    const result = await client.appendToStream(stream, eventDataOf(append), { streamState: toStreamState(expected) });
    // Only when the connection string sets throwOnAppendFailure=false does a conflict arrive as a result.
    if (!result.success) throw new ConcurrencyError(stream, expected, versionOfRevision(result.nextExpectedRevision));
    nextExpectedRevision = result.nextExpectedRevision;
  } catch (error) {
    throw mapWriteError(error, stream, expected);
  }
  const nextVersion = versionOfRevision(nextExpectedRevision);
  return { stream, nextVersion, positions: await positionsOfWrite(client, stream, nextVersion, events), duplicate: false };
};

export const appendToStream = async (client: KurrentClient, request: AppendRequest): Promise<AppendResult> => {
  const append = checkAppend(request);
  const duplicate = await findDuplicate(client, append.stream, append.expected, append.events);
  return duplicate ?? writeOne(client, append);
};
