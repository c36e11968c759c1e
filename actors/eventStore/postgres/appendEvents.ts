// A grouped append as one call of the append_events function: one round trip and, outside an explicit
// transaction, one commit for any number of streams. Exported apart from the store so a caller holding a
// transaction (tests that delay commits, an importer) can append inside it. There it must come before the
// transaction's first write, at READ COMMITTED: the transaction id has to be assigned after the stream locks
// are held, or that stream's versions may read out of order (migrations.ts explains).
import type pg from 'pg';
import { ConcurrencyError, EventStoreError } from '../errors.js';
import type { AppendOutcome, AppendRequest, ExpectedVersion } from '../types.js';
import { prepareEvents, validateExpectedVersion, validateStreamName, type PreparedEvent } from '../validate.js';
import type { SqlNames } from './constants.js';
import { fastAppend, fastAppendOne } from './fastAppend.js';

/** Anything that runs a query: a pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

interface ValidRequest {
  readonly index: number;
  readonly stream: string;
  readonly expected: ExpectedVersion;
  readonly events: readonly PreparedEvent[];
}

type AppendFunctionOutcome = 'appended' | 'duplicate' | 'conflict' | 'duplicate_id' | 'retry';

interface AppendFunctionRow {
  r_index: number;
  r_outcome: AppendFunctionOutcome;
  r_version: number | null;
  r_positions: string[] | null;
}

const validate = (request: AppendRequest, index: number): ValidRequest => {
  const stream = validateStreamName(request.stream);
  const expected = validateExpectedVersion(request.expected);
  return { index, stream, expected, events: prepareEvents(stream, request.events) };
};

/** The outcome of one request, or undefined when it must be sent again ('retry'). */
const toOutcome = (request: ValidRequest, row: AppendFunctionRow): AppendOutcome | undefined => {
  const { stream } = request;
  switch (row.r_outcome) {
    case 'appended':
    case 'duplicate':
      return {
        ok: true,
        stream,
        nextVersion: row.r_version ?? 0,
        positions: (row.r_positions ?? []).map((position) => BigInt(position)),
        duplicate: row.r_outcome === 'duplicate',
      };
    case 'conflict':
      return { ok: false, stream, error: new ConcurrencyError(stream, request.expected, row.r_version ?? 0) };
    case 'duplicate_id':
      return {
        ok: false,
        stream,
        error: new EventStoreError('DUPLICATE_EVENT_ID', `append to ${stream}: some event ids are already stored elsewhere`, { stream }),
      };
    case 'retry':
      return undefined;
    default: {
      const unknown: never = row.r_outcome;
      throw new Error(`append_events returned an unknown outcome ${String(unknown)}`);
    }
  }
};

const callAppendFunction = async (
  db: Queryable,
  names: SqlNames,
  requests: readonly ValidRequest[],
  prepared: boolean,
): Promise<AppendFunctionRow[]> => {
  const events = requests.flatMap((request) => request.events);
  const result = await db.query<AppendFunctionRow>({
    ...(prepared ? { name: `${names.schema}.append_events` } : {}),
    text: `select r_index, r_outcome, r_version, r_positions from ${names.appendFunction}($1, $2, $3, $4, $5, $6, $7, $8)`,
    values: [
      requests.map((request) => request.stream),
      requests.map((request) => expectedInDatabase(request.expected)),
      requests.map((request) => request.events.length),
      events.map((event) => event.id),
      events.map((event) => event.type),
      events.map((event) => event.schemaVersion),
      events.map((event) => event.data),
      events.map((event) => event.metadata),
    ],
  });
  return result.rows;
};

export interface AppendEventsOptions {
  /** Use a named prepared statement; default true. */
  readonly preparedStatement?: boolean;
  /**
   * Try the one-statement fast path first (fastAppend.ts); default false. Only in autocommit: the fast path keeps
   * per-stream commit order only as its transaction's first write.
   */
  readonly fastPath?: boolean;
}

/** 'no_stream' is version 0 in the database; 'any' is null. */
const expectedInDatabase = (expected: ExpectedVersion): number | null => (expected === 'any' ? null : expected === 'no_stream' ? 0 : expected);

