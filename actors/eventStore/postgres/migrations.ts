// The event store's schema, as numbered migrations applied by `lexbot ops migrate` (ops/migrations). A migration
// that has shipped is never edited (the runner checks a checksum): change the schema with a new one.
//
// Why this shape:
// - `transaction_id` (xid8, the appending transaction) + `global_position` is the commit order of the log. Readers
//   page by exactly that key and only below the oldest running transaction, so an append that commits late is
//   never skipped (DESIGN.md, guarantee 4).
// - An append first takes a transaction-scoped advisory lock on each of its streams, before it writes anything,
//   because the transaction id is assigned at the first write: so an append that waited for another on the same
//   stream always gets a larger transaction id, and each stream's versions read in order. (Locking a row instead
//   would assign the id before waiting, and a waiter could end up with the smaller id but the later version.)
// - `append_events` does a whole grouped append (several streams, each with its own expected version) in one
//   statement, so an append is one round trip and one commit.
import { sqlNames, type SqlNames } from './constants.js';

/** Schema names are plain identifiers (validated), so quoting them as a literal needs no escaping. */
const literal = (text: string): string => `'${text}'`;

export interface SqlMigration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

const createEventLog = (n: SqlNames): string => `
create table ${n.events} (
  global_position bigint generated always as identity primary key,
  transaction_id xid8 not null default pg_current_xact_id(),
  stream_name text not null,
  stream_version integer not null check (stream_version >= 1),
  event_id uuid not null,
  event_type text not null,
  schema_version integer not null,
  data jsonb not null,
  metadata jsonb not null,
  recorded_at timestamptz not null default now(),
  constraint events_stream_version_key unique (stream_name, stream_version),
  constraint events_event_id_key unique (event_id)
);

create index events_commit_order_idx on ${n.events} (transaction_id, global_position);

create table ${n.snapshots} (
  stream_name text primary key,
  version integer not null check (version >= 0),
  schema_version integer not null,
  state jsonb not null,
  saved_at timestamptz not null default now()
);
`;

// Outcomes per stream: 'appended', 'duplicate' (every id already stored where expected: nothing written),
// 'conflict' (wrong expected version; r_version is the actual one), 'duplicate_id' (ids stored elsewhere), and
// 'retry' (repeats ids that an earlier request of this same call appends: the caller sends it again, and then
// learns whether it is a duplicate). The work is set-based — a handful of statements per call, not per stream —
// so a grouped append of hundreds of streams costs little more than one; requests of one stream must be adjacent
// (callers sort by stream), and they apply in order.
const createAppendFunction = (n: SqlNames): string => `
create function ${n.appendFunction}(
  p_streams text[],
  p_expected bigint[],
  p_counts integer[],
  p_ids uuid[],
  p_types text[],
  p_schema_versions integer[],
  p_data jsonb[],
  p_metadata jsonb[]
) returns table (r_index integer, r_outcome text, r_version integer, r_positions bigint[])
language plpgsql as $fn$
declare
  v_n integer := coalesce(array_length(p_streams, 1), 0);
  v_total integer := 0;
  v_offset integer[] := '{}';
  v_request_of integer[] := '{}';
  v_current integer[];
  v_found bigint[];
  v_base_min integer[];
  v_base_max integer[];
  v_same_stream boolean[];
  v_outcome text[];
  v_version integer[];
  v_base integer[];
  v_taken uuid[] := '{}';
  v_ids uuid[];
  v_stream text;
  v_previous text;
  v_running integer;
begin
  if v_n = 0 then
    return;
  end if;
  v_outcome := array_fill(null::text, array[v_n]);
  v_version := array_fill(null::integer, array[v_n]);
  v_base := array_fill(null::integer, array[v_n]);

  -- Every lock before the first write (see above), in the callers' order; map each event to its request.
  for i in 1 .. v_n loop
    perform pg_advisory_xact_lock(hashtextextended(${literal(n.schema)} || '/' || p_streams[i], 0));
    v_offset[i] := v_total;
    for k in 1 .. p_counts[i] loop
      v_request_of[v_total + k] := i;
    end loop;
    v_total := v_total + p_counts[i];
  end loop;

  select array_agg(coalesce((select max(e.stream_version) from ${n.events} e where e.stream_name = u.s), 0) order by u.i)
    into v_current
    from unnest(p_streams) with ordinality as u(s, i);

  -- Ids already stored, per request: how many, at which base version (version minus place), in which stream.
  select array_agg(coalesce(f.found, 0) order by r.i), array_agg(f.base_min order by r.i),
         array_agg(f.base_max order by r.i), array_agg(coalesce(f.same_stream, true) order by r.i)
    into v_found, v_base_min, v_base_max, v_same_stream
    from generate_series(1, v_n) as r(i)
    left join (
      select v_request_of[x.k] as i, count(*) as found,
             min(e.stream_version - (x.k - v_offset[v_request_of[x.k]])::integer) as base_min,
             max(e.stream_version - (x.k - v_offset[v_request_of[x.k]])::integer) as base_max,
             bool_and(e.stream_name = p_streams[v_request_of[x.k]]) as same_stream
        from unnest(p_ids) with ordinality as x(id, k)
        join ${n.events} e on e.event_id = x.id
       group by 1
    ) f on f.i = r.i;

  for i in 1 .. v_n loop
    v_stream := p_streams[i];
    if v_stream is distinct from v_previous then
      v_running := v_current[i];
      v_previous := v_stream;
    end if;
    v_ids := p_ids[v_offset[i] + 1 : v_offset[i] + p_counts[i]];
    if v_found[i] > 0 then
      -- A repeat only when every id sits in this stream, in order, right after the expected version.
      if v_found[i] = p_counts[i] and v_same_stream[i] and v_base_min[i] = v_base_max[i]
         and (p_expected[i] is null or v_base_min[i] = p_expected[i]) then
        v_outcome[i] := 'duplicate';
        v_version[i] := v_base_min[i] + p_counts[i];
      else
        v_outcome[i] := 'duplicate_id';
        v_version[i] := v_running;
      end if;
    elsif v_ids && v_taken then
      v_outcome[i] := 'retry';
    elsif p_expected[i] is not null and p_expected[i] <> v_running then
      v_outcome[i] := 'conflict';
      v_version[i] := v_running;
    else
      v_outcome[i] := 'appended';
      v_base[i] := v_running;
      v_running := v_running + p_counts[i];
      v_version[i] := v_running;
      v_taken := v_taken || v_ids;
    end if;
  end loop;

  return query
  with inserted as (
    insert into ${n.events} (stream_name, stream_version, event_id, event_type, schema_version, data, metadata)
    select p_streams[v_request_of[x.k]], v_base[v_request_of[x.k]] + (x.k - v_offset[v_request_of[x.k]])::integer,
           x.id, x.t, x.sv, x.d, x.m
      from unnest(p_ids, p_types, p_schema_versions, p_data, p_metadata) with ordinality as x(id, t, sv, d, m, k)
     where v_base[v_request_of[x.k]] is not null
     order by x.k
    returning global_position, stream_name, stream_version
  ),
  requests as (
    select r.i::integer as i, p_streams[r.i] as s, v_base[r.i] as base, v_version[r.i] as version, v_outcome[r.i] as outcome
      from generate_series(1, v_n) as r(i)
  ),
  appended as (
    select q.i, array_agg(ins.global_position order by ins.stream_version) as positions
      from requests q
      join inserted ins on ins.stream_name = q.s and ins.stream_version > q.base and ins.stream_version <= q.version
     where q.outcome = 'appended'
     group by q.i
  ),
  repeated as (
    select v_request_of[x.k] as i, array_agg(e.global_position order by x.k) as positions
      from unnest(p_ids) with ordinality as x(id, k)
      join ${n.events} e on e.event_id = x.id
     where v_outcome[v_request_of[x.k]] = 'duplicate'
     group by 1
  )
  select q.i, q.outcome, q.version, coalesce(a.positions, d.positions)
    from requests q
    left join appended a on a.i = q.i
    left join repeated d on d.i = q.i
   order by q.i;
end
$fn$;
`;

