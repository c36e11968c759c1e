// The fixed cost of partition ownership: one actors worker holding every partition's lease in NATS KV, nothing
// else running in the process. Prints KV puts and other NATS messages per second (census.ts) and the CPU ms per
// second the lease machinery costs, with the lease settings `lexbot start --roles actors` uses by default.
//
//   node dist/test/bench/pipeline/leaseCost.js [--partitions 64] [--seconds 30] [--lease-ms 7000]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createNatsPartitionLeases, leaseBucketName } from '../../../actors/partitions/natsLeases.js';
import { censusJson, installCensus, resetCensus } from './census.js';

const { values: flags } = parseArgs({
  options: {
    partitions: { type: 'string', default: '64' },
    seconds: { type: 'string', default: '30' },
    'lease-ms': { type: 'string', default: '7000' },
  },
});
const census = installCensus({ postgres: 5432, nats: 4222 });

const main = async (): Promise<void> => {
  const connection = await connect({ servers: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222' });
  const prefix = `t_lease_${randomUUID().slice(0, 8)}`;
  const partitions = Number(flags.partitions);
  const leases = createNatsPartitionLeases({ connection, prefix, partitions, workerId: 'bench', leaseMs: Number(flags['lease-ms']) });
  await leases.start();
  while (leases.owned().size < partitions) await new Promise((resolve) => setTimeout(resolve, 100));
  resetCensus(census);
  const cpu = process.cpuUsage();
  const seconds = Number(flags.seconds);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const used = process.cpuUsage(cpu);
  const puts = census.nats.get('KV put') ?? 0;
  const messages = [...census.nats.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${partitions} partitions owned for ${seconds} s: ${(puts / seconds).toFixed(1)} KV puts/s, ${(messages / seconds).toFixed(1)} NATS publishes/s, ` +
      `CPU ${((used.user + used.system) / 1000 / seconds).toFixed(2)} ms/s, still owned ${leases.owned().size}`,
  );
  console.log(censusJson(census));
  await leases.stop();
  await (await jetstreamManager(connection)).streams.delete(`KV_${leaseBucketName(prefix)}`).catch(() => undefined);
  await connection.close();
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
