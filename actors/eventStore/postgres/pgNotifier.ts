// Sends the NOTIFY that wakes other processes' subscriptions after appends: coalesced (at most one in flight, and
// under sustained appends at most one per `intervalMs`), on a connection of its own so it never takes a pool
// connection from an append. Sent after the append's commit, not inside it: a notifying commit holds a
// cluster-wide lock until it ends, which would serialise every append's commit.
import pg from 'pg';

export interface PgNotifierOptions {
  readonly connection: pg.ClientConfig;
  readonly channel: string;
  /** Sent with every notification: names the sender, so its own LISTEN connection can ignore the echo. */
  readonly payload: string;
  readonly intervalMs: number;
  readonly onError: (error: Error) => void;
}

export interface PgNotifier {
  notify(): void;
  close(): Promise<void>;
}

export const createPgNotifier = (options: PgNotifierOptions): PgNotifier => {
  let client: Promise<pg.Client> | undefined;
  let closed = false;
  let sending = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const connect = (): Promise<pg.Client> => {
    const fresh = new pg.Client(options.connection);
    // A broken connection is dropped; the next notification opens another.
    fresh.on('error', () => {
      if (client === connecting) client = undefined;
    });
    // A NOTIFY commits a transaction with an id of its own; without the flush wait it does not queue behind (or
    // delay) the appends' WAL flushes. A notification is not durable anyway: a crash loses it either way.
    const connecting = fresh
      .connect()
      .then(() => fresh.query('set synchronous_commit = off'))
      .then(() => fresh);
    return connecting;
  };

  const send = async (): Promise<void> => {
    client ??= connect();
    const current = client;
    try {
      await (await current).query('select pg_notify($1, $2)', [options.channel, options.payload]);
    } catch (error) {
      if (client === current) client = undefined;
      void current.then((c) => c.end()).catch(() => undefined);
      if (!closed) options.onError(error as Error);
    }
  };

  const notify = (): void => {
    if (closed) return;
    if (sending || timer !== undefined) {
      again = true;
      return;
    }
    sending = true;
    again = false;
    inFlight = send().finally(() => {
      sending = false;
      if (again && !closed) {
        timer = setTimeout(() => {
          timer = undefined;
          notify();
        }, options.intervalMs);
      }
    });
  };

  return {
    notify,
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      await inFlight;
      const current = client;
      client = undefined;
      if (current) await current.then((c) => c.end()).catch(() => undefined);
    },
  };
};
