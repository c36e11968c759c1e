// COPY … FROM STDIN of ready-made text lines, in chunks (one write per ~256 KiB, not per row).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const CHUNK_CHARS = 256 * 1024;

/**
 * Lines joined into chunks of about CHUNK_CHARS (a chunk is one socket write, and cheap to pass between threads).
 * Joined from an array, not appended one by one: `+=` builds a rope that is flattened again when it is written.
 */
export function* chunked(lines: Iterable<string>): Generator<string> {
  let pending: string[] = [];
  let size = 0;
  for (const text of lines) {
    pending.push(text);
    size += text.length;
    if (size >= CHUNK_CHARS) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) yield pending.join('');
}

/** Copies the lines into `table` (schema-qualified); resolves with the number of rows. */
export const copyLines = async (client: pg.PoolClient | pg.Client, table: string, lines: Iterable<string>): Promise<number> => {
  const stream = client.query(copyFrom(`copy ${table} from stdin`));
  await pipeline(Readable.from(chunked(lines)), stream);
  return stream.rowCount;
};
