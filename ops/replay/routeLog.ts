// The one reader of a rebuild folded in several threads: reads the log once, as COPY text up to the rebuild's
// checkpoint (one scan of the commit-order index, where a reader per thread made the database scan and filter the
// whole log once per thread), and routes each row by its stream name to the thread that folds that stream. The
// rows cross as bytes in moved buffers; parsing them, JSON included, is the fold threads' work.
import pg from 'pg';
import { COPY_BINARY_HEADER_BYTES, copyBinaryHeader, copyLog, copyRowCheckpoint, copyRowEnd, copyRowStreamName } from '../../actors/eventStore/postgres/copyLog.js';
import type { Checkpoint } from '../../actors/eventStore/types.js';
import type { FeedMessage } from './foldJob.js';

export interface RouteLogOptions {
  readonly connectionString: string;
  readonly schema: string;
  readonly upTo: Checkpoint;
  readonly omitDataOf: readonly string[];
  /** Lines of the whole log per page: after each, every thread gets what it has of them (maybe nothing). */
  readonly pageSize: number;
  readonly threads: number;
  readonly send: (thread: number, message: FeedMessage, transfer: ArrayBuffer[]) => void;
  /** Lines a thread has folded (or passed over) so far. */
  readonly acknowledged: (thread: number) => number;
  /** Resolves at the next acknowledgement of any thread (or when the fold stopped). */
  readonly nextAcknowledgement: () => Promise<void>;
  /** The fold no longer needs lines (a thread halted on a poison event, or failed). */
  readonly stopped: () => boolean;
}

/** How far (in pages of the whole log) the reader may run ahead of a thread's fold before it waits. */
const PAGES_AHEAD = 8;

/** Routes every row up to `upTo`, each to exactly one thread, in log order; resolves with the rows read. */
export const routeLog = async (options: RouteLogOptions): Promise<number> => {
  const { threads, pageSize } = options;
  const pageBytes = 1 << 20;
  const out = Array.from({ length: threads }, () => ({ bytes: new Uint8Array(pageBytes), length: 0, lines: 0 }));
  const routed = new Array<number>(threads).fill(0);
  const flush = (through: Checkpoint): void => {
    for (let thread = 0; thread < threads; thread += 1) {
      const page = out[thread]!;
      options.send(thread, { kind: 'lines', bytes: page.bytes, length: page.length, through }, [page.bytes.buffer as ArrayBuffer]);
      routed[thread]! += page.lines;
      out[thread] = { bytes: new Uint8Array(Math.max(pageBytes, page.length)), length: 0, lines: 0 };
    }
  };
  const append = (thread: number, source: Buffer, start: number, end: number): void => {
    let page = out[thread]!;
    if (page.length + end - start > page.bytes.length) {
      const grown = new Uint8Array(Math.max(page.bytes.length * 2, page.length + end - start));
      grown.set(page.bytes.subarray(0, page.length));
      page = { ...page, bytes: grown };
      out[thread] = page;
    }
    source.copy(page.bytes, page.length, start, end);
    page.length += end - start;
    page.lines += 1;
  };
  const client = new pg.Client({ connectionString: options.connectionString });
  client.on('error', () => undefined); // a connection that dies fails the COPY stream, which rejects below
  await client.connect();
  let lines = 0;
  try {
    const { stream, finish } = await copyLog(client, { schema: options.schema, upTo: options.upTo, omitDataOf: options.omitDataOf });
    let rest: Buffer | null = null;
    let header = true;
    let ended = false;
    for await (const chunk of stream) {
      if (options.stopped()) break;
      let buffer: Buffer = rest === null ? chunk : Buffer.concat([rest, chunk]);
      if (header) {
        if (buffer.length < COPY_BINARY_HEADER_BYTES) {
          rest = buffer;
          continue;
        }
        buffer = buffer.subarray(copyBinaryHeader(buffer));
        header = false;
      }
      let start = 0;
      for (;;) {
        const end = copyRowEnd(buffer, start);
        if (end === -2) ended = true;
        if (end < 0) break;
        // FNV-1a of the stream name's bytes: every row of a stream goes to the same thread.
        const [nameStart, nameEnd] = copyRowStreamName(buffer, start);
        let hash = 0x811c9dc5;
        for (let i = nameStart; i < nameEnd; i += 1) hash = Math.imul(hash ^ buffer[i]!, 0x01000193);
        append((hash >>> 0) % threads, buffer, start, end);
        lines += 1;
        if (lines % pageSize === 0) flush(copyRowCheckpoint(buffer, start));
        start = end;
      }
      rest = ended || start >= buffer.length ? null : buffer.subarray(start);
      // Hold the read while a thread is PAGES_AHEAD pages behind (its rows would pile up in memory).
      while (!options.stopped() && routed.some((n, thread) => n - options.acknowledged(thread) > PAGES_AHEAD * pageSize)) await options.nextAcknowledgement();
    }
    if (options.stopped()) {
      (stream as { destroy?: () => void }).destroy?.();
    } else {
      if (!ended) throw new Error('the COPY of the log ended before its trailer');
      await finish();
    }
    flush(options.upTo);
    for (let thread = 0; thread < threads; thread += 1) options.send(thread, { kind: 'end' }, []);
    return lines;
  } finally {
    await client.end().catch(() => undefined);
  }
};
