// Fills the event store's table with the generated world, fast: COPY into <schema>.events through the store's own
// schema (the same columns append_events writes; transaction_id and global_position come from their defaults), one
// transaction per chunk of events, so the log has many commits in order. What the generator yields is exactly what
// the actors would have appended (expected versions included), only without a round trip per append.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AppendRequest } from '../../../actors/eventStore/types.js';
import type { WorldStats } from './world.js';

const escape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');

export const copyWorldIntoLog = async (
  pool: pg.Pool,
  schema: string,
  world: Generator<AppendRequest, WorldStats>,
  chunkEvents = 50_000,
  onChunk?: (events: number) => void,
): Promise<WorldStats> => {
  let done = false;
  let stats: WorldStats | undefined;
  let total = 0;
  while (!done) {
    const lines: string[] = [];
    while (lines.length < chunkEvents) {
      const next = world.next();
      if (next.done === true) {
        stats = next.value;
        done = true;
        break;
      }
      const request = next.value;
      let version = request.expected === 'any' || request.expected === 'no_stream' ? 0 : request.expected;
      for (const event of request.events) {
        version += 1;
        lines.push(`${request.stream}\t${version}\t${event.id}\t${event.type}\t${event.schemaVersion}\t${escape(JSON.stringify(event.data))}\t{}\n`);
      }
    }
    if (lines.length === 0) break;
    const client = await pool.connect();
    try {
      await client.query('begin');
      const stream = client.query(copyFrom(`copy ${schema}.events (stream_name, stream_version, event_id, event_type, schema_version, data, metadata) from stdin`));
      await pipeline(Readable.from([lines.join('')]), stream);
      await client.query('commit');
    } finally {
      client.release();
    }
    total += lines.length;
    onChunk?.(total);
  }
  if (stats === undefined) throw new Error('the world generator ended without stats');
  return stats;
};
