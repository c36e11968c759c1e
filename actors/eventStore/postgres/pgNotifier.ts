// Sends the NOTIFY that wakes other processes' subscriptions after appends: coalesced (at most one in flight, and
// at most one per `intervalMs`, counted from the previous one's start), on a connection of its own so it never takes
// a pool connection from an append. After a quiet interval the first append's NOTIFY goes at once; appends within
// the interval share one sent when it ends, so a remote subscriber waits at most `intervalMs` more. The spacing
// must hold even when each NOTIFY returns before the next append commits (one writer): a NOTIFY per append cost
// that writer a fifth to a third of its rate (BENCH-FINDINGS.md §9). Sent after the append's commit, not inside
// it: a notifying commit holds a cluster-wide lock until it ends, which would serialise every append's commit.
import pg from 'pg';

export interface PgNotifierOptions {
  readonly connection: pg.ClientConfig;
  readonly channel: string;
  /** Sent with every notification: names the sender, so its own LISTEN connection can ignore the echo. */
  readonly payload: string;
  readonly intervalMs: number;
  readonly onError: (error: Error) => void;
  /** Clock and timers; tests pass their own. */
  readonly timers?: NotifierTimers;
}

export interface NotifierTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: NotifierTimers = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PgNotifier {
  notify(): void;
  close(): Promise<void>;
}

export const createPgNotifier = (options: PgNotifierOptions): PgNotifier => {
  let client: Promise<pg.Client> | undefined;
  let closed = false;
  let sending = false;
  let again = false;
  const timers = options.timers ?? realTimers;
  let timer: unknown;
  let lastSentAt = Number.NEGATIVE_INFINITY;
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

  const schedule = (): void => {
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        notify();
      },
      Math.max(0, lastSentAt + options.intervalMs - timers.now()),
    );
  };

  const notify = (): void => {
    if (closed) return;
    if (sending || timer !== undefined) {
      again = true;
      return;
    }
    if (timers.now() - lastSentAt < options.intervalMs) {
      schedule();
      return;
    }
    sending = true;
    again = false;
    lastSentAt = timers.now();
    inFlight = send().finally(() => {
      sending = false;
      if (again && !closed) schedule();
    });
  };

  return {
    notify,
    async close() {
      closed = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      await inFlight;
      const current = client;
      client = undefined;
      if (current) await current.then((c) => c.end()).catch(() => undefined);
    },
  };
};
