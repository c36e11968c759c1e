// A gateway app on a real NATS mailbox with its own prefix, for the webhook and polling tests.
import { jetstreamManager, type StoredMsg } from '@nats-io/jetstream';
import { createNatsMailbox, natsNames, partitionOf, type Mailbox } from '../../actors/mailbox/index.js';
import { buildGatewayApp, createReadiness, type GatewayApp, type Ingest } from '../../gateway/index.js';
import { createLogger, createMetrics, type Metrics } from '../../ops/telemetry/index.js';
import { createTestNats, type TestNats } from '../support/nats.js';

export const SECRET = 'test-secret_123';
export const PARTITIONS = 8;

export interface GatewayFixture extends Omit<GatewayApp, 'ingest'> {
  readonly ingest: Ingest;
  readonly nats: TestNats;
  readonly mailbox: Mailbox;
  readonly metrics: Metrics;
  /** The last message stored for a user (or chat) id, or undefined. */
  lastMessageFor(id: number): Promise<StoredMsg | undefined>;
  messageCount(): Promise<number>;
  close(): Promise<void>;
}

export const createGatewayFixture = async (wrap: (mailbox: Mailbox) => Mailbox = (m) => m): Promise<GatewayFixture> => {
  const nats = await createTestNats();
  const mailbox = wrap(await createNatsMailbox({ connection: nats.connection, prefix: nats.prefix, partitions: PARTITIONS, publishTimeoutMs: 2000 }));
  const metrics = createMetrics({ defaultMetrics: false });
  const gateway = buildGatewayApp({
    webhookAuth: { kind: 'secret', secret: SECRET },
    mailbox,
    readiness: createReadiness(),
    metrics,
    logger: createLogger({ level: 'silent' }),
  });
  const { ingest } = gateway;
  if (ingest === undefined) throw new Error('a gateway with a mailbox has an ingest path');
  const names = natsNames(nats.prefix);
  const admin = await jetstreamManager(nats.connection);
  return {
    ...gateway,
    ingest,
    nats,
    mailbox,
    metrics,
    async lastMessageFor(id) {
      try {
        return (await admin.streams.getMessage(names.mailboxStream, { last_by_subj: names.mailboxSubject(partitionOf(id, PARTITIONS)) })) ?? undefined;
      } catch {
        return undefined;
      }
    },
    async messageCount() {
      return (await admin.streams.info(names.mailboxStream)).state.messages;
    },
    async close() {
      await gateway.app.close();
      await mailbox.close();
      await nats.cleanup();
    },
  };
};

export const textUpdate = (updateId: number, userId: number, text: string) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: 1_700_000_000,
    chat: { id: userId, type: 'private', first_name: 'Ana' },
    from: { id: userId, is_bot: false, first_name: 'Ana', language_code: 'es' },
    text,
  },
});
