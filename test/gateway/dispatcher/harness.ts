// Everything a dispatcher integration test needs, real and isolated: a Postgres event store, dispatcher state and
// timer store in their own schemas, a NATS mailbox under its own prefix, the Bot API stub, and helpers that append
// outbox events the way the user actor does (in the causing stream's own append).
import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { pino } from 'pino';
import { expect, vi } from 'vitest';
import { Registry } from 'prom-client';
import { createPostgresEventStore } from '../../../actors/eventStore/postgres/index.js';
import { compareCheckpoints, type EventMetadata, type EventStore, type NewEvent } from '../../../actors/eventStore/types.js';
import { createNatsMailbox, MAILBOX_HEADERS, natsNames, type Mailbox } from '../../../actors/mailbox/index.js';
import { OUTBOX_EVENT_TYPES, OUTBOX_SCHEMA_VERSION } from '../../../actors/outbox/outboxEvents.js';
import { createPostgresTimerStore, type TimerStore } from '../../../actors/timers/index.js';
import {
  createDispatcher,
  createDispatcherMetrics,
  createPostgresDispatcherState,
  createTelegramCaller,
  createUndiciFetch,
  type Dispatcher,
  type DispatcherMetrics,
  type DispatcherOptions,
  type TelegramCallerOptions,
} from '../../../gateway/dispatcher/index.js';
import { runMigrations } from '../../../ops/migrations/runMigrations.js';
import { dispatcherMigrationSet, eventStoreMigrationSet, timerMigrationSet } from '../../../ops/migrations/sets.js';
import { createTestNats, type TestNats } from '../../support/nats.js';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../../support/postgres.js';
import { settle } from '../../support/settlePostgres.js';
import { createTelegramEmulator, type TelegramEmulator } from '../../../gateway/telegramEmulator/index.js';
import { startBotApiStub, STUB_TOKEN, type BotApiStub } from './botApiStub.js';

/** Fast limits for tests that are not about the limits themselves (same shape as Telegram's, shorter spacing). */
export const FAST_THROTTLE: TelegramCallerOptions['throttle'] = {
  global: { reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1000 },
  out: { maxConcurrent: 1, minTime: 5 },
  group: { maxConcurrent: 1, minTime: 5 },
};

export const WAIT = { timeout: 20_000, interval: 20 };

export const FAST_BACKOFF = { baseMs: 20, maxMs: 200 };

export const newEvent = (type: string, data: unknown, metadata: EventMetadata = {}): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: OUTBOX_SCHEMA_VERSION,
  data,
  metadata,
});

export const sendMessage = (chatId: number, text: string, metadata?: EventMetadata): NewEvent =>
  newEvent(OUTBOX_EVENT_TYPES.telegramCall, { method: 'sendMessage', payload: { chat_id: chatId, text }, chatId }, metadata);

/** A message as JetStream stored it in the mailbox stream (read directly, no consumer involved). */
export interface StoredMailboxMessage {
  /** The dedup id (Nats-Msg-Id). */
  readonly id: string;
  readonly partition: number;
  readonly userKey: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: unknown;
  readonly storedAt: number;
}

export interface Harness {
  readonly store: EventStore;
  readonly mailbox: Mailbox;
  readonly timers: TimerStore;
  readonly stub: BotApiStub;
  /** The project's Bot API emulator, when the harness was created with `telegram: 'emulator'`. */
  readonly emulator: TelegramEmulator | undefined;
  readonly nats: TestNats;
  readonly db: TestSchema;
  readonly registry: Registry;
  readonly metrics: DispatcherMetrics;
  /** A dispatcher on the shared state (a second one after stop() is a restart). */
  dispatcher(overrides?: Partial<DispatcherOptions> & Pick<TelegramCallerOptions, 'throttle' | 'inner'>): Dispatcher;
  /** Appends events to `stream` with expected version "any". */
  append(stream: string, ...events: NewEvent[]): Promise<void>;
  counter(name: string, labels?: Record<string, string>): Promise<number>;
  /** Every message stored in the mailbox stream, in stream order. */
  storedMessages(): Promise<StoredMailboxMessage[]>;
  /** Waits until the dispatcher's stored checkpoint is the head of the log (everything appended so far done). */
  caughtUp(dispatcher: Dispatcher): Promise<void>;
  cleanup(): Promise<void>;
}

