// Grouped appends. On KurrentDB 25.1+ the pending streams go out in ONE multiStreamAppend (one round trip, one
// commit); older servers get per-stream appends in parallel. The port promises per-stream outcomes where one stream's
// conflict does not block the others, but multiStreamAppend is all-or-nothing: a conflict on one stream fails the
// whole call and names that stream, so the adapter records the conflict and sends the rest again (at most once per
// stream in the group).
import { UnsupportedError, type MultiAppendResult } from '@kurrent/kurrentdb-client';
import { EventStoreError } from '../errors.js';
import type { AppendOutcome, AppendRequest } from '../types.js';
import { checkAppend, eventDataOf, explainFailure, writeOne, type CheckedAppend } from './appendToStream.js';
import { isWrongExpectedVersion, mapWriteError } from './errors.js';
import { confirmWrite } from './idempotency.js';
import { toStreamState, versionOfRevision } from './mapping.js';
import type { KurrentContext } from './context.js';

export interface AppendManyState {
  /** Cleared for good once the server says it lacks multiStreamAppend. */
  multiStream: boolean;
}

interface Pending extends CheckedAppend {
  readonly index: number;
}

const failure = (stream: string, error: unknown): AppendOutcome => ({
  ok: false,
  stream,
  error: error instanceof Error ? error : new Error(String(error)),
});

/** Per-stream appends in parallel; a failure (of any kind) stays with its stream, since the others may have committed. */
const writeSeparately = async (ctx: KurrentContext, pending: readonly Pending[], outcomes: AppendOutcome[]): Promise<void> => {
  await Promise.all(
    pending.map(async (append) => {
      try {
        outcomes[append.index] = { ok: true, ...(await writeOne(ctx, append)) };
      } catch (error) {
        outcomes[append.index] = failure(append.stream, error);
      }
    }),
  );
};

const recordWritten = async (ctx: KurrentContext, batch: readonly Pending[], result: MultiAppendResult, outcomes: AppendOutcome[]) => {
  const revisions = new Map(result.responses.map((response) => [ctx.names.ours(response.streamName), response.revision]));
  await Promise.all(
    batch.map(async (append) => {
      const revision = revisions.get(append.stream);
      if (revision === undefined) throw new Error(`multiStreamAppend answered without stream ${append.stream}`);
      const result = await confirmWrite(ctx, append.stream, versionOfRevision(revision), append.events, append.writeId);
      outcomes[append.index] = { ok: true, ...result };
    }),
  );
};

const writeTogether = async (
  ctx: KurrentContext,
  state: AppendManyState,
  pending: readonly Pending[],
  outcomes: AppendOutcome[],
): Promise<void> => {
  let batch = pending;
  while (batch.length > 1) {
    let result: MultiAppendResult;
    try {
      result = await ctx.client.multiStreamAppend(
        batch.map((append) => ({ streamName: ctx.names.server(append.stream), events: eventDataOf(append), expectedState: toStreamState(append.expected) })),
      );
    } catch (error) {
      if (error instanceof UnsupportedError) {
        state.multiStream = false;
        break;
      }
      const conflicted = isWrongExpectedVersion(error) ? batch.find((append) => append.stream === ctx.names.ours(error.streamName)) : undefined;
      if (!conflicted) {
        const mapped = mapWriteError(error, batch[0]!.stream, batch[0]!.expected);
        // Too large as a whole (or an unnamed conflict): each stream on its own may still fit.
        if (mapped instanceof EventStoreError || isWrongExpectedVersion(error)) break;
        throw error;
      }
      outcomes[conflicted.index] = failure(conflicted.stream, await explainFailure(ctx, conflicted, error));
      batch = batch.filter((append) => append !== conflicted);
      continue;
    }
    await recordWritten(ctx, batch, result, outcomes);
    return;
  }
  await writeSeparately(ctx, batch, outcomes);
};

export const appendMany = async (
  ctx: KurrentContext,
  state: AppendManyState,
  requests: readonly AppendRequest[],
): Promise<AppendOutcome[]> => {
  const outcomes: AppendOutcome[] = new Array<AppendOutcome>(requests.length);
  const pending: Pending[] = [];
  requests.forEach((request, index) => {
    try {
      pending.push({ ...checkAppend(request), index });
    } catch (error) {
      if (!(error instanceof EventStoreError)) throw error;
      outcomes[index] = failure(request.stream, error);
    }
  });
  // The same stream twice in one group: write in request order, one after the other, like the memory twin.
  const unique = new Set(pending.map((append) => append.stream)).size === pending.length;
  if (!unique) {
    for (const append of pending) await writeSeparately(ctx, [append], outcomes);
  } else if (state.multiStream && pending.length > 1) {
    await writeTogether(ctx, state, pending, outcomes);
  } else {
    await writeSeparately(ctx, pending, outcomes);
  }
  return outcomes;
};
