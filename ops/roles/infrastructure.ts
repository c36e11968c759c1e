// The connections a process's roles share, opened on first use and closed in reverse order: NATS, the mailbox, the
// event store, the read-model database. In single-node mode (no NATS, Redis or database configured) an embedded
// PostgreSQL stands in for the database and an in-process mailbox for NATS.
import { hostname } from 'node:os';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import type { Logger } from 'pino';
import { createKurrentDbEventStore } from '../../actors/eventStore/kurrentdb/index.js';
import { createPostgresEventStore } from '../../actors/eventStore/postgres/index.js';
import { createCommittedAppends, type CommittedAppends } from '../../actors/outbox/committedAppends.js';
import { createEncryptedEventStore } from '../../actors/eventStore/encrypted/index.js';
import { createPostgresKeyStore, type KeyStore } from '../../actors/keys/index.js';
import type { EventStore } from '../../actors/eventStore/types.js';
import { createInProcessMailbox, createNatsMailbox, type Mailbox } from '../../actors/mailbox/index.js';
import type { Readiness } from '../../gateway/index.js';
import type { Config } from '../config/config.js';
import { migrateDatabases } from '../migrations/migrateDatabases.js';
import { runMigrations } from '../migrations/runMigrations.js';
import { keyMigrationSet } from '../migrations/sets.js';
import { startEmbeddedPostgres } from '../singleNode/embeddedPostgres.js';
import type { Metrics } from '../telemetry/index.js';
import { StartError } from './roles.js';

export interface Infrastructure {
  /** The configuration with single-node substitutes filled in (the embedded database's URL). */
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  /** A name unique to this process, for leases and consumer names. */
  readonly instanceId: string;
  nats(): Promise<NatsConnection | undefined>;
  mailbox(): Promise<Mailbox>;
  /** The event store behind the crypto-shredding wrapper (Guarantee 7): every role reads and writes through it. */
  eventStore(): Promise<EventStore>;
  /** The per-user keys of personal data (DATABASE_URL, else the event store's PostgreSQL). */
  keyStore(): Promise<KeyStore>;
  /** The read-model database (DATABASE_URL). */
  database(): Promise<pg.Pool>;
  /** The actors' committed appends, for a dispatcher in this process (its in-process hand-off). */
  readonly committedAppends: CommittedAppends;
  /** Runs at close(), last registered first. */
  onClose(close: () => Promise<void>): void;
  close(): Promise<void>;
}

const once = <T>(open: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= open());
};

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface InfrastructureOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  /** Where single-node mode keeps its data; default ./data. */
  readonly dataDir?: string;
}

/**
 * pg's Pool.end() resolves before its idle clients have closed; a database stopped right after (single-node mode's
 * embedded one) then ends them first. An error on an idle connection after the close began is that, not news.
 */
const closeQuietly = (pool: pg.Pool): { readonly started: boolean; readonly close: () => Promise<void> } => {
  const state = {
    started: false,
    close: async () => {
      state.started = true;
      await pool.end();
    },
  };
  return state;
};

