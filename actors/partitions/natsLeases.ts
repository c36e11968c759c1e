// Partition leases in a NATS KV bucket (works on NATS 2.9). Every worker renews a membership key and its
// partition keys every `renewMs`; keys expire after `leaseMs` without renewal, so a dead worker's partitions are
// free within leaseMs and taken by the survivors on their next tick (every `tickMs`: takeover within leaseMs +
// tickMs). Each worker aims at ceil(P / live workers) partitions and releases extras, so load rebalances when
// workers join or leave.
//
// Renewals are the fixed cost of the actors role (one KV put per owned partition per round, each stored by
// JetStream): they go out together, without waiting for each other's acks, and only on the first tick after
// renewMs (a third of the lease by default), not on every tick. At the defaults (7 s lease, 1.4 s ticks) that is
// every 2.8 s: 64 partitions cost ~23 puts/s instead of ~46, takeover time unchanged; a lease now survives one
// failed round, or a round up to 4.2 s late (renewing every tick: three, or 5.6 s).
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { OwnershipChange, PartitionOwnership } from './types.js';

export interface NatsLeaseOptions {
  readonly connection: NatsConnection;
  /** Namespace of every NATS name (NATS_PREFIX). */
  readonly prefix: string;
  readonly partitions: number;
  readonly workerId: string;
  /** A lease not renewed for this long expires; takeover happens within leaseMs + tickMs. */
  readonly leaseMs?: number;
  readonly tickMs?: number;
  /** How often owned leases (and the membership key) are renewed; default leaseMs / 3, at most leaseMs / 2. */
  readonly renewMs?: number;
  /** The clock that paces renewals (tests move it); default Date.now. */
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

const partitionKey = (partition: number): string => `partition.${partition}`;
const workerKey = (workerId: string): string => `worker.${workerId}`;

export const leaseBucketName = (prefix: string): string => `${prefix}_leases`;

/** A stable per-worker rotation of the partitions, so workers starting together try different ones first. */
const rotation = (workerId: string, partitions: number): number[] => {
  let hash = 2166136261;
  for (const char of workerId) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  const offset = hash % partitions;
  return Array.from({ length: partitions }, (_, index) => (index + offset) % partitions);
};

export const createNatsPartitionLeases = (options: NatsLeaseOptions): PartitionOwnership & { tick(): Promise<void> } => {
  const { partitions, workerId } = options;
  if (!/^[A-Za-z0-9_=-]+$/.test(workerId)) throw new TypeError(`worker id ${JSON.stringify(workerId)}: use A–Z a–z 0–9 _ = -`);
  const leaseMs = options.leaseMs ?? 7000;
  const tickMs = options.tickMs ?? Math.max(200, Math.floor(leaseMs / 5));
  const renewMs = Math.min(options.renewMs ?? Math.floor(leaseMs / 3), Math.floor(leaseMs / 2));
  const now = options.now ?? Date.now;
  let renewedAt = Number.NEGATIVE_INFINITY;
  const owned = new Map<number, number>(); // partition → revision of our lease
  const listeners = new Set<(change: OwnershipChange) => void>();
  const order = rotation(workerId, partitions);
  let kv: KV | undefined;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> = Promise.resolve();
  let running = false;

  const emit = (change: OwnershipChange): void => {
    if (change.gained.length > 0 || change.lost.length > 0) listeners.forEach((listener) => listener(change));
  };

  // The live keys under `filter`, read through a consumer deleted right after: KV's keys() leaves its consumer on the
  // server until the inactivity threshold (5 min), and listing every tick piled up ~200 of them per worker.
  const js = jetstream(options.connection);
  const bucketName = leaseBucketName(options.prefix);
  const keyPrefix = `$KV.${bucketName}.`;
  const listKeys = async (filter: string): Promise<string[]> => {
    const consumer = await js.consumers.get(`KV_${bucketName}`, { filter_subjects: keyPrefix + filter, deliver_policy: DeliverPolicy.LastPerSubject, headers_only: true });
    const keys: string[] = [];
    try {
      const { num_pending: pending } = await consumer.info();
      if (pending === 0) return keys;
      // A short wait: keys that expire between the count and the fetch would otherwise hold the tick (and renewals).
      for await (const message of await consumer.fetch({ max_messages: pending, expires: 1_000 })) {
        const operation = message.headers?.get('KV-Operation');
        if (operation !== 'DEL' && operation !== 'PURGE') keys.push(message.subject.slice(keyPrefix.length));
        if (message.info.pending === 0) break;
      }
      return keys;
    } finally {
      await consumer.delete().catch(() => undefined);
    }
  };

  const tickOnce = async (): Promise<void> => {
    if (!kv || !running) return;
    const bucket = kv;
    const gained: number[] = [];
    const lost: number[] = [];
    if (now() - renewedAt >= renewMs) {
      renewedAt = now();
      const renewing = [...owned];
      const [membership, ...renewals] = await Promise.allSettled([
        bucket.put(workerKey(workerId), String(renewedAt)),
        ...renewing.map(([partition, revision]) => bucket.update(partitionKey(partition), workerId, revision)),
      ]);
      renewals.forEach((renewal, index) => {
        const [partition] = renewing[index]!;
        if (renewal.status === 'fulfilled') owned.set(partition, renewal.value);
        else {
          // Expired and taken by another worker (or deleted): it is theirs now.
          owned.delete(partition);
          lost.push(partition);
        }
      });
      if (membership?.status === 'rejected') {
        // NATS is unreachable: say so, and try the whole round again on the next tick.
        renewedAt = Number.NEGATIVE_INFINITY;
        emit({ gained: [], lost });
        throw membership.reason;
      }
    }

    const workers = Math.max(1, (await listKeys('worker.*')).length);
    const target = Math.ceil(partitions / workers);
    // Release extras so a newcomer gets its share without waiting for anything to expire.
    for (const partition of [...owned.keys()].sort((a, b) => b - a)) {
      if (owned.size <= target) break;
      const revision = owned.get(partition)!;
      owned.delete(partition);
      lost.push(partition);
      await bucket.delete(partitionKey(partition), { previousSeq: revision }).catch(() => undefined);
    }
    if (owned.size < target) {
      const taken = new Set(await listKeys('partition.*'));
      for (const partition of order) {
        if (owned.size >= target) break;
        if (owned.has(partition) || taken.has(partitionKey(partition))) continue;
        try {
          owned.set(partition, await bucket.create(partitionKey(partition), workerId));
          gained.push(partition);
        } catch {
          // Someone else created it between the listing and now.
        }
      }
    }
    emit({ gained, lost });
  };

  const tick = (): Promise<void> => {
    ticking = ticking.then(tickOnce).catch((error: unknown) => options.onError?.(error));
    return ticking;
  };

  return {
    owned: () => new Set(owned.keys()),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tick,
    async start() {
      kv = await new Kvm(options.connection).create(leaseBucketName(options.prefix), { history: 1, ttl: leaseMs });
      running = true;
      await tick();
      timer = setInterval(() => void tick(), tickMs);
    },
    async stop() {
      running = false;
      clearInterval(timer);
      await ticking;
      const bucket = kv;
      const released = [...owned.entries()];
      owned.clear();
      if (bucket) {
        await Promise.all(
          released.map(([partition, revision]) => bucket.delete(partitionKey(partition), { previousSeq: revision }).catch(() => undefined)),
        );
        await bucket.delete(workerKey(workerId)).catch(() => undefined);
      }
      emit({ gained: [], lost: released.map(([partition]) => partition) });
    },
  };
};
