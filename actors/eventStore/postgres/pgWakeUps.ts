// Wake-ups across processes: after appends the store sends a NOTIFY (pgNotifier.ts), and subscriptions LISTEN
// on a dedicated connection. Appends in this process wake local subscriptions at once without the round trip.
// When LISTEN is off or its connection is down (PgBouncer in transaction mode drops LISTEN), subscriptions
// still poll at their interval.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createWakeUps, type WakeUps } from '../subscription.js';
import { createPgNotifier } from './pgNotifier.js';

export interface PgWakeUpsOptions {
  /** Connection settings for the NOTIFY connection. */
  readonly connection: pg.ClientConfig;
  readonly channel: string;
  /** Connection for LISTEN; undefined: no LISTEN, polling only. */
  readonly listenConfig: pg.ClientConfig | undefined;
  /** Send NOTIFY after appends (off when nobody listens, e.g. a write-only benchmark). */
  readonly notify: boolean;
  /** Shortest time between two NOTIFYs under sustained appends (each costs a round trip and a global lock). */
  readonly notifyIntervalMs: number;
  readonly onError: (error: Error, during: 'listen' | 'notify') => void;
}

export interface PgWakeUps extends WakeUps {
  /** Called after each committed append: wakes local waiters and schedules a NOTIFY. */
  appended(): void;
  /** Starts listening (idempotent); subscriptions call it. */
  listen(): void;
  close(): Promise<void>;
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 30_000;

export const createPgWakeUps = (options: PgWakeUpsOptions): PgWakeUps => {
  const local = createWakeUps();
  let closed = false;
  // Our own NOTIFY comes back to our LISTEN connection after appended() already woke the local waiters: the echo
  // would only make every subscription of this store read once more, a read (and a wake-up) per NOTIFY for nothing.
  const sender = randomUUID();
  const notifier = options.notify
    ? createPgNotifier({
        connection: options.connection,
        channel: options.channel,
        payload: sender,
        intervalMs: options.notifyIntervalMs,
        onError: (error) => options.onError(error, 'notify'),
      })
    : undefined;
  let listener: pg.Client | undefined;
  let listening = false;
  let reconnectDelay = RECONNECT_MIN_MS;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  const scheduleReconnect = (): void => {
    if (closed || reconnectTimer !== undefined) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
  };

  const connect = async (): Promise<void> => {
    if (closed || options.listenConfig === undefined) return;
    const client = new pg.Client(options.listenConfig);
    listener = client;
    const lost = (error?: Error): void => {
      if (listener !== client) return;
      listener = undefined;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (!closed && error) options.onError(error, 'listen');
      scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('LISTEN connection ended')));
    client.on('notification', (message) => {
      if (message.payload !== sender) local.notify();
    });
    try {
      await client.connect();
      await client.query(`listen "${options.channel}"`);
      reconnectDelay = RECONNECT_MIN_MS;
      // Events may have committed while the connection was down: let every subscription look now.
      local.notify();
    } catch (error) {
      lost(error as Error);
    }
  };

  return {
    generation: local.generation,
    wait: local.wait,
    appended() {
      local.notify();
      notifier?.notify();
    },
    listen() {
      if (listening || closed) return;
      listening = true;
      void connect();
    },
    async close() {
      closed = true;
      if (reconnectTimer !== undefined) clearTimeout(reconnectTimer);
      const client = listener;
      listener = undefined;
      local.notify();
      await notifier?.close();
      if (client) {
        client.removeAllListeners();
        client.on('error', () => undefined);
        await client.end().catch(() => undefined);
      }
    },
  };
};
