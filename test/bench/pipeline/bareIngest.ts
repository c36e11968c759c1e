// The machine's bare ingest ceiling: a fastify route that parses an update and awaits its JetStream publish (own
// stream, same storage and dedup as the mailbox, partition subject and Nats-Msg-Id as the gateway computes them) —
// nothing else. No schema, no secret check, no metrics, no tracing: the floor under any webhook that keeps
// guarantee 1 (200 only after JetStream acknowledged).
import { DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { connect, headers, nanos } from '@nats-io/transport-node';
import Fastify from 'fastify';

export interface BareIngest {
  readonly url: string;
  stop(): Promise<void>;
}

export const startBareIngest = async (options: { readonly natsUrl: string; readonly prefix: string; readonly partitions: number }): Promise<BareIngest> => {
  const connection = await connect({ servers: options.natsUrl });
  const jsm = await jetstreamManager(connection);
  const stream = `${options.prefix}_bare`;
  await jsm.streams.add({
    name: stream,
    subjects: [`${options.prefix}.bare.*`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(120_000),
    num_replicas: 1,
  });
  const js = jetstream(connection);
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.post<{ Body: { update_id?: unknown; message?: { from?: { id?: number } }; callback_query?: { from?: { id?: number } } } }>('/webhook/telegram', async (request, reply) => {
    const update = request.body;
    if (typeof update.update_id !== 'number') return reply.code(400).send({ ok: false });
    const user = update.message?.from?.id ?? update.callback_query?.from?.id ?? 0;
    const msgHeaders = headers();
    msgHeaders.set('Nats-Msg-Id', `tg:${update.update_id}`);
    await js.publish(`${options.prefix}.bare.${user % options.partitions}`, JSON.stringify(update), { headers: msgHeaders });
    return { ok: true };
  });
  // Only the CPU counter, in the format the benchmark reads from the pipeline's /metrics (CPU per update).
  app.get('/metrics', async (_request, reply) => {
    const { user, system } = process.cpuUsage();
    return reply.type('text/plain').send(`process_cpu_seconds_total ${(user + system) / 1e6}\n`);
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    async stop() {
      await app.close();
      await jsm.streams.delete(stream).catch(() => undefined);
      await connection.close();
    },
  };
};
