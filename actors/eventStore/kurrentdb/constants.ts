// Wire names of the KurrentDB adapter, in one place.

/**
 * Snapshots live in a stream per aggregate. `~` is outside the stream-name alphabet of validate.ts, so a snapshot
 * stream can never collide with an event stream, and the readAll filter below (our alphabet only) skips it. See names.ts for namespaces.
 */
export const SNAPSHOT_STREAM_PREFIX = 'snapshot~';

/**
 * Server-side stream-name filter for $all reads: exactly the names validate.ts accepts. It excludes system streams
 * (`$…`, `$$…` metadata streams, `$ce-…` links) and snapshot streams, so a page is never short because of them.
 */
export const OUR_STREAMS_REGEX = '^[A-Za-z0-9][A-Za-z0-9_.:@=+-]*$';

/**
 * Event metadata is an object whose values are all strings. multiStreamAppend (KurrentDB 25.1+) accepts nothing else,
 * and using one shape for both append paths means readers never need to know which path wrote an event.
 * `$correlationId`/`$causationId` are KurrentDB's own keys (its $by_correlation_id projection reads them).
 */
export const META_SCHEMA_VERSION = 'schemaVersion';
export const META_JSON = 'metadata';
export const META_CORRELATION_ID = '$correlationId';
export const META_CAUSATION_ID = '$causationId';
/**
 * A fresh id per append request, stored with its events. KurrentDB answers an idempotent re-append exactly like the
 * original write, so reading back whose write id the stored events carry is how an append learns it was a duplicate.
 */
export const META_WRITE_ID = 'writeId';

/** Content of a snapshot event. */
export const SNAPSHOT_EVENT_TYPE = 'Snapshot';
