// What became of the updates a level left without a reply (BENCH_TRACE_UNANSWERED=1): run at the end of a target,
// while its database and NATS streams still exist, it prints per update the generator's times, every Bot API call the
// emulator recorded for its chat (or its callback query) since it was sent, the events its actor appended (by
// causation id), the dispatcher's write-ahead record of those calls and whether its checkpoint has passed them; and
// per partition involved, the mailbox consumer's state (unacked, redelivered, pending) and the dead letters.
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { partitionOf } from '../../../actors/mailbox/partitionOf.js';
import { natsNames } from '../../../actors/mailbox/nats/names.js';
import type { Workload } from './workload.js';

/**
 * Seen as a plain subscriber: the pull requests of the mailbox's consumers (JetStream's MSG.NEXT requests), by
 * consumer, and the writes to the partition leases (`$KV.<bucket>.partition.<n>`: renewals, creations, deletes), by key.
 */
export interface PullWatch {
  pullsOf(consumer: string): readonly { readonly at: number; readonly request: string }[];
  leaseWritesOf(partition: number): readonly { readonly at: number; readonly operation: string }[];
  stop(): void;
}

export const watchPulls = (nats: NatsConnection, prefix: string): PullWatch => {
  const pulls = new Map<string, { at: number; request: string }[]>();
  const leases = new Map<string, { at: number; operation: string }[]>();
  const append = <T>(map: Map<string, T[]>, key: string, item: T): void => {
    const seen = map.get(key) ?? [];
    seen.push(item);
    map.set(key, seen);
  };
  const subscriptions = [
    nats.subscribe(`$JS.API.CONSUMER.MSG.NEXT.${natsNames(prefix).mailboxStream}.*`, {
      callback: (error, message) => {
        if (error === null) append(pulls, message.subject.slice(message.subject.lastIndexOf('.') + 1), { at: Date.now(), request: message.string() });
      },
    }),
    nats.subscribe(`$KV.${prefix}_leases.partition.*`, {
      callback: (error, message) => {
        const operation = message.headers?.get('KV-Operation') || 'PUT';
        if (error === null) append(leases, message.subject.slice(message.subject.lastIndexOf('.') + 1), { at: Date.now(), operation: `${operation} ${message.string()}` });
      },
    }),
  ];
  return {
    pullsOf: (consumer) => pulls.get(consumer) ?? [],
    leaseWritesOf: (partition) => leases.get(String(partition)) ?? [],
    stop: () => subscriptions.forEach((subscription) => subscription.unsubscribe()),
  };
};

export interface TraceInput {
  readonly pulls?: PullWatch;
  readonly updateIds: readonly number[];
  readonly workload: Workload;
  readonly databaseUrl: string;
  readonly nats: NatsConnection;
  readonly prefix: string;
  readonly partitions: number;
}

const ms = (value: number | undefined, from: number): string => (value === undefined ? '–' : `${(value - from).toFixed(1)}`);

