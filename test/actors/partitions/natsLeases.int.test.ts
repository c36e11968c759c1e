import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { createNatsPartitionLeases, leaseBucketName } from '../../../actors/partitions/natsLeases.js';
import { createOwnAllPartitions } from '../../../actors/partitions/ownAll.js';

const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const PARTITIONS = 12;

const until = async (condition: () => boolean, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('NATS KV partition leases', () => {
  const prefix = `t_${randomUUID().slice(0, 8)}`;
  const connections: NatsConnection[] = [];
  const open = async () => {
    const connection = await connect({ servers: NATS_URL });
    connections.push(connection);
    return connection;
  };
  const worker = async (id: string) => {
    const connection = await open();
    return Object.assign(createNatsPartitionLeases({ connection, prefix, partitions: PARTITIONS, workerId: id, leaseMs: 1500, tickMs: 250 }), { connection });
  };

  afterEach(async () => {
    const admin = await open();
    await (await jetstreamManager(admin)).streams.delete(`KV_${leaseBucketName(prefix)}`).catch(() => undefined);
    await Promise.all(connections.splice(0).map((connection) => connection.close().catch(() => undefined)));
  });

  it('splits the partitions between workers, each owned once, and rebalances when one dies', async () => {
    const workers = await Promise.all(['w1', 'w2', 'w3'].map(worker));
    await Promise.all(workers.map((w) => w.start()));
    const sizes = () => workers.map((w) => w.owned().size);
    await until(() => sizes().every((size) => size === PARTITIONS / 3));
    const all = workers.flatMap((w) => [...w.owned()]);
    expect(new Set(all).size).toBe(PARTITIONS);

    // Kill w3's connection: it can no longer renew, so its leases expire and the others take them.
    const [w1, w2, w3] = workers as [typeof workers[0], typeof workers[0], typeof workers[0]];
    const orphaned = [...w3.owned()];
    await w3.connection.close();
    await until(() => w1.owned().size + w2.owned().size === PARTITIONS);
    const survivors = new Set([...w1.owned(), ...w2.owned()]);
    for (const partition of orphaned) expect(survivors.has(partition)).toBe(true);
    expect([...w1.owned()].filter((p) => w2.owned().has(p))).toEqual([]);
    await Promise.all([w1.stop(), w2.stop()]);
  });

  it('hands partitions over at once when a worker stops gracefully', async () => {
    const a = await worker('a');
    const b = await worker('b');
    await a.start();
    await until(() => a.owned().size === PARTITIONS);
    await b.start();
    await until(() => a.owned().size === PARTITIONS / 2 && b.owned().size === PARTITIONS / 2);
    const lost: number[] = [];
    a.onChange((change) => lost.push(...change.lost));
    await a.stop();
    expect(lost).toHaveLength(PARTITIONS / 2);
    await b.tick();
    await until(() => b.owned().size === PARTITIONS);
    await b.stop();
  });

  it('renews its leases every renewMs, all in one round, not on every tick', async () => {
    const connection = await open();
    let clock = 1_000_000;
    // No interval of its own worth speaking of (an hour): the test ticks it by hand with its own clock.
    const leases = createNatsPartitionLeases({ connection, prefix, partitions: PARTITIONS, workerId: 'paced', leaseMs: 60_000, tickMs: 3_600_000, renewMs: 20_000, now: () => clock });
    await leases.start();
    await until(() => leases.owned().size === PARTITIONS);
    const kv = await new Kvm(connection).open(leaseBucketName(prefix));
    const revisions = async (): Promise<number[]> =>
      Promise.all(Array.from({ length: PARTITIONS }, async (_, partition) => (await kv.get(`partition.${partition}`))!.revision));
    // start() created the leases in its first tick; renewals start one renewMs after that tick's round.
    const created = await revisions();
    clock += 19_999;
    await leases.tick();
    expect(await revisions()).toEqual(created);
    clock += 1;
    await leases.tick();
    const renewed = await revisions();
    renewed.forEach((revision, partition) => expect(revision).toBeGreaterThan(created[partition]!));
    expect(leases.owned().size).toBe(PARTITIONS);
    clock += 5_000;
    await leases.tick();
    expect(await revisions()).toEqual(renewed);
    await leases.stop();
  });

  it('leaves no consumer behind on the lease bucket, however many ticks list its keys', async () => {
    const [a, b] = await Promise.all(['w1', 'w2'].map(worker));
    await a!.start();
    await b!.start();
    for (let round = 0; round < 10; round += 1) await Promise.all([a!.tick(), b!.tick()]);
    const info = await (await jetstreamManager(a!.connection)).streams.info(`KV_${leaseBucketName(prefix)}`);
    expect(info.state.consumer_count).toBe(0);
    expect(a!.owned().size + b!.owned().size).toBe(PARTITIONS);
    await Promise.all([a!.stop(), b!.stop()]);
  });
});

describe('single-node ownership', () => {
  it('owns every partition between start and stop', async () => {
    const ownership = createOwnAllPartitions(4);
    const changes: unknown[] = [];
    ownership.onChange((change) => changes.push(change));
    expect(ownership.owned().size).toBe(0);
    await ownership.start();
    expect([...ownership.owned()]).toEqual([0, 1, 2, 3]);
    await ownership.stop();
    expect(changes).toEqual([{ gained: [0, 1, 2, 3], lost: [] }, { gained: [], lost: [0, 1, 2, 3] }]);
  });
});