export interface HarnessOptions {
  readonly partitions?: number;
  /** Where the dispatcher's Bot API calls go: the stub (default; it can hold requests) or the project's emulator. */
  readonly telegram?: 'stub' | 'emulator';
}

export const createHarness = async (options: HarnessOptions = {}): Promise<Harness> => {
  const db = await createTestSchema('disp');
  const dispatcherSchema = `${db.schema}_d`;
  const timerSchema = `${db.schema}_t`;
  await runMigrations(db.pool, eventStoreMigrationSet(db.schema));
  await runMigrations(db.pool, dispatcherMigrationSet(dispatcherSchema));
  await runMigrations(db.pool, timerMigrationSet(timerSchema));
  const store = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: db.schema, pollIntervalMs: 100 });
  const nats = await createTestNats();
  const mailbox = await createNatsMailbox({ connection: nats.connection, prefix: nats.prefix, partitions: options.partitions ?? 4 });
  const stub = await startBotApiStub();
  const emulator = options.telegram === 'emulator' ? createTelegramEmulator() : undefined;
  await emulator?.listen();
  const bot = emulator === undefined ? { token: STUB_TOKEN, apiRoot: stub.apiRoot } : { token: emulator.token, apiRoot: emulator.apiRoot };
  const timers = createPostgresTimerStore({ pool: db.pool, schema: timerSchema });
  const registry = new Registry();
  const metrics = createDispatcherMetrics({ registry });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const state = createPostgresDispatcherState({ pool: db.pool, schema: dispatcherSchema });
  const running: Dispatcher[] = [];
  // The HTTP client `lexbot start` gives the dispatcher, so these tests go through it too.
  const http = createUndiciFetch();

  return {
    store,
    mailbox,
    timers,
    stub,
    emulator,
    nats,
    db,
    registry,
    metrics,
    dispatcher(overrides = {}) {
      const { throttle, inner, ...rest } = overrides;
      const dispatcher = createDispatcher({
        store,
        mailbox,
        state,
        timers,
        logger,
        metrics,
        telegram: createTelegramCaller({ ...bot, fetch: http.fetch, throttle: throttle ?? FAST_THROTTLE, ...(inner === undefined ? {} : { inner }) }),
        backoff: FAST_BACKOFF,
        batchSize: 50,
        ...rest,
      });
      running.push(dispatcher);
      return dispatcher;
    },
    async append(stream, ...events) {
      await store.append(stream, 'any', events);
    },
    async counter(name, labels = {}) {
      const metric = await registry.getSingleMetric(name)?.get();
      return (metric?.values ?? [])
        .filter((value) => Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted))
        .reduce((sum, value) => sum + value.value, 0);
    },
    async storedMessages() {
      const jsm = await jetstreamManager(nats.connection);
      const stream = natsNames(nats.prefix).mailboxStream;
      const { state: info } = await jsm.streams.info(stream);
      const messages: StoredMailboxMessage[] = [];
      for (let seq = info.first_seq; info.messages > 0 && seq <= info.last_seq; seq += 1) {
        const stored = await jsm.streams.getMessage(stream, { seq });
        if (stored === null) continue;
        const headers: Record<string, string> = {};
        for (const key of stored.header.keys()) headers[key] = stored.header.get(key);
        messages.push({
          id: headers['Nats-Msg-Id'] ?? '',
          partition: Number(stored.subject.split('.').pop()),
          userKey: headers[MAILBOX_HEADERS.userKey] ?? '',
          headers,
          payload: stored.json(),
          storedAt: stored.time.getTime(),
        });
      }
      return messages;
    },
    async caughtUp(dispatcher) {
      // Other test files keep transactions open; the log's head is only final once they ended.
      await settle(db.pool);
      const head = await store.headCheckpoint();
      await vi.waitFor(() => {
        expect(compareCheckpoints(dispatcher.status().committed, head)).toBe(0);
      }, WAIT);
    },
    async cleanup() {
      for (const dispatcher of running) await dispatcher.stop();
      await http.close();
      await stub.close();
      await emulator?.close();
      await mailbox.close();
      await nats.cleanup();
      await store.close();
      await db.pool.query(`drop schema if exists ${dispatcherSchema} cascade`);
      await db.pool.query(`drop schema if exists ${timerSchema} cascade`);
      await db.drop();
    },
  };
};
