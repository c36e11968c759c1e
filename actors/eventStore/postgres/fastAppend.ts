// The fast path of an append: one plain INSERT … SELECT, no PL/pgSQL, no advisory locks — close to the cost of a
// bare one-row insert. It only ever succeeds whole, and only in the common case: every stream at its expected
// version, no event id stored before. Anything else (a version conflict, a repeat, a race) writes nothing here and
// returns undefined; the caller then runs append_events, which sorts out each request's outcome.
//
// Why it keeps the guarantees without the advisory locks of append_events:
// - Versions: each stream's new events get the versions after the expected one (or after the current one, as the
//   statement's snapshot sees it), written only if that version is there. A writer that committed a version after
//   that snapshot, or is still writing one, collides on the unique (stream, version) index: we wait for it, then
//   fail with a unique violation, whole.
// - Commit order (guarantee 4): this statement writes version v+1 of a stream only when version v was visible to
//   its snapshot, i.e. v's transaction had committed before the statement began, so before our transaction id was
//   assigned (at our first write): per stream, transaction ids grow with versions. That needs the statement to be
//   its transaction's first write, so the store uses it only in autocommit, never inside a caller's transaction.
// - Rows are inserted in stream order (callers sort), so two fast appends wait on each other's streams in the same
//   order; a deadlock on event ids is still possible and falls back like any other failure.
import type pg from 'pg';
import type { AppendOutcome } from '../types.js';
import type { PreparedEvent } from '../validate.js';
import type { SqlNames } from './constants.js';
import { queryTextRows } from '../../postgres/index.js';

const PG_UNIQUE_VIOLATION = '23505';
const PG_DEADLOCK = '40P01';

export interface FastRequest {
  readonly stream: string;
  /** null: any version. */
  readonly expected: number | null;
  readonly events: readonly PreparedEvent[];
}

/** A connection in autocommit (see above). */
type Runner = Pick<pg.ClientBase, 'query'>;

const pgCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

type OneEventShape = 'new' | 'version' | 'any';

/**
 * One stream, one event: scalar parameters (arrays cost the driver and the server more), and no more reading than
 * the expected version needs. A new stream needs none: version 1 exists exactly when the stream does, so the
 * unique index alone refuses a stream that exists. A given version needs that version to exist (the index refuses
 * the next one if it does). Any version needs the current one. Only 'any' returns the version it wrote: the
 * others know it beforehand (and each column returned is a column the driver describes and parses per call).
 */
const oneEventSql = (n: SqlNames, expected: OneEventShape): string => {
  const columns = `insert into ${n.events} (stream_name, stream_version, event_id, event_type, schema_version, data, metadata)`;
  switch (expected) {
    case 'new':
      return `${columns} values ($1::text, 1, $2::uuid, $3::text, $4::integer, $5::jsonb, $6::jsonb)
returning global_position`;
    case 'version':
      return `${columns}
select $1::text, $7::integer + 1, $2::uuid, $3::text, $4::integer, $5::jsonb, $6::jsonb
 where exists (select 1 from ${n.events} e where e.stream_name = $1::text and e.stream_version = $7::integer)
returning global_position`;
    case 'any':
      return `${columns}
select $1::text, c.v + 1, $2::uuid, $3::text, $4::integer, $5::jsonb, $6::jsonb
  from (select coalesce(max(e.stream_version), 0) as v from ${n.events} e where e.stream_name = $1::text) c
returning global_position, stream_version`;
  }
};

/** What a call of a statement sends besides its values (rowMode: each row an array). */
interface Statement {
  readonly name?: string;
  readonly text: string;
  readonly rowMode: 'array';
}

/**
 * The statements of one schema, built once: the driver compares a named statement's text with the one it prepared
 * on every call, which is a pointer comparison only when it is the very same string.
 */
const statementsOf = new Map<string, Record<OneEventShape | 'many', { readonly named: Statement; readonly unnamed: Statement }>>();
const statement = (names: SqlNames, shape: OneEventShape | 'many', prepared: boolean): Statement => {
  let statements = statementsOf.get(names.events);
  if (statements === undefined) {
    const both = (what: OneEventShape | 'many', text: string) => ({
      named: { name: `${names.schema}.append_${what}`, text, rowMode: 'array' as const },
      unnamed: { text, rowMode: 'array' as const },
    });
    statements = {
      new: both('new', oneEventSql(names, 'new')),
      version: both('version', oneEventSql(names, 'version')),
      any: both('any', oneEventSql(names, 'any')),
      many: both('many', manySql(names)),
    };
    statementsOf.set(names.events, statements);
  }
  return prepared ? statements[shape].named : statements[shape].unnamed;
};