// PL/pgSQL would otherwise re-plan the function's statements with each call's arrays (custom plans): measured,
// that planning was most of a one-stream append's CPU. The generic plans are index lookups whatever the sizes.
const useGenericPlans = (n: SqlNames): string => `
alter function ${n.appendFunction}(text[], bigint[], integer[], uuid[], text[], integer[], jsonb[], jsonb[])
  set plan_cache_mode = force_generic_plan;
`;

// Nothing reads the log by global_position alone: readers page by (transaction_id, global_position), streams by
// (stream_name, stream_version), idempotency by event_id. Its primary-key index was a fourth index on every append
// that no query used. The stream key stays the row's identity (for logical replication).
const dropPositionIndex = (n: SqlNames): string => `
alter table ${n.events} drop constraint events_pkey;
alter table ${n.events} replica identity using index events_stream_version_key;
`;

// The table's CHECK (stream_version >= 1) cost a one-event append more backend CPU than anything else above a bare
// insert: PostgreSQL reads a table CHECK's stored expression text (stringToNode) and prepares it again in every
// statement that writes the table, about 14,000 instructions of a 215,000-instruction insert (callgrind,
// BENCH-FINDINGS.md §8). A domain's CHECK is kept prepared in the type cache: the same rule costs about 3,000. The
// column's values, its index (int4 operators) and what readers get (the base type, int4) stay the same.
// - The domain starts without the CHECK, so changing the column to it rewrites neither the table nor its index.
// - The CHECK is added NOT VALID: it holds for every row written from now on, and every row already stored
//   passed the table's identical CHECK, so validating would scan the log (holding off appends) to find nothing.
const streamVersionDomain = (n: SqlNames): string => `
create domain ${n.schema}.stream_version as integer;
alter table ${n.events} alter column stream_version type ${n.schema}.stream_version;
alter domain ${n.schema}.stream_version add constraint stream_version_positive check (value >= 1) not valid;
alter table ${n.events} drop constraint events_stream_version_check;
`;

export const eventStoreMigrations = (schema?: string): readonly SqlMigration[] => {
  const names = sqlNames(schema);
  return [
    { id: 1, name: 'create_event_log', sql: createEventLog(names) },
    { id: 2, name: 'create_append_function', sql: createAppendFunction(names) },
    { id: 3, name: 'append_function_generic_plans', sql: useGenericPlans(names) },
    { id: 4, name: 'drop_position_primary_key', sql: dropPositionIndex(names) },
    { id: 5, name: 'stream_version_domain', sql: streamVersionDomain(names) },
  ];
};
