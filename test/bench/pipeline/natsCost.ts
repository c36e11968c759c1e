// What the mailbox costs the NATS server and the actors process per message, on a server of its own (so nobody
// else's traffic counts): the server's CPU from /proc/<pid>/stat (utime + stime) before and after a fixed workload,
// the client's from process.cpuUsage. The workload drives the real code — createNatsMailbox's publish (the gateway's
// path, with its headers), one consume() per partition (as the actor worker does), the real partition leases.
//
//   nats-server -a 127.0.0.1 -p 4333 -js -sd /tmp/x &   # a private server
//   node dist/test/bench/pipeline/natsCost.js --server-pid <pid> --mode pipeline [--nats nats://127.0.0.1:4333]
//     [--messages 3000] [--rate 300] [--partitions 64] [--users 5000] [--ack-delay-ms 5] [--seconds 30] [--json]
//
// Modes: publish    publishes only (the gateway alone), client CPU is the publisher's;
//        pipeline   a child process publishes, this one consumes every partition, decodes and acks each message
//                   after --ack-delay-ms; client CPU is the consumer's (the actors' side), the publisher's is shown too;
//        consumers  64 idle consumers for --seconds (heartbeats, pull expiries); per second, not per message;
//        leases     the partition leases of one worker owning every partition, idle for --seconds; per second.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createNatsMailbox, decodeJson, encodeJson, MAILBOX_HEADERS, partitionOf, type Mailbox } from '../../../actors/mailbox/index.js';
import { createNatsPartitionLeases, leaseBucketName } from '../../../actors/partitions/natsLeases.js';

const { values: flags } = parseArgs({
  options: {
    help: { type: 'boolean', default: false },
    mode: { type: 'string', default: 'pipeline' },
    role: { type: 'string', default: 'main' },
    prefix: { type: 'string' },
    nats: { type: 'string', default: 'nats://127.0.0.1:4333' },
    'server-pid': { type: 'string' },
    messages: { type: 'string', default: '3000' },
    rate: { type: 'string', default: '300' },
    partitions: { type: 'string', default: '64' },
    users: { type: 'string', default: '5000' },
    'ack-delay-ms': { type: 'string', default: '5' },
    seconds: { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  console.log(
    'natsCost: server and client CPU per mailbox message on a private nats-server.\n' +
      '  --server-pid <pid>   the nats-server to read /proc/<pid>/stat of (required)\n' +
      '  --mode publish|pipeline|consumers|leases   (default pipeline)\n' +
      '  --nats <url> (nats://127.0.0.1:4333)  --messages 3000  --rate 300 (per s)  --partitions 64  --users 5000\n' +
      '  --ack-delay-ms 5  --seconds 30 (consumers, leases)  --json (one line of figures)',
  );
  process.exit(0);
}

const partitions = Number(flags.partitions);
const clockTicks = 100; // USER_HZ on Linux
const serverCpuUs = (pid: string): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / clockTicks; // utime, stime (fields 14, 15)
};
const cpuUs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Publishes like the gateway's ingest: dedup id tg:<n>, user key header, trace and correlation headers. */
const publishAll = async (mailbox: Mailbox, count: number, rate: number, runId: string): Promise<void> => {
  const users = Number(flags.users);
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let index = 0; index < count; index += 1) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const user = 100_000 + ((index * 7919) % users);
    const id = `tg:${runId}:${index}`;
    const update = { update_id: index, message: { message_id: index, from: { id: user, language_code: 'en' }, chat: { id: user, type: 'private' }, date: 1_764_000_000, text: `hello ${index}` } };
    pending.push(
      mailbox.publish(partitionOf(String(user), mailbox.partitions), {
        id,
        userKey: `user:${user}`,
        payload: encodeJson(update),
        headers: { traceparent: `00-${randomUUID().replace(/-/g, '')}-${randomUUID().slice(0, 18).replace(/-/g, '')}-01`, [MAILBOX_HEADERS.correlationId]: id, 'Lexbot-Update-Type': 'message' },
      }),
    );
  }
  await Promise.all(pending);
};

const openMailbox = async (nc: NatsConnection, prefix: string): Promise<Mailbox> => createNatsMailbox({ connection: nc, prefix, partitions });

const cleanup = async (nc: NatsConnection, prefix: string): Promise<void> => {
  const jsm = await jetstreamManager(nc);
  for (const stream of [`${prefix}_mailbox`, `${prefix}_dlq`, `KV_${leaseBucketName(prefix)}`]) await jsm.streams.delete(stream).catch(() => undefined);
};