/**
 * A call's query config: the statement as its prototype, the values its one own property. pg copies every config
 * it gets (own property descriptors onto an object of the same prototype), per property a slow copy; this way it
 * copies one, and reads the rest through the prototype.
 */
const callOf = (statement: Statement, values: unknown[]): Statement & { values: unknown[] } => {
  const call = Object.create(statement) as Statement & { values: unknown[] };
  call.values = values;
  return call;
};

/** Any number of distinct streams; per event: its stream and its place (1…) in its request. */
const manySql = (n: SqlNames): string => `
with req as materialized (
  select r.s, r.x, coalesce((select max(e.stream_version) from ${n.events} e where e.stream_name = r.s), 0) as v
    from unnest($1::text[], $2::bigint[]) as r(s, x)
)
insert into ${n.events} (stream_name, stream_version, event_id, event_type, schema_version, data, metadata)
select q.s, q.v + u.o, u.id, u.t, u.sv, u.d, u.m
  from unnest($3::text[], $4::integer[], $5::uuid[], $6::text[], $7::integer[], $8::jsonb[], $9::jsonb[])
       with ordinality as u(s, o, id, t, sv, d, m, k)
  join req q on q.s = u.s
 where not exists (select 1 from req w where w.x is not null and w.x <> w.v)
 order by u.k
returning global_position, stream_name, stream_version`;

/** A collision with another writer or a stored id: nothing was written; append_events decides. */
const collided = (error: unknown): boolean => {
  const code = pgCode(error);
  return code === PG_UNIQUE_VIOLATION || code === PG_DEADLOCK;
};

/** One event to one stream: fastAppend of one request, without the request around it (most appends). */
export const fastAppendOne = async (
  db: Runner,
  names: SqlNames,
  stream: string,
  expected: number | null,
  event: PreparedEvent,
  prepared: boolean,
): Promise<AppendOutcome[] | undefined> => {
  // A version beyond the integer column can never be current: that is a conflict, which the function reports.
  if (expected !== null && expected >= 2 ** 31 - 1) return undefined;
  const shape = expected === null ? 'any' : expected === 0 ? 'new' : 'version';
  const values = [stream, event.id, event.type, String(event.schemaVersion), event.data, event.metadata];
  if (shape === 'version') values.push(String(expected));
  let rows: string[][];
  try {
    rows = await queryTextRows(db, statement(names, shape, prepared), values);
  } catch (error) {
    if (collided(error)) return undefined;
    throw error;
  }
  const row = rows[0];
  if (row === undefined) return undefined;
  const nextVersion = expected === null ? Number(row[1]!) : expected + 1;
  return [{ ok: true, stream, nextVersion, positions: [BigInt(row[0]!)], duplicate: false }];
};

/**
 * Appends every request in one statement, or nothing (undefined). Streams must be distinct and sorted by name.
 * Must run in autocommit (see above).
 */
export const fastAppend = async (db: Runner, names: SqlNames, requests: readonly FastRequest[], prepared: boolean): Promise<AppendOutcome[] | undefined> => {
  const only = requests.length === 1 ? requests[0]! : undefined;
  if (only !== undefined && only.events.length === 1) return fastAppendOne(db, names, only.stream, only.expected, only.events[0]!, prepared);
  const events = requests.flatMap((request) => request.events.map((event, index) => ({ stream: request.stream, place: index + 1, event })));
  const values = [
    requests.map((request) => request.stream),
    requests.map((request) => request.expected),
    events.map((e) => e.stream),
    events.map((e) => e.place),
    events.map((e) => e.event.id),
    events.map((e) => e.event.type),
    events.map((e) => e.event.schemaVersion),
    events.map((e) => e.event.data),
    events.map((e) => e.event.metadata),
  ];
  let result: { rows: [string, string, number][] };
  try {
    result = await db.query<[string, string, number]>(callOf(statement(names, 'many', prepared), values));
  } catch (error) {
    if (collided(error)) return undefined;
    throw error;
  }
  if (result.rows.length !== events.length) return undefined;
  const byStream = new Map<string, { positions: bigint[]; version: number }>();
  const rows = result.rows.sort((a, b) => a[2] - b[2]);
  for (const [position, stream, version] of rows) {
    const entry = byStream.get(stream) ?? { positions: [], version: 0 };
    entry.positions.push(BigInt(position));
    entry.version = Math.max(entry.version, version);
    byStream.set(stream, entry);
  }
  return requests.map((request) => {
    const entry = byStream.get(request.stream);
    if (entry === undefined || entry.positions.length !== request.events.length) throw new Error(`fast append returned no rows for ${request.stream}`);
    return { ok: true, stream: request.stream, nextVersion: entry.version, positions: entry.positions, duplicate: false };
  });
};
