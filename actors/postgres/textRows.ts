// A statement whose few result columns come back as text, sent through pg's Submittable interface (the one
// pg-cursor is built on) instead of pg's own Query. For a one-event append at concurrency 1 pg's Query was the
// largest single piece of client CPU above a bare INSERT: it asks the server to describe the result of every
// execution, and for that description builds a parser table and a row template (Result.addFields) per call;
// it also copies the query config and wraps the call in two promises. This sends Bind, Execute and Sync only
// (Parse once per connection for a named statement, as pg does), serialized here into one buffer and one write,
// so the server sends no RowDescription at all, and hands back each DataRow's text fields as they are.
import type pg from 'pg';

/** The part of pg's connection a submittable drives (the same calls pg's Query and pg-cursor make). */
interface Connection {
  readonly parsedStatements: Record<string, string | undefined>;
  readonly submittedNamedStatements: Record<string, string | undefined>;
  readonly stream: { readonly writable: boolean; write(data: Buffer): unknown; cork?(): void; uncork?(): void };
  parse(query: { text: string; name: string }): void;
  sendCopyFail(message: string): void;
}

// Execute (the unnamed portal, no row limit) and Sync, as the protocol spells them.
const EXECUTE_SYNC = Buffer.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0x53, 0, 0, 0, 4]);

/**
 * Bind (the unnamed portal, every parameter and every result column as text), Execute and Sync in one buffer of
 * their exact size: one write to the socket, where pg's own calls make three (and a spare 1 KiB buffer per Bind).
 */
const bindExecuteSync = (statement: string, values: readonly (string | null)[]): Buffer => {
  // code, length, portal '' and the statement name (C strings), no format codes, the count of values…
  let bindLength = 4 + 1 + Buffer.byteLength(statement) + 1 + 2 + 2;
  for (const value of values) bindLength += 4 + (value === null ? 0 : Buffer.byteLength(value));
  bindLength += 2; // …and no result format codes: all text
  const buffer = Buffer.allocUnsafe(1 + bindLength + EXECUTE_SYNC.length);
  let at = buffer.writeUInt8(0x42, 0);
  at = buffer.writeInt32BE(bindLength, at);
  at = buffer.writeUInt8(0, at);
  at += buffer.write(statement, at, 'utf8');
  at = buffer.writeUInt8(0, at);
  at = buffer.writeInt16BE(0, at);
  at = buffer.writeInt16BE(values.length, at);
  for (const value of values) {
    if (value === null) {
      at = buffer.writeInt32BE(-1, at);
    } else {
      const bytes = buffer.write(value, at + 4, 'utf8');
      at = buffer.writeInt32BE(bytes, at) + bytes;
    }
  }
  at = buffer.writeInt16BE(0, at);
  EXECUTE_SYNC.copy(buffer, at);
  return buffer;
};

type Callback = (error: Error | null, rows?: string[][]) => void;

/** A statement to run: a name makes it a prepared statement of each connection (parsed there once). */
export interface TextStatement {
  readonly name?: string;
  readonly text: string;
}

class TextRowsCall {
  readonly name: string | undefined;
  readonly text: string;
  private readonly rows: string[][] = [];
  private settled = false;

  constructor(
    statement: TextStatement,
    private readonly values: readonly (string | null)[],
    // pg's Client calls it `callback` and sets it from query(call, callback); pg-pool passes its own, which
    // releases the connection and then calls ours.
    public callback?: Callback,
  ) {
    this.name = statement.name;
    this.text = statement.text;
  }

  submit(connection: Connection): Error | null {
    const name = this.name ?? '';
    const known = this.name === undefined ? undefined : (connection.parsedStatements[name] ?? connection.submittedNamedStatements[name]);
    if (known !== undefined && known !== this.text) return new Error(`Prepared statements must be unique - '${name}' was used for a different statement`);
    let messages: Buffer;
    try {
      messages = bindExecuteSync(name, this.values);
    } catch (error) {
      // Nothing was sent: pg's Client hands the error to handleError and goes on to the next query.
      return error instanceof Error ? error : new Error(String(error));
    }
    if (!connection.stream.writable) return null; // as pg's own writes: the connection's end fails the call
    if (known !== undefined) {
      connection.stream.write(messages);
      return null;
    }
    // The first execution of a statement on this connection: Parse goes ahead of the rest, in the same write.
    connection.stream.cork?.();
    try {
      connection.parse({ text: this.text, name });
      if (this.name !== undefined) connection.submittedNamedStatements[name] = this.text;
      connection.stream.write(messages);
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    this.rows.push(message.fields as string[]);
  }

  handleError(error: Error): void {
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle(null);
  }

  // Messages of no interest here: no RowDescription comes (nothing asks for one); the command tag, an empty
  // query and a suspended portal (no row limit is set) carry nothing this needs.
  handleRowDescription(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFail('no COPY data here');
  }
  handleCopyData(): void {}

  private settle(error: Error | null): void {
    if (this.settled) return;
    this.settled = true;
    if (error === null) this.callback?.(null, this.rows);
    else this.callback?.(error);
  }
}

/** Anything pg can submit a Submittable to with a callback: a client (or a pool, which releases its client). */
type Submitting = { query(call: TextRowsCall, callback: Callback): unknown };

/**
 * Runs the statement and resolves to its rows, each an array of its columns' text (null for NULL). Values go to
 * the server as they are: text, or null.
 */
export const queryTextRows = (db: Pick<pg.ClientBase, 'query'> | Pick<pg.Pool, 'query'>, statement: TextStatement, values: readonly (string | null)[]): Promise<string[][]> =>
  new Promise((resolve, reject) => {
    // pg's typings know query(submittable) only without a callback; both pg's Client and pg-pool take one.
    (db as unknown as Submitting).query(new TextRowsCall(statement, values), (error, rows) => {
      if (error === null || error === undefined) resolve(rows!);
      else reject(error);
    });
  });