const publisherChild = async (): Promise<void> => {
  const nc = await connect({ servers: flags.nats });
  const mailbox = await openMailbox(nc, flags.prefix!);
  process.send!({ ready: true });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const cpu = process.cpuUsage();
  await publishAll(mailbox, Number(flags.messages), Number(flags.rate), flags.prefix!);
  process.send!({ cpuUs: cpuUs(cpu) });
  await mailbox.close();
  await nc.drain();
};

const report = (figures: Record<string, number | string>): void => {
  if (flags.json) console.log(JSON.stringify(figures));
  else console.log(Object.entries(figures).map(([key, value]) => `${key}=${typeof value === 'number' ? value.toFixed(1) : value}`).join(' '));
};

const main = async (): Promise<void> => {
  const pid = flags['server-pid'];
  if (pid === undefined) throw new Error('--server-pid is required (see --help)');
  const nc = await connect({ servers: flags.nats });
  const prefix = `natscost_${randomUUID().slice(0, 8)}`;
  const messages = Number(flags.messages);
  const seconds = Number(flags.seconds);
  try {
    if (flags.mode === 'publish') {
      const mailbox = await openMailbox(nc, prefix);
      await sleep(500);
      const server = serverCpuUs(pid);
      const cpu = process.cpuUsage();
      await publishAll(mailbox, messages, Number(flags.rate), prefix);
      report({ mode: 'publish', serverUsPerMsg: (serverCpuUs(pid) - server) / messages, clientUsPerMsg: cpuUs(cpu) / messages });
    } else if (flags.mode === 'pipeline') {
      const mailbox = await openMailbox(nc, prefix);
      const subscriptions = await Promise.all(Array.from({ length: partitions }, (_, partition) => mailbox.consume([partition])));
      const ackDelay = Number(flags['ack-delay-ms']);
      let acked = 0;
      let done: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => (done = resolve));
      for (const subscription of subscriptions) {
        void (async () => {
          for await (const delivery of subscription) {
            decodeJson(delivery.payload);
            setTimeout(() => {
              void delivery.ack().then(() => {
                acked += 1;
                if (acked === messages) done();
              });
            }, ackDelay);
          }
        })();
      }
      const child = fork(process.argv[1]!, ['--role', 'publisher', '--prefix', prefix, '--nats', flags.nats!, '--messages', String(messages), '--rate', flags.rate!, '--users', flags.users!, '--partitions', String(partitions)]);
      await new Promise<void>((resolve) => child.once('message', () => resolve()));
      await sleep(500);
      const server = serverCpuUs(pid);
      const cpu = process.cpuUsage();
      const publisherCpu = new Promise<number>((resolve) => child.once('message', (message: { cpuUs: number }) => resolve(message.cpuUs)));
      child.send({ go: true });
      await finished;
      await nc.flush();
      await sleep(300); // the last acks reach the server
      const client = cpuUs(cpu);
      const serverUs = serverCpuUs(pid) - server;
      report({ mode: 'pipeline', serverUsPerMsg: serverUs / messages, clientUsPerMsg: client / messages, publisherUsPerMsg: (await publisherCpu) / messages });
      await mailbox.close();
    } else if (flags.mode === 'consumers') {
      const mailbox = await openMailbox(nc, prefix);
      await Promise.all(Array.from({ length: partitions }, (_, partition) => mailbox.consume([partition])));
      await sleep(1000);
      const server = serverCpuUs(pid);
      const cpu = process.cpuUsage();
      await sleep(seconds * 1000);
      report({ mode: 'consumers', serverUsPerSecond: (serverCpuUs(pid) - server) / seconds, clientUsPerSecond: cpuUs(cpu) / seconds });
      await mailbox.close();
    } else if (flags.mode === 'leases') {
      const leases = createNatsPartitionLeases({ connection: nc, prefix, partitions, workerId: 'natscost' });
      await leases.start();
      while (leases.owned().size < partitions) await sleep(100);
      const server = serverCpuUs(pid);
      const cpu = process.cpuUsage();
      await sleep(seconds * 1000);
      report({ mode: 'leases', serverUsPerSecond: (serverCpuUs(pid) - server) / seconds, clientUsPerSecond: cpuUs(cpu) / seconds, owned: leases.owned().size });
      await leases.stop();
    } else throw new Error(`unknown --mode ${flags.mode}`);
  } finally {
    await cleanup(nc, prefix);
    await nc.close();
  }
};

(flags.role === 'publisher' ? publisherChild() : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