export const openInfrastructure = async (options: InfrastructureOptions): Promise<Infrastructure> => {
  const { logger, metrics, readiness } = options;
  const closers: (() => Promise<void>)[] = [];
  let config = options.config;

  if (config.singleNode) {
    logger.info('no NATS_URL, REDIS_URL or DATABASE_URL: single-node mode with an embedded PostgreSQL under ./data');
    const embedded = await startEmbeddedPostgres({ dataDir: options.dataDir ?? 'data', log: (line) => logger.debug({ postgres: line }) });
    closers.push(() => embedded.stop());
    config = { ...config, databaseUrl: embedded.url, eventStoreUrl: embedded.url };
  }
  // Every role's schema is brought up to date at start: the runner locks per schema, so concurrent starts are safe.
  if (config.databaseUrl !== undefined || config.eventStoreUrl !== undefined) {
    const report = await migrateDatabases(config).catch((error: unknown) => {
      throw new StartError(`database migrations failed: ${describe(error)}`);
    });
    const applied = report.migrated.flatMap((set) => set.applied.map((migration) => `${set.set}:${migration.id}`));
    if (applied.length > 0) logger.info({ applied }, 'database migrations applied');
  }

  const nats = once(async () => {
    if (config.natsServers.length === 0) return undefined;
    try {
      // Reconnect forever once connected: meanwhile the webhook answers 503 and /ready says why. noAsyncTraces: the
      // client would otherwise build two Errors (for their stack traces) on every request — every JetStream publish
      // of the webhook and every lease renewal — about 2 % of a busy pipeline's CPU; errors keep their messages.
      const connection = await connect({ servers: [...config.natsServers], name: `lexbot-${hostname()}-${process.pid}`, maxReconnectAttempts: -1, reconnectTimeWait: 1000, noAsyncTraces: true });
      closers.push(() => connection.drain().catch(() => connection.close()));
      return connection;
    } catch (error) {
      throw new StartError(`cannot reach NATS at ${config.natsServers.join(',')}: ${describe(error)}`);
    }
  });

  const mailbox = once(async () => {
    const connection = await nats();
    const box = connection
      ? await createNatsMailbox({ connection, prefix: config.natsPrefix, partitions: config.partitions })
      : createInProcessMailbox({ partitions: config.partitions });
    if (!connection) logger.warn('NATS_URL is not set: in-process mailbox (single node; accepted updates live only in this process)');
    closers.push(() => box.close());
    return box;
  });

  const keyStore = once(async () => {
    const url = config.databaseUrl ?? (config.eventStoreUrl !== undefined && /^postgres(ql)?:/.test(config.eventStoreUrl) ? config.eventStoreUrl : undefined);
    if (url === undefined) throw new StartError('personal data keys need a PostgreSQL: set DATABASE_URL');
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const closing = closeQuietly(pool);
    pool.on('error', (error) => closing.started || logger.warn({ err: error }, 'idle key store connection failed'));
    closers.push(closing.close);
    // Without DATABASE_URL the migrations above did not reach this database's key schema.
    if (config.databaseUrl === undefined) await runMigrations(pool, keyMigrationSet());
    return createPostgresKeyStore({ pool });
  });

  const eventStore = once(async () => {
    const url = config.eventStoreUrl;
    if (url === undefined) throw new StartError('no event store: set DATABASE_URL or EVENTSTORE_URL');
    const keys = await keyStore();
    const inner = /^postgres(ql)?:/.test(url)
      ? createPostgresEventStore({ connectionString: url, poolSize: 16, onError: (error, during) => logger.warn({ err: error, during }, 'event store wake-ups failed; polling') })
      : createKurrentDbEventStore({ connectionString: url });
    closers.push(() => inner.close());
    const store = createEncryptedEventStore({ store: inner, keys });
    readiness.register('eventstore', async () => {
      const head = await store.headCheckpoint();
      return `head ${head.commit}/${head.position}`;
    });
    return store;
  });

  const database = once(async () => {
    const url = config.databaseUrl;
    if (url === undefined) throw new StartError('no database: set DATABASE_URL');
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const closing = closeQuietly(pool);
    pool.on('error', (error) => closing.started || logger.warn({ err: error }, 'idle database connection failed'));
    closers.push(closing.close);
    readiness.register('database', async () => {
      await pool.query('select 1');
    });
    return pool;
  });

  return {
    config,
    logger,
    metrics,
    readiness,
    instanceId: `${hostname().replace(/[^A-Za-z0-9_-]/g, '_')}-${process.pid}-${Date.now().toString(36)}`,
    nats,
    mailbox,
    eventStore,
    keyStore,
    database,
    committedAppends: createCommittedAppends((error) => logger.error({ err: error }, 'handing committed appends to the dispatcher failed; its log read performs them')),
    onClose: (close) => closers.push(close),
    async close() {
      for (const close of closers.reverse()) {
        await close().catch((error: unknown) => logger.warn({ err: error }, 'closing a connection failed'));
      }
    },
  };
};