export const traceUnanswered = async ({ updateIds, workload, databaseUrl, nats, prefix, partitions, pulls }: TraceInput): Promise<string[]> => {
  const lines: string[] = [];
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows: checkpoints } = await client.query<{ commit_position: string; log_position: string; updated_at: Date }>(
      'select commit_position::text, log_position::text, updated_at from dispatcher.checkpoints',
    );
    lines.push(`dispatcher checkpoint: ${JSON.stringify(checkpoints)}`);
    const involved = new Set<number>();
    for (const updateId of updateIds) {
      const shot = workload.shot(updateId);
      if (shot === undefined) continue;
      const t0 = shot.scheduledAt;
      const body = JSON.parse(shot.body) as { callback_query?: { id: string } };
      const callbackId = body.callback_query?.id;
      const calls = [...workload.callsFor(String(shot.userId)), ...(callbackId === undefined ? [] : workload.callsFor(callbackId))]
        .filter(([, , at]) => at >= t0 - 10_000)
        .sort((a, b) => a[2] - b[2]);
      lines.push(
        `update ${updateId} (user ${shot.userId}, ${shot.kind}${callbackId === undefined ? '' : ` ${callbackId}`}): sent +${ms(shot.sentAt, t0)} ms, ` +
          `acked +${ms(shot.ackedAt, t0)} ms (status ${String(shot.status)}), replied ${shot.repliedAt === undefined ? 'never' : `+${ms(shot.repliedAt, t0)} ms (late)`}; ` +
          `calls for its chat/query from 10 s before: ${calls.map(([method, key, at, ok]) => `${method}(${key}) +${(at - t0).toFixed(1)} ms${ok ? '' : ' not ok'}`).join(', ') || 'none'}`,
      );
      const { rows: events } = await client.query<{ stream_version: number; event_type: string; event_id: string; tx: string; recorded_at: Date; causation: string; method: string | null }>(
        `select stream_version, event_type, event_id::text, transaction_id::text as tx, recorded_at, metadata->>'causationId' as causation, data->>'method' as method
           from eventstore.events where stream_name = $1 order by stream_version`,
        [`user-${shot.userId}`],
      );
      const own = events.filter((event) => event.causation === `tg:${updateId}`);
      lines.push(
        `  stream user-${shot.userId}: ${events.length} events; caused by tg:${updateId}: ${own.length === 0 ? 'none' : own.map((event) => `v${event.stream_version} ${event.event_type}${event.method === null ? '' : `(${event.method})`} tx ${event.tx} at ${event.recorded_at.toISOString()}`).join(', ')}`,
      );
      const around = events.filter((event) => own.length === 0 || Math.abs(event.stream_version - own[0]!.stream_version) <= 4);
      lines.push(`  around: ${around.slice(-12).map((event) => `v${event.stream_version} ${event.event_type}${event.method === null ? '' : `(${event.method})`} by ${event.causation}`).join(', ')}`);
      const callIds = own.filter((event) => event.event_type === 'OutboxTelegramCallQueued').map((event) => event.event_id);
      if (callIds.length > 0) {
        const { rows: attempts } = await client.query('select event_id, attempts, started_at, done_at, outcome from dispatcher.dispatch_attempts where event_id = any($1)', [callIds]);
        lines.push(`  dispatch attempts of its calls: ${JSON.stringify(attempts)}`);
      }
      involved.add(partitionOf(shot.userId, partitions));
    }
    const names = natsNames(prefix);
    const jsm = await jetstreamManager(nats);
    for (const partition of involved) {
      const info = await jsm.consumers.info(names.mailboxStream, names.consumer(partition));
      lines.push(
        `partition ${partition}: delivered ${info.delivered.stream_seq} (last at ${info.delivered.last_active ?? '–'}), ack floor ${info.ack_floor.stream_seq}, unacked ${info.num_ack_pending}, ` +
          `redelivered ${info.num_redelivered}, pending ${info.num_pending}, pull requests waiting ${info.num_waiting}` +
          // The consumer's client asks for nothing while messages wait: a pull request the server dropped without its
          // 408 (nats-server < 2.9.15), which consume() notices only after two missed heartbeats (FINDINGS, 27 Nov).
          `${info.num_pending > 0 && info.num_waiting === 0 ? ' — STALLED: messages wait and no pull request is open' : ''}`,
      );
      const requests = pulls?.pullsOf(names.consumer(partition)) ?? [];
      if (pulls !== undefined) {
        lines.push(`  its last pull requests: ${requests.slice(-8).map((pull) => `${new Date(pull.at).toISOString()} ${pull.request}`).join(' | ') || 'none'}`);
        lines.push(`  its lease's last writes: ${pulls.leaseWritesOf(partition).slice(-8).map((write) => `${new Date(write.at).toISOString()} ${write.operation}`).join(' | ') || 'none'}`);
      }
    }
    const dlq = await jsm.streams.info(names.dlqStream).catch(() => undefined);
    lines.push(`dead letters: ${dlq === undefined ? 'no stream' : dlq.state.messages}`);
  } finally {
    await client.end();
  }
  return lines;
};
