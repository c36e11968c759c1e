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
  metadata: EventMetadata,
  recordedAtMs: number,
];

// Epoch milliseconds arrive as a float8, parsed far faster than timestamptz text.
export const EVENT_COLUMNS =
  'global_position, transaction_id::text, stream_name, stream_version, event_id, event_type, schema_version, data, metadata, ' +
  '(extract(epoch from recorded_at) * 1000)::float8';

export const toRecordedEvent = (row: EventRow): RecordedEvent => {
  const [globalPosition, transactionId, streamName, streamVersion, id, type, schemaVersion, data, metadata, recordedAtMs] = row;
  const position = BigInt(globalPosition);
  return {
    id,
    type,
    schemaVersion,
    data,
    metadata,
    streamName,
    streamVersion,
    globalPosition: position,
    checkpoint: { commit: BigInt(transactionId), position },
    recordedAt: new Date(recordedAtMs),
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
