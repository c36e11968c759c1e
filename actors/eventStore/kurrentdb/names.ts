// Where our streams live on the server. An optional namespace puts every stream of one store under `<namespace>/`,
// so several deployments or test runs can share one KurrentDB: each sees only its own streams in every read, $all
// included. `/` and `~` are outside the stream-name alphabet of validate.ts, so no name of ours can collide with a
// namespaced or a snapshot stream.
import { streamNameFilter, type RegexFilter } from '@kurrent/kurrentdb-client';
import { OUR_STREAMS_REGEX, SNAPSHOT_STREAM_PREFIX } from './constants.js';

const NAMESPACE = /^[A-Za-z0-9_-]{1,64}$/;

export interface StreamNames {
  /** Server stream of one of our streams. */
  server(stream: string): string;
  /** Our name of a server stream read back (only ever one of ours: reads are filtered). */
  ours(serverStream: string): string;
  /** Server stream holding the snapshots of one of our streams. */
  snapshot(stream: string): string;
  /** Server-side filter for $all: exactly our streams, so system, snapshot and other namespaces' streams stay out. */
  filter(): RegexFilter;
}

export const streamNames = (namespace?: string): StreamNames => {
  if (namespace === undefined) {
    return {
      server: (stream) => stream,
      ours: (serverStream) => serverStream,
      snapshot: (stream) => `${SNAPSHOT_STREAM_PREFIX}${stream}`,
      filter: () => streamNameFilter({ regex: OUR_STREAMS_REGEX }),
    };
  }
  if (!NAMESPACE.test(namespace)) {
    throw new TypeError(`invalid KurrentDB namespace ${JSON.stringify(namespace)}: 1–64 characters of A–Z a–z 0–9 _ -`);
  }
  const prefix = `${namespace}/`;
  return {
    server: (stream) => `${prefix}${stream}`,
    ours: (serverStream) => (serverStream.startsWith(prefix) ? serverStream.slice(prefix.length) : serverStream),
    snapshot: (stream) => `${SNAPSHOT_STREAM_PREFIX}${prefix}${stream}`,
    filter: () => streamNameFilter({ regex: `^${prefix}${OUR_STREAMS_REGEX.slice(1)}` }),
  };
};
