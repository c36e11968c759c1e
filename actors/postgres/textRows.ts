// A statement whose few result columns come back as text, sent through pg's Submittable interface (the one
// pg-cursor is built on) instead of pg's own Query. For a one-event append at concurrency 1 pg's Query was the
// largest single piece of client CPU above a bare INSERT: it asks the server to describe the result of every
// execution, and for that description builds a parser table and a row template (Result.addFields) per call;
// it also copies the query config and wraps the call in two promises. This sends Bind, Execute and Sync only
// (Parse once per connection for a named statement, as pg does), so the server sends no RowDescription at all,
// and hands back each DataRow's text fields as they are.
import type pg from 'pg';

/** The part of pg's connection a submittable drives (the same calls pg's Query and pg-cursor make). */
interface Connection {
  readonly parsedStatements: Record<string, string | undefined>;
  readonly submittedNamedStatements: Record<string, string | undefined>;
  readonly stream: { cork?(): void; uncork?(): void };
  parse(query: { text: string; name: string }): void;
  bind(config: { statement: string; values: readonly (string | null)[] }): void;
  execute(): void;
  close(config: { type: 'S'; name: string }): void;
  sync(): void;
  sendCopyFail(message: string): void;
}

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
    // One write for all the messages (as pg's Query does).
    connection.stream.cork?.();
    try {
      if (known === undefined) {
        connection.parse({ text: this.text, name });
        if (this.name !== undefined) connection.submittedNamedStatements[name] = this.text;
      }
      try {
        connection.bind({ statement: name, values: this.values });
      } catch (error) {
        // As pg's Query: nothing was bound, so close what was parsed and end the exchange.
        connection.close({ type: 'S', name });
        connection.sync();
        this.handleError(error instanceof Error ? error : new Error(String(error)));
        return null;
      }
      connection.execute();
      connection.sync();
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
