// The dispatcher lease as a session-level Postgres advisory lock held on a dedicated connection.
// Why Postgres and not NATS KV: the lock lives exactly as long as the holder's session, so a crashed holder frees
// it the moment Postgres sees its socket close (no TTL to tune, no renewal that a GC pause could miss), and it sits
// in the database that already holds the dispatcher's checkpoint, so the dispatcher depends on nothing more.
// The holder checks its connection every `checkIntervalMs`: if the check fails, or gets no answer within
// `deadMs`, it treats the lease as lost and stops sending at once, before Postgres (via TCP keepalive) hands the
// lock to a standby. A slow answer alone is not a loss: on a process starved of CPU the answer sits unread in the
// socket while the timer fires late, and the session (so the lock) is fine — dropping the lease then would only
// stop every reply until it is taken back. So a timeout is decided after pending I/O has been read.
// A holder that lost its lease stays out of the race for `yieldMs` before it competes again: it notices the loss
// first (its own socket closed) and would otherwise usually take the lock straight back, so a standby polling every
// `retryMs` would never get it, and a holder with a flaky connection would keep the role instead of a healthy one.
import pg from 'pg';
import type { HeldLease, Lease } from '../types.js';

export interface PostgresLeaseOptions {
  readonly connectionString: string;
  /** What is leased; every dispatcher of one deployment uses the same name. Default "lexbot.dispatcher". */
  readonly name?: string;
  /** How often a standby tries to take the lock; default 1000 ms. */
  readonly retryMs?: number;
  /** How often the holder checks its connection; default 2000 ms. */
  readonly checkIntervalMs?: number;
  /** How long the holder waits for a check's answer before it counts the session as dead; default 3 × checkIntervalMs. */
  readonly deadMs?: number;
  /** How long a holder that lost the lease leaves it to the standbys before competing again; default 2 × retryMs. */
  readonly yieldMs?: number;
  readonly onError?: (error: unknown) => void;
}

const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * The query's answer, or an error when none came within `ms`. Timers run before the event loop reads sockets, so a
 * deadline that fires late on a starved loop first lets the loop read what has arrived.
 */
const answeredWithin = async <T>(query: Promise<T>, ms: number, what: string): Promise<T> => {
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => {
    deadline = setTimeout(resolve, ms);
  });
  const answer = query.then((value) => ({ value }));
  try {
    const first = await Promise.race([answer, late]);
    if (first !== undefined) return first.value;
    await new Promise((resolve) => setImmediate(resolve));
    const settled = await Promise.race([answer, Promise.resolve(undefined)]);
    if (settled !== undefined) return settled.value;
    void answer.catch(() => undefined);
    throw new Error(`${what} got no answer in ${ms} ms`);
  } finally {
    clearTimeout(deadline);
  }
};

export const createPostgresLease = (options: PostgresLeaseOptions): Lease => {
  const name = options.name ?? 'lexbot.dispatcher';
  const retryMs = options.retryMs ?? 1000;
  const checkIntervalMs = options.checkIntervalMs ?? 2000;
  const deadMs = options.deadMs ?? 3 * checkIntervalMs;
  const yieldMs = options.yieldMs ?? 2 * retryMs;
  const onError = options.onError ?? (() => undefined);
  // Set when this process loses a lease it held (not when it releases it); acquire() waits until then.
  let yieldUntil = 0;

  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({
      connectionString: options.connectionString,
      keepAlive: true,
      application_name: `lexbot lease ${name}`,
    });
    client.on('error', onError);
    await client.connect();
    return client;
  };

  const hold = (client: pg.Client): HeldLease => {
    let resolveLost: (reason: Error | undefined) => void = () => undefined;
    const lost = new Promise<Error | undefined>((resolve) => {
      resolveLost = resolve;
    });
    let over = false;
    const end = (reason: Error | undefined): void => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      if (reason !== undefined) yieldUntil = Date.now() + yieldMs;
      resolveLost(reason);
      // Closing the session is what frees the lock if it was not unlocked explicitly.
      void client.end().catch(() => undefined);
    };
    client.on('error', (error) => end(error));
    client.on('end', () => end(new Error('lease connection closed')));
    // One check at a time (an interval would pile checks up behind a slow one).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async (): Promise<void> => {
      try {
        await answeredWithin(client.query('select 1'), deadMs, 'lease connection check');
      } catch (error) {
        end(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (!over) timer = setTimeout(() => void check(), checkIntervalMs);
    };
    timer = setTimeout(() => void check(), checkIntervalMs);
    return {
      lost,
      async release() {
        if (over) return;
        await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [name]).catch(() => undefined);
        end(undefined);
      },
    };
  };

  return {
    async acquire(signal) {
      const yielding = yieldUntil - Date.now();
      if (yielding > 0) await pause(yielding, signal);
      while (!signal.aborted) {
        let client: pg.Client | undefined;
        try {
          client = await connect();
          while (!signal.aborted) {
            const result = await answeredWithin(
              client.query<{ held: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as held', [name]),
              deadMs,
              'lease lock attempt',
            );
            if (result.rows[0]?.held === true) return hold(client);
            await pause(retryMs, signal);
          }
        } catch (error) {
          onError(error);
          await pause(retryMs, signal);
        }
        await client?.end().catch(() => undefined);
      }
      throw new Error('lease acquisition aborted');
    },
  };
};
