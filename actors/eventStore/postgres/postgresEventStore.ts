// The PostgreSQL event store (the default adapter). Appends are one call of append_events (see migrations.ts);
// the global log is read in commit order — (transaction id, position) — and only below the oldest running
// transaction, so a reader never passes an event whose transaction has yet to commit.
import pg from 'pg';
import { EventStoreError } from '../errors.js';
import { createPollingSubscription } from '../subscription.js';
import {
  START,
  type AppendOutcome,
  type AppendRequest,
  type Checkpoint,
  type EventMetadata,
  type EventStore,
  type LatestEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type Snapshot,
  type Subscription,
} from '../types.js';
import { validateStreamSlice } from '../streamSlice.js';
import { validateStreamName } from '../validate.js';
import { appendEvents } from './appendEvents.js';
import { sqlNames } from './constants.js';
import { createGroupCommit, type GroupCommitOptions } from './groupCommit.js';
import { heldBackAware } from './heldBack.js';
import { createPgWakeUps } from './pgWakeUps.js';
import { withClient } from './withClient.js';
import { createEventMapper, EVENT_COLUMNS, eventColumnsOmitting, eventColumnsOnly, textArrayLiteral, toSnapshot, type EventRow, type LatestTextRow, type SnapshotRow } from './rows.js';
import { queryTextRows } from '../../postgres/index.js';

export interface PostgresEventStoreOptions {
  /** Where the store connects; also used for the LISTEN connection. */
  readonly connectionString: string;
  /** Share a pool instead of opening one (the store then leaves it open on close). */
  readonly pool?: pg.Pool;
  /** Size of the pool the store opens; default 10. */
  readonly poolSize?: number;
  /** Schema migrated by `lexbot ops migrate`; default "eventstore". */
  readonly schema?: string;
  /** LISTEN for wake-ups on a dedicated connection; turn off behind PgBouncer in transaction mode. Default true. */
  readonly listen?: boolean;
  /** NOTIFY other processes after appends; default true. */
  readonly notify?: boolean;
  /** Under sustained appends, at most one NOTIFY per this many ms (other processes wake that much later); default 10. */
  readonly notifyIntervalMs?: number;
  /** Longest wait between reads of an idle subscription (the fallback when no wake-up comes); default 1000 ms. */
  readonly pollIntervalMs?: number;
  /**
   * Use named prepared statements (parsed once per connection). Turn off behind PgBouncer older than 1.21 in
   * transaction mode, which cannot route them. Default true.
   */
  readonly preparedStatements?: boolean;
  /**
   * Append with one plain INSERT when every stream is at its expected version (fastAppend.ts), calling
   * append_events only for what that cannot settle. Default true; false always calls append_events.
   */
  readonly fastPath?: boolean;
  /** Group concurrent appends into shared calls (see groupCommit.ts); false sends each append on its own. */
  readonly groupCommit?: GroupCommitOptions | false;
  /** Failures of the wake-up machinery, which never fail an append or a read (polling covers them). */
  readonly onError?: (error: Error, during: 'listen' | 'notify') => void;
}

const PG_UNIQUE_VIOLATION = '23505';
const PG_DEADLOCK = '40P01';
const PG_UNDEFINED_TABLE = '42P01';
const PG_UNDEFINED_FUNCTION = '42883';
const PG_UNDEFINED_SCHEMA = '3F000';
// append_events serialises its writers per stream with advisory locks, but fast-path writers take none: one of
// them may win a version that an append_events call was about to write. Each such loss means another append
// succeeded, and retries skip the fast path.
const APPEND_ATTEMPTS = 6;

const pgCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

const checkVersion = (version: unknown, what: string): number => {
  if (typeof version === 'number' && Number.isSafeInteger(version) && version >= 0) return version;
  throw new EventStoreError('INVALID_EVENT', `${what} must be an integer ≥ 0`);
};

