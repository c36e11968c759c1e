// What the chaos tests share: realistic load for the webhook (many users, distinct update ids), bounded waits, and
// the audit that reads the event store's global log: every accepted update applied exactly once (its events carry
// causation `tg:<update_id>` and were committed in one append) and answered (an outbox sendMessage, and a matching
// call at the Bot API emulator, re-sends allowed only as far as the dispatcher's metric counts them).
import { jetstreamManager } from '@nats-io/jetstream';
import { expect } from 'vitest';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { createEncryptedEventStore } from '../../actors/eventStore/encrypted/index.js';
import { createPostgresEventStore } from '../../actors/eventStore/postgres/index.js';
import { createPostgresKeyStore } from '../../actors/keys/index.js';
import { START, type RecordedEvent } from '../../actors/eventStore/types.js';
import { natsNames } from '../../actors/mailbox/index.js';
import { leaseBucketName } from '../../actors/partitions/natsLeases.js';
import { textMessageUpdate, type EmulatorCall } from '../../gateway/telegramEmulator/index.js';

export const SECRET = 'chaos-webhook-secret';

export interface Update {
  readonly update_id: number;
  readonly [key: string]: unknown;
}

/** `users` users, each sending /start then `/help` (rounds − 1) times; round by round so a user's order holds. */
export const updatesFor = (users: readonly { id: number; first_name: string }[], rounds: number, firstUpdateId: number): Update[] => {
  const updates: Update[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const user of users) {
      updates.push({ update_id: firstUpdateId + updates.length, ...textMessageUpdate({ ...user, language_code: 'en' }, round === 0 ? '/start' : '/help') });
    }
  }
  return updates;
};

