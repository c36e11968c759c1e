// COPY of a shadow table in short transactions, each committed on its own (see boundedTransactions.ts). Safe because
// the shadow schema is nobody's until the swap: a rebuild that stops half-way leaves a partial shadow, which the next
// rebuild drops first, and the live tables untouched. `synchronous_commit = off` per chunk: the swap's own commit is
// synchronous and flushes the WAL before it, these chunks included, and a crash before it only loses a shadow that
// the next rebuild would drop anyway.
import type pg from 'pg';
import { copyLines } from '../readModels/copyRows.js';
import { createTransactionSizer } from './boundedTransactions.js';

/** The first chunk's size for a bound of 100 ms (in proportion for others), before any transaction was timed. */
const FIRST_CHUNK_BYTES_PER_100_MS = 64 * 1024;
const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

/** A table's COPY text (pieces of whole lines) cut into chunks of about `bytes` each, at line ends (one line at least). */
export const lineCutter = (pieces: Iterable<string>): ((bytes: number) => string | null) => {
  const source = pieces[Symbol.iterator]();
  let current = '';
  let offset = 0;
  return (bytes) => {
    const parts: string[] = [];
    let size = 0;
    while (size < bytes) {
      if (offset >= current.length) {
        const next = source.next();
        if (next.done === true) break;
        current = next.value;
        offset = 0;
        continue;
      }
      const want = offset + Math.max(1, bytes - size);
      const end = want >= current.length ? current.length : current.indexOf('\n', want - 1) + 1 || current.length;
      parts.push(current.slice(offset, end));
      size += end - offset;
      offset = end;
    }
    return parts.length === 0 ? null : parts.join('');
  };
};

export interface ChunkCommitted {
  readonly table: string;
  /** Rows of this table committed so far. */
  readonly rows: number;
}

/**
 * Copies `pieces` into `table` (schema-qualified) in transactions of at most about `maxTransactionMs` each; awaits
 * `onCommitted` after each commit (outside any transaction); stops before the next chunk once `signal` aborts.
 * Resolves with the number of rows.
 */
export const copyInBoundedTransactions = async (
  client: pg.PoolClient,
  table: string,
  pieces: Iterable<string>,
  maxTransactionMs: number,
  onCommitted?: (chunk: ChunkCommitted) => Promise<void> | void,
  signal?: AbortSignal,
): Promise<number> => {
  const cut = lineCutter(pieces);
  const sizer = createTransactionSizer(maxTransactionMs, (FIRST_CHUNK_BYTES_PER_100_MS * maxTransactionMs) / 100, 1, MAX_CHUNK_BYTES);
  let rows = 0;
  for (let chunk = cut(sizer.next()); chunk !== null; chunk = cut(sizer.next())) {
    signal?.throwIfAborted();
    const started = performance.now();
    await client.query('begin');
    try {
      await client.query('set local synchronous_commit = off');
      rows += await copyLines(client, table, [chunk]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
    sizer.record(chunk.length, performance.now() - started);
    await onCommitted?.({ table, rows });
  }
  return rows;
};
