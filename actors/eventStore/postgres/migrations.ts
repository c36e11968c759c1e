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
// 'conflict' (wrong expected version; r_version is the actual one), 'duplicate_id' (ids stored elsewhere).
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
  v_stream text;
  v_expected bigint;
  v_count integer;
  v_offset integer := 0;
  v_current integer;
  v_ids uuid[];
  v_found integer;
  v_base_min integer;
  v_base_max integer;
  v_same_stream boolean;
  v_positions bigint[];
begin
  -- Every lock before the first write (see above); callers sort streams, so grouped appends lock in one order.
  for i in 1 .. coalesce(array_length(p_streams, 1), 0) loop
    perform pg_advisory_xact_lock(hashtextextended(${literal(n.schema)} || '/' || p_streams[i], 0));
  end loop;

  for i in 1 .. coalesce(array_length(p_streams, 1), 0) loop
    v_stream := p_streams[i];
    v_expected := p_expected[i];
    v_count := p_counts[i];
    v_ids := p_ids[v_offset + 1 : v_offset + v_count];
    r_index := i;
    r_positions := null;

    select coalesce(max(e.stream_version), 0) into v_current from ${n.events} e where e.stream_name = v_stream;

    -- Idempotency: ids already stored count as a repeat only when all of them sit in this stream, in order,
    -- right after the expected version.
    select count(e.event_id), min(e.stream_version - u.ord::integer), max(e.stream_version - u.ord::integer),
           coalesce(bool_and(e.stream_name = v_stream), true), array_agg(e.global_position order by u.ord)
      into v_found, v_base_min, v_base_max, v_same_stream, v_positions
      from unnest(v_ids) with ordinality as u(id, ord)
      join ${n.events} e on e.event_id = u.id;

    if v_found > 0 then
      if v_found = v_count and v_same_stream and v_base_min = v_base_max
         and (v_expected is null or v_base_min = v_expected) then
        r_outcome := 'duplicate';
        r_version := v_base_min + v_count;
        r_positions := v_positions;
      else
        r_outcome := 'duplicate_id';
        r_version := v_current;
      end if;
    elsif v_expected is not null and v_expected <> v_current then
      r_outcome := 'conflict';
      r_version := v_current;
    else
      with inserted as (
        insert into ${n.events} (stream_name, stream_version, event_id, event_type, schema_version, data, metadata)
        select v_stream, v_current + u.ord::integer, u.id, u.t, u.sv, u.d, u.m
          from unnest(v_ids,
                      p_types[v_offset + 1 : v_offset + v_count],
                      p_schema_versions[v_offset + 1 : v_offset + v_count],
                      p_data[v_offset + 1 : v_offset + v_count],
                      p_metadata[v_offset + 1 : v_offset + v_count]) with ordinality as u(id, t, sv, d, m, ord)
         order by u.ord
        returning global_position, stream_version
      )
      select array_agg(inserted.global_position order by inserted.stream_version) into r_positions from inserted;
      r_outcome := 'appended';
      r_version := v_current + v_count;
    end if;

    v_offset := v_offset + v_count;
    return next;
  end loop;
end
$fn$;
`;

export const eventStoreMigrations = (schema?: string): readonly SqlMigration[] => {
  const names = sqlNames(schema);
  return [
    { id: 1, name: 'create_event_log', sql: createEventLog(names) },
    { id: 2, name: 'create_append_function', sql: createAppendFunction(names) },
  ];
};
