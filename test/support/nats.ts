// Each test gets its own NATS_PREFIX, so its streams, consumers and buckets are unique; cleanup() deletes them.
import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';

export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

export interface TestNats {
  readonly prefix: string;
  readonly connection: NatsConnection;
  cleanup(): Promise<void>;
}

export const createTestNats = async (): Promise<TestNats> => {
  const prefix = `t_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const connection = await connect({ servers: TEST_NATS_URL });
  return {
    prefix,
    connection,
    async cleanup() {
      // Its own connection: the test may have closed the one it was given.
      const admin = await connect({ servers: TEST_NATS_URL });
      const jsm = await jetstreamManager(admin);
      for await (const name of jsm.streams.names()) {
        // KV buckets (partition leases) live in streams named KV_<bucket>.
        if (name.startsWith(`${prefix}_`) || name.startsWith(`KV_${prefix}_`)) await jsm.streams.delete(name);
      }
      await admin.close();
      if (!connection.isClosed()) await connection.close();
    },
  };
};
