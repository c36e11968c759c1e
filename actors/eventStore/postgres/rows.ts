// Row shapes of the event store tables (snake_case, wire types) and their mapping to the port's types.
import type { EventMetadata, RecordedEvent, Snapshot } from '../types.js';

/** Selected as an array row (rowMode 'array') to keep readAll cheap; order matches EVENT_COLUMNS. */
export type EventRow = [
  globalPosition: string,
  transactionId: string,
  streamName: string,
  streamVersion: number,
  eventId: string,
  eventType: string,
  schemaVersion: number,
  data: unknown,
  /** null only when the read was asked to omit this event type's data (omitDataOf, dataOnlyOf). */
  metadata: EventMetadata | null,
  recordedAtMs: number,
];

// Columns of the events table aliased `e`. Epoch milliseconds arrive as a float8, parsed far faster than
// timestamptz text. The transaction id is sent as text under another name: an output column named
// `transaction_id` would capture `order by transaction_id` and sort the ids as text ('100' < '99').
export const EVENT_COLUMNS =
  'e.global_position, e.transaction_id::text as commit_text, e.stream_name, e.stream_version, e.event_id, e.event_type, ' +
  'e.schema_version, e.data, e.metadata, (extract(epoch from e.recorded_at) * 1000)::float8 as recorded_ms';

/**
 * A row of readLatest as text. Two kinds have no type: the snapshot row (its version, schema version and state in
 * these columns) and the head row (the stream's last version, null without events; no schema version).
 */
export type LatestTextRow = [streamVersion: string | null, eventType: string | null, schemaVersion: string | null, data: string | null, metadata: string | null];

/** A text[] parameter as text (the array literal Postgres parses): every element quoted, `"` and `\\` escaped. */
export const textArrayLiteral = (values: readonly string[]): string => `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/** EVENT_COLUMNS with data and metadata null for the event types in the text[] parameter `param` (not parsed, not sent). */
export const eventColumnsOmitting = (param: string): string =>
  EVENT_COLUMNS.replace('e.data, e.metadata', `case when e.event_type = any(${param}::text[]) then null else e.data end as data, ` +
    `case when e.event_type = any(${param}::text[]) then null else e.metadata end as metadata`);

/** EVENT_COLUMNS with data and metadata null for every event type but those in the text[] parameter `param`. */
export const eventColumnsOnly = (param: string): string =>
  EVENT_COLUMNS.replace('e.data, e.metadata', `case when e.event_type = any(${param}::text[]) then e.data end as data, ` +
    `case when e.event_type = any(${param}::text[]) then e.metadata end as metadata`);

export const NO_METADATA: EventMetadata = Object.freeze({});

/**
 * A row mapper for one page. Events of one transaction come out of readAll side by side (grouped appends put many
 * in one), so the page's mapper converts each transaction id to a bigint once, and makes one Date per recording
 * time (`recorded_at` is the transaction's start, the same for all its events): per row each conversion was about
 * a fifth of the mapping's cost. Events of one transaction therefore share their `recordedAt` Date, which nothing
 * may mutate (nothing does: events are read-only values).
 */
export const createEventMapper = (): ((row: EventRow) => RecordedEvent) => {
  let commitText = '';
  let commit = 0n;
  let recordedMs = Number.NaN;
  let recordedAt = new Date(0);
  return (row) => {
    const [globalPosition, transactionId, streamName, streamVersion, id, type, schemaVersion, data, metadata, recordedAtMs] = row;
    if (transactionId !== commitText) {
      commit = BigInt(transactionId);
      commitText = transactionId;
    }
    if (recordedAtMs !== recordedMs) {
      recordedAt = new Date(recordedAtMs);
      recordedMs = recordedAtMs;
    }
    const position = BigInt(globalPosition);
    return {
      id,
      type,
      schemaVersion,
      data,
      metadata: metadata ?? NO_METADATA,
      streamName,
      streamVersion,
      globalPosition: position,
      checkpoint: { commit, position },
      recordedAt,
    };
  };
};

export interface SnapshotRow {
  stream_name: string;
  version: number;
  schema_version: number;
  state: unknown;
}

export const toSnapshot = (row: SnapshotRow): Snapshot => ({
  stream: row.stream_name,
  version: row.version,
  schemaVersion: row.schema_version,
  state: row.state,
});