const distinctStreams = (sorted: readonly ValidRequest[]): boolean => sorted.every((request, i) => i === 0 || sorted[i - 1]!.stream !== request.stream);

/**
 * Sends the valid requests to append_events until each has its outcome. Requests that repeat ids appended earlier
 * in the same call come back as 'retry'; the next call sees those ids stored and settles them. Each round settles
 * at least the first request, so this ends.
 */
const appendWithFunction = async (
  db: Queryable,
  names: SqlNames,
  valid: readonly ValidRequest[],
  outcomes: (AppendOutcome | undefined)[],
  prepared: boolean,
): Promise<AppendOutcome[]> => {
  let pending = valid;
  while (pending.length > 0) {
    const rows = await callAppendFunction(db, names, pending, prepared);
    const again: ValidRequest[] = [];
    for (const row of rows) {
      const request = pending[row.r_index - 1];
      if (request === undefined) throw new Error(`append_events returned an unknown index ${row.r_index}`);
      const outcome = toOutcome(request, row);
      if (outcome === undefined) again.push(request);
      else outcomes[request.index] = outcome;
    }
    if (again.length === pending.length) throw new Error('append_events settled none of the requests');
    pending = again;
  }
  return outcomes.map((outcome, index) => {
    if (outcome === undefined) throw new Error(`append_events returned no outcome for request ${index}`);
    return outcome;
  });
};

/** One request (most appends): the same steps as below without sorting, grouping and mapping back. */
const appendOne = async (db: Queryable, names: SqlNames, request: AppendRequest, prepared: boolean, fastPath: boolean): Promise<AppendOutcome[]> => {
  let valid: ValidRequest;
  try {
    valid = validate(request, 0);
  } catch (error) {
    if (!(error instanceof EventStoreError)) throw error;
    return [{ ok: false, stream: String(request.stream), error }];
  }
  if (fastPath && valid.events.length === 1) {
    const fast = await fastAppendOne(db, names, valid.stream, expectedInDatabase(valid.expected), valid.events[0]!, prepared);
    if (fast !== undefined) return fast;
  } else if (fastPath) {
    const fast = await fastAppend(db, names, [{ stream: valid.stream, expected: expectedInDatabase(valid.expected), events: valid.events }], prepared);
    if (fast !== undefined) return fast;
  }
  return appendWithFunction(db, names, [valid], [undefined], prepared);
};

/**
 * Validates every request (a bad one fails alone, as an outcome), then appends the valid ones in one call.
 * Streams go to the database sorted by name, so two grouped appends always lock their streams in the same order.
 */
export const appendEvents = (db: Queryable, names: SqlNames, requests: readonly AppendRequest[], options: AppendEventsOptions = {}): Promise<AppendOutcome[]> => {
  const prepared = options.preparedStatement ?? true;
  // Not through one more async function: the promise of appendOne itself.
  return requests.length === 1 ? appendOne(db, names, requests[0]!, prepared, options.fastPath === true) : appendGroup(db, names, requests, prepared, options.fastPath === true);
};

const appendGroup = async (
  db: Queryable,
  names: SqlNames,
  requests: readonly AppendRequest[],
  prepared: boolean,
  fastPath: boolean,
): Promise<AppendOutcome[]> => {
  const outcomes = new Array<AppendOutcome | undefined>(requests.length);
  const valid: ValidRequest[] = [];
  requests.forEach((request, index) => {
    try {
      valid.push(validate(request, index));
    } catch (error) {
      if (!(error instanceof EventStoreError)) throw error;
      outcomes[index] = { ok: false, stream: String(request.stream), error };
    }
  });
  valid.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : a.index - b.index));
  if (fastPath && valid.length > 0 && distinctStreams(valid)) {
    const fast = await fastAppend(
      db,
      names,
      valid.map((request) => ({ stream: request.stream, expected: expectedInDatabase(request.expected), events: request.events })),
      prepared,
    );
    if (fast !== undefined) {
      valid.forEach((request, i) => {
        outcomes[request.index] = fast[i];
      });
      return outcomes.map((outcome, index) => {
        if (outcome === undefined) throw new Error(`fast append returned no outcome for request ${index}`);
        return outcome;
      });
    }
  }
  return appendWithFunction(db, names, valid, outcomes, prepared);
};