export const postWebhook = async (url: string, body: string, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }): Promise<number> => {
  try {
    const response = await fetch(`${url}/webhook/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    await response.arrayBuffer();
    return response.status;
  } catch {
    // The connection itself failed: Telegram would retry, as after any non-2xx answer.
    return 0;
  }
};

/** Runs `work` over `items` with at most `concurrency` at once. */
export const eachLimited = async <T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        await work(items[index]!, index);
      }
    }),
  );
};

/** Polls `probe` until it returns a value other than undefined; fails with `describe()` after `timeoutMs`. */
export const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs: number, describe: () => string | Promise<string>): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms: ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

export interface Audit {
  /** Update ids with at least one event. */
  readonly applied: ReadonlySet<number>;
  /** Update ids whose events were committed by more than one append (applied twice). */
  readonly appliedTwice: readonly number[];
  /** Update ids with no outbox sendMessage among their events. */
  readonly unanswered: readonly number[];
  /** (chat, text) of every outbox sendMessage. */
  readonly outboxMessages: readonly string[];
}

const keyOf = (chatId: unknown, text: unknown): string => `${String(chatId)}|${String(text)}`;

export const auditEventStore = async (databaseUrl: string, updateIds: Iterable<number>): Promise<Audit> => {
  const inner = createPostgresEventStore({ connectionString: databaseUrl, listen: false, notify: false, poolSize: 2 });
  // Bot API payloads are sealed at rest (Guarantee 7): read them as the dispatcher does, through the wrapper.
  const keyPool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const store = createEncryptedEventStore({ store: inner, keys: createPostgresKeyStore({ pool: keyPool }) });
  const byCause = new Map<string, RecordedEvent[]>();
  try {
    let after = START;
    for (;;) {
      const page = await store.readAll(after, 1000);
      for (const event of page.events) {
        const cause = event.metadata.causationId;
        if (typeof cause !== 'string' || !cause.startsWith('tg:')) continue;
        byCause.set(cause, [...(byCause.get(cause) ?? []), event]);
      }
      if (page.events.length === 0) break;
      after = page.checkpoint;
    }
  } finally {
    await store.close();
    await keyPool.end();
  }
  const applied = new Set<number>();
  const appliedTwice: number[] = [];
  const unanswered: number[] = [];
  const outboxMessages: string[] = [];
  for (const id of updateIds) {
    const events = byCause.get(`tg:${id}`) ?? [];
    if (events.length === 0) continue;
    applied.add(id);
    const appends = new Set(events.map((event) => `${event.streamName}@${event.checkpoint.commit}`));
    if (appends.size !== 1) appliedTwice.push(id);
    const sends = events.filter((event) => event.type === 'OutboxTelegramCallQueued' && (event.data as { method?: string }).method === 'sendMessage');
    if (sends.length === 0) unanswered.push(id);
    for (const send of sends) {
      const payload = (send.data as { payload: { chat_id?: unknown; text?: unknown } }).payload;
      outboxMessages.push(keyOf(payload.chat_id, payload.text));
    }
  }
  return { applied, appliedTwice, unanswered, outboxMessages };
};

/**
 * Outbox messages never sent, and how many calls went beyond one per outbox message (re-sends). Compared as a
 * multiset of (chat, text): the emulator sees no event ids.
 */
export const compareWithEmulator = (outboxMessages: readonly string[], calls: readonly EmulatorCall[]): { missing: number; extra: number } => {
  const sent = new Map<string, number>();
  for (const call of calls) {
    if (call.method !== 'sendMessage' || !call.response.ok) continue;
    const key = keyOf(call.params.chat_id, call.params.text);
    sent.set(key, (sent.get(key) ?? 0) + 1);
  }
  let missing = 0;
  for (const key of outboxMessages) {
    const left = sent.get(key) ?? 0;
    if (left === 0) missing += 1;
    else sent.set(key, left - 1);
  }
  const extra = [...sent.values()].reduce((sum, n) => sum + n, 0);
  return { missing, extra };
};

/** The value of a counter without labels in a Prometheus text exposition (0 when absent). */
export const counterValue = async (url: string, name: string): Promise<number> => {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.slice(name.length + 1));
};

export const ownedPartitions = async (url: string): Promise<number> => {
  const body = (await (await fetch(`${url}/ready`)).json()) as { checks?: { partitions?: { detail?: string } } };
  const match = /^(\d+) of \d+ owned$/.exec(body.checks?.partitions?.detail ?? '');
  return match === null ? -1 : Number(match[1]);
};

export interface MailboxBacklog {
  /** Stored, not yet delivered. */
  readonly pending: number;
  /** Delivered, not yet acknowledged (e.g. held by a worker that died: redelivered after the ack wait). */
  readonly ackPending: number;
  /** Messages delivered more than once so far. */
  readonly redelivered: number;
}

/**
 * The backlog of every partition's durable consumer. An update committed by a worker that died before acking is
 * already in the event store, so the audit sees it applied; only once the backlog is empty has its redelivery
 * happened too, and a second audit can tell whether it was applied again.
 */
export const mailboxBacklog = async (connection: NatsConnection, prefix: string, partitions: number): Promise<MailboxBacklog> => {
  const names = natsNames(prefix);
  const jsm = await jetstreamManager(connection);
  const backlog = { pending: 0, ackPending: 0, redelivered: 0 };
  for (let partition = 0; partition < partitions; partition += 1) {
    const info = await jsm.consumers.info(names.mailboxStream, names.consumer(partition));
    backlog.pending += info.num_pending;
    backlog.ackPending += info.num_ack_pending;
    backlog.redelivered += info.num_redelivered;
  }
  return backlog;
};

/** Partitions whose lease a worker process holds (its lease value, the worker id, carries its pid). */
export const partitionsLeasedBy = async (connection: NatsConnection, prefix: string, pid: number): Promise<number[]> => {
  const bucket = await new Kvm(connection).open(leaseBucketName(prefix));
  const held: number[] = [];
  for await (const key of await bucket.keys('partition.*')) {
    const entry = await bucket.get(key);
    if (entry !== null && entry.operation === 'PUT' && entry.string().includes(`-${pid}-`)) held.push(Number(key.slice('partition.'.length)));
  }
  return held.sort((a, b) => a - b);
};

/** Delivered-but-unacknowledged messages on the given partitions' consumers. */
export const ackPendingOn = async (connection: NatsConnection, prefix: string, partitions: readonly number[]): Promise<number> => {
  const names = natsNames(prefix);
  const jsm = await jetstreamManager(connection);
  const counts = await Promise.all(partitions.map(async (partition) => (await jsm.consumers.info(names.mailboxStream, names.consumer(partition))).num_ack_pending));
  return counts.reduce((sum, n) => sum + n, 0);
};

export interface ExactlyOnceCheck {
  readonly databaseUrl: string;
  readonly updateIds: readonly number[];
  readonly nats: { readonly connection: NatsConnection; readonly prefix: string };
  readonly partitions: number;
  readonly emulatorCalls: () => readonly EmulatorCall[];
  /** Where the dispatcher's metrics are served (its re-sends explain extra replies). */
  readonly dispatcherUrl: string;
  /** Bound on waiting for every update to be applied (above JetStream's 30 s ack wait when a worker died). */
  readonly appliedWithinMs: number;
}

/**
 * The guarantees every chaos run ends on: each accepted update applied in exactly one append (also after every
 * redelivery has happened), each one answered, and every queued reply at the Bot API, with extra sends no more than
 * the dispatcher's re-send metric explains.
 */
export const expectAppliedOnceAndAnswered = async (check: ExactlyOnceCheck): Promise<void> => {
  const ids = check.updateIds;
  const audit = await eventually(
    async () => {
      const result = await auditEventStore(check.databaseUrl, ids);
      return result.applied.size === ids.length ? result : undefined;
    },
    check.appliedWithinMs,
    async () => `${(await auditEventStore(check.databaseUrl, ids)).applied.size} of ${ids.length} updates applied`,
  );
  expect(audit.appliedTwice).toEqual([]);
  expect(audit.unanswered).toEqual([]);
  // Whatever was delivered but never acknowledged comes back after the ack wait (30 s); once nothing is left
  // pending, every redelivery has happened, and none of them may have applied an update a second time.
  await eventually(
    async () => {
      const current = await mailboxBacklog(check.nats.connection, check.nats.prefix, check.partitions);
      return current.pending === 0 && current.ackPending === 0 ? current : undefined;
    },
    60_000,
    async () => JSON.stringify(await mailboxBacklog(check.nats.connection, check.nats.prefix, check.partitions)),
  );
  const final = await auditEventStore(check.databaseUrl, ids);
  expect(final.appliedTwice).toEqual([]);
  expect(final.applied.size).toBe(ids.length);
  // Every queued reply reaches the Bot API (the dispatcher sends within Telegram's limits, so this takes a while).
  const delivery = await eventually(
    async () => {
      const compared = compareWithEmulator(audit.outboxMessages, check.emulatorCalls());
      return compared.missing === 0 ? compared : undefined;
    },
    60_000,
    () => `${compareWithEmulator(audit.outboxMessages, check.emulatorCalls()).missing} of ${audit.outboxMessages.length} replies not sent`,
  );
  expect(delivery.extra).toBeLessThanOrEqual(await counterValue(check.dispatcherUrl, 'lexbot_dispatch_resends_total'));
};