export const createPostgresEventStore = (options: PostgresEventStoreOptions): EventStore => {
  const names = sqlNames(options.schema);
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
  if (ownsPool) pool.on('error', () => undefined); // idle clients that die are replaced on the next checkout
  const wakeUps = createPgWakeUps({
    connection: { connectionString: options.connectionString },
    channel: names.channel,
    listenConfig: options.listen === false ? undefined : { connectionString: options.connectionString },
    notify: options.notify ?? true,
    notifyIntervalMs: options.notifyIntervalMs ?? 10,
    onError: options.onError ?? (() => undefined),
  });
  const subscriptions = new Set<Subscription>();
  let closed = false;
  const prepared = options.preparedStatements ?? true;
  /** Statement name, or none (unnamed statements) when prepared statements are off. */
  const named = (what: string): { name?: string } => (prepared ? { name: `${names.schema}.${what}` } : {});

  const ensureOpen = (): void => {
    if (closed) throw new EventStoreError('INVALID_EVENT', 'event store is closed');
  };

  /** A missing table means nobody migrated this schema: say so instead of "relation does not exist". */
  const explain = (error: unknown): unknown => {
    const code = pgCode(error);
    if (code === PG_UNDEFINED_TABLE || code === PG_UNDEFINED_FUNCTION || code === PG_UNDEFINED_SCHEMA) {
      return new Error(`event store schema "${names.schema}" is not migrated: run \`lexbot ops migrate\` (${(error as Error).message})`, { cause: error });
    }
    return error;
  };

  const sendAppends = async (requests: readonly AppendRequest[]): Promise<AppendOutcome[]> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const fastPath = attempt === 1 && (options.fastPath ?? true);
        // On one checked-out connection: a fast path refused by a unique index must not cost the connection.
        const outcomes = await withClient(pool, (client) => appendEvents(client, names, requests, { preparedStatement: prepared, fastPath }));
        if (outcomes.some((outcome) => outcome.ok && !outcome.duplicate)) wakeUps.appended();
        return outcomes;
      } catch (error) {
        // A unique violation or a deadlock means another transaction raced on the same event ids; the whole
        // call rolled back, so running it again is safe and then sees the winner's rows.
        const code = pgCode(error);
        if ((code === PG_UNIQUE_VIOLATION || code === PG_DEADLOCK) && attempt < APPEND_ATTEMPTS) continue;
        throw explain(error);
      }
    }
  };
  const grouped = options.groupCommit === false ? undefined : createGroupCommit(sendAppends, options.groupCommit);
  // Not async: the promise of the call itself, without a hop through one more promise (each append comes this way).
  const appendMany = (requests: readonly AppendRequest[]): Promise<AppendOutcome[]> => {
    if (closed) return Promise.reject(new EventStoreError('INVALID_EVENT', 'event store is closed'));
    return grouped === undefined ? sendAppends(requests) : grouped.submit(requests);
  };

  // One statement, so the snapshot, the events after it and the stream's head are read as of one moment: the
  // snapshot (if any of the asked schema version) as a row with no type, its version in the first column and its
  // state in the data column; the events after it by the (stream, version) index. Only what a fold needs
  // (LatestEvent): ids, positions and times cost about a quarter of the statement's CPU on both sides. With types to
  // skip, their rows are left out and one more row with no type and no schema version carries the stream's last
  // version (a backward probe of the same index), since the last row sent may not be the stream's last. Made once.
  const readLatestText = (skipping: boolean): string => `with s as materialized (
      select version, schema_version, state from ${names.snapshots} where stream_name = $1 and schema_version = $2::integer)
    select s.version, null::text, s.schema_version, s.state, null::jsonb from s
    union all
    select e.stream_version, e.event_type, e.schema_version, e.data, e.metadata from ${names.events} e
     where e.stream_name = $1 and e.stream_version > coalesce((select s.version from s), 0)${skipping ? ' and e.event_type <> all($3::text[])' : ''}
    ${skipping ? `union all
    select max(h.stream_version), null::text, null::integer, null::jsonb, null::jsonb from ${names.events} h where h.stream_name = $1` : ''}
    order by 1`;
  const readLatestSql = { ...named('read_latest_lean'), text: readLatestText(false) };
  const readLatestSkippingSql = { ...named('read_latest_skipping'), text: readLatestText(true) };

  const readAll = async (after: Checkpoint, limit: number, readOptions?: ReadAllOptions): Promise<ReadAllResult> => {
    ensureOpen();
    if (limit <= 0) return { events: [], checkpoint: after };
    const omit = readOptions?.omitDataOf ?? [];
    const slice = readOptions?.streams === undefined ? undefined : validateStreamSlice(readOptions.streams);
    const values: unknown[] = [after.commit.toString(), after.position.toString(), limit];
    const columns = omit.length === 0 ? EVENT_COLUMNS : eventColumnsOmitting(`$${values.push(omit)}`);
    // The slice is a filter on the scan of the commit-order index, so each reader pages exactly as a whole read.
    // Written as a CASE on purpose: the planner guesses 0.5 % of rows for `expression = value` and then prefers a
    // full scan and sort for every page (740 ms a page on a million events); for a CASE it guesses half.
    const inSlice =
      slice === undefined || slice.count === 1
        ? ''
        : `and case when (hashtext(e.stream_name)::bigint & 2147483647) % $${values.push(slice.count)} = $${values.push(slice.index)} then true else false end`;
    const result = await pool
      .query<EventRow>({
        ...named(`read_all${omit.length === 0 ? '' : '_omitting'}${inSlice === '' ? '' : '_slice'}`),
        text: `select ${columns} from ${names.events} e
                where (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
                  and e.transaction_id < pg_snapshot_xmin(pg_current_snapshot()) ${inSlice}
                order by e.transaction_id, e.global_position
                limit $3`,
        values,
        rowMode: 'array',
      })
      .catch((error: unknown) => {
        throw explain(error);
      });
    const events = result.rows.map(createEventMapper());
    return { events, checkpoint: events.length > 0 ? events[events.length - 1]!.checkpoint : after };
  };

  // What a subscription reads: a page, and whether events after `after` are hidden by an older open transaction.
  // When the page is short, every visible event after `after` is in it and every hidden one sorts after them (its
  // transaction id is at or above the snapshot's xmin), so "hidden after `after`" is "hidden after the page".
  // With `dataOnlyOf`, the other types' data and metadata stay in the database (the dispatcher's read).
  const readAllNoticingHeldBack = async (after: Checkpoint, limit: number, dataOnlyOf?: readonly string[]): Promise<{ page: ReadAllResult; heldBack: boolean }> => {
    ensureOpen();
    const values: unknown[] = [after.commit.toString(), after.position.toString(), limit];
    const columns = dataOnlyOf === undefined ? EVENT_COLUMNS : eventColumnsOnly(`$${values.push(textArrayLiteral(dataOnlyOf))}`);
    const result = await pool
      .query<[...EventRow, string | null, boolean]>({
        ...named(dataOnlyOf === undefined ? 'read_all_held_back' : 'read_all_held_back_only'),
        text: `select p.*, h.held from
                 (select exists (select 1 from ${names.events} e
                    where (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
                      and e.transaction_id >= pg_snapshot_xmin(pg_current_snapshot())) as held) h
                 left join lateral (
                   select ${columns}, e.transaction_id as sort_commit from ${names.events} e
                    where (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
                      and e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                    order by e.transaction_id, e.global_position
                    limit $3) p on true
               order by p.sort_commit, p.global_position`,
        values,
        rowMode: 'array',
      })
      .catch((error: unknown) => {
        throw explain(error);
      });
    // With no events the one row carries only the flag (its event columns are null).
    const rows = result.rows.filter((row) => row[0] !== null);
    const map = createEventMapper();
    // The mapper reads the leading EventRow columns and ignores the two after them.
    const events = rows.map((row) => map(row as unknown as EventRow));
    const page = { events, checkpoint: events.length > 0 ? events[events.length - 1]!.checkpoint : after };
    return { page, heldBack: result.rows[0]?.[result.rows[0].length - 1] === true };
  };

  const store: EventStore = {
    async append(stream, expected, events) {
      const [outcome] = await appendMany([{ stream, expected, events }]);
      if (outcome === undefined) throw new Error('append returned no outcome');
      if (!outcome.ok) throw outcome.error;
      return { stream: outcome.stream, nextVersion: outcome.nextVersion, positions: outcome.positions, duplicate: outcome.duplicate };
    },
    appendMany,
    async readStream(stream, readOptions = {}) {
      ensureOpen();
      validateStreamName(stream);
      const from = Math.max(1, readOptions.fromVersion ?? 1);
      const result = await pool
        .query<EventRow>({
          ...named('read_stream'),
          text: `select ${EVENT_COLUMNS} from ${names.events} e
                 where e.stream_name = $1 and e.stream_version >= $2
                 order by e.stream_version
                 limit $3`,
          values: [stream, from, readOptions.maxCount ?? null],
          rowMode: 'array',
        })
        .catch((error: unknown) => {
          throw explain(error);
        });
      return result.rows.map(createEventMapper());
    },
    async readLatest(stream, readOptions = {}) {
      ensureOpen();
      validateStreamName(stream);
      const skip = readOptions.skipTypes ?? [];
      const schemaVersion = readOptions.snapshotSchemaVersion === undefined ? null : String(readOptions.snapshotSchemaVersion);
      let rows: LatestTextRow[];
      // Through queryTextRows (no Describe, no result template or config copy per call, no .catch() promise): this
      // is every cold load's statement, five columns parsed here.
      try {
        rows = (await queryTextRows(pool, skip.length === 0 ? readLatestSql : readLatestSkippingSql, skip.length === 0 ? [stream, schemaVersion] : [stream, schemaVersion, textArrayLiteral(skip)])) as LatestTextRow[];
      } catch (error) {
        throw explain(error);
      }
      let snapshot: Snapshot | null = null;
      let head: number | undefined;
      const events: LatestEvent[] = [];
      for (const [streamVersion, type, eventSchemaVersion, data, metadata] of rows) {
        if (type === null) {
          // The head row (only when skipping; null for a stream with no events) or the snapshot row.
          if (eventSchemaVersion === null) head = streamVersion === null ? 0 : Number(streamVersion);
          else snapshot = toSnapshot({ stream_name: stream, version: Number(streamVersion), schema_version: Number(eventSchemaVersion), state: JSON.parse(data!) as unknown });
          continue;
        }
        events.push({
          type,
          schemaVersion: Number(eventSchemaVersion),
          data: JSON.parse(data!) as unknown,
          metadata: JSON.parse(metadata!) as EventMetadata,
          streamName: stream,
          streamVersion: Number(streamVersion),
        });
      }
      // Without a head row every event after the snapshot came back: the last one is the head.
      const version = head ?? (events.length > 0 ? events[events.length - 1]!.streamVersion : (snapshot?.version ?? 0));
      return { snapshot, events, version };
    },
    readAll,
    async headCheckpoint() {
      ensureOpen();
      const result = await pool
        .query<[string, string]>({
          text: `select e.transaction_id::text as commit_text, e.global_position from ${names.events} e
                 where e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                 order by e.transaction_id desc, e.global_position desc
                 limit 1`,
          rowMode: 'array',
        })
        .catch((error: unknown) => {
          throw explain(error);
        });
      const row = result.rows[0];
      return row === undefined ? START : { commit: BigInt(row[0]), position: BigInt(row[1]) };
    },
    subscribe(subscribeOptions) {
      ensureOpen();
      wakeUps.listen();
      const only = subscribeOptions.dataOnlyOf;
      const deps = heldBackAware({
        readAllNoticingHeldBack: only === undefined ? readAllNoticingHeldBack : (after, limit) => readAllNoticingHeldBack(after, limit, only),
        wakeUps,
        pollIntervalMs: options.pollIntervalMs ?? 1000,
      });
      const subscription = createPollingSubscription(deps, subscribeOptions);
      subscriptions.add(subscription);
      void subscription.done.catch(() => undefined).finally(() => subscriptions.delete(subscription));
      return subscription;
    },
    async saveSnapshot(snapshot: Snapshot) {
      ensureOpen();
      validateStreamName(snapshot.stream);
      const version = checkVersion(snapshot.version, `snapshot of ${snapshot.stream}: version`);
      const schemaVersion = checkVersion(snapshot.schemaVersion, `snapshot of ${snapshot.stream}: schemaVersion`);
      let state: string | undefined;
      try {
        state = JSON.stringify(snapshot.state);
      } catch (error) {
        throw new EventStoreError('NOT_SERIALIZABLE', `snapshot of ${snapshot.stream} is not JSON-serialisable: ${(error as Error).message}`);
      }
      if (state === undefined) throw new EventStoreError('NOT_SERIALIZABLE', `snapshot of ${snapshot.stream} is not JSON-serialisable`);
      // A snapshot never moves backwards: a slow writer must not replace a newer one.
      await pool
        .query({
          ...named('save_snapshot'),
          text: `insert into ${names.snapshots} as s (stream_name, version, schema_version, state) values ($1, $2, $3, $4)
                 on conflict (stream_name) do update
                   set version = excluded.version, schema_version = excluded.schema_version, state = excluded.state, saved_at = now()
                   where s.version <= excluded.version`,
          values: [snapshot.stream, version, schemaVersion, state],
        })
        .catch((error: unknown) => {
          throw explain(error);
        });
    },
    async loadSnapshot(stream) {
      ensureOpen();
      validateStreamName(stream);
      const result = await pool
        .query<SnapshotRow>({
          ...named('load_snapshot'),
          text: `select stream_name, version, schema_version, state from ${names.snapshots} where stream_name = $1`,
          values: [stream],
        })
        .catch((error: unknown) => {
          throw explain(error);
        });
      const row = result.rows[0];
      return row === undefined ? null : toSnapshot(row);
    },
    async close() {
      if (closed) return;
      closed = true;
      await grouped?.drain();
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await wakeUps.close();
      if (ownsPool) await pool.end();
    },
  };
  return store;
};
