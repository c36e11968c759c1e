import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { createNatsMailbox } from '../../actors/mailbox/index.js';
import { buildGatewayApp, createReadiness } from '../../gateway/index.js';
import { createLogger, createMetrics } from '../../ops/telemetry/index.js';
import { createTestNats, TEST_NATS_URL } from '../support/nats.js';
import { createTcpProxy } from '../support/tcpProxy.js';
import { SECRET, textUpdate } from './gatewayFixture.js';

describe('gateway during a NATS outage', () => {
  it('answers 503 and is not ready while NATS is unreachable, then accepts again once it is back, storing the update once', async () => {
    const nats = await createTestNats();
    const target = new URL(TEST_NATS_URL);
    const proxy = await createTcpProxy({ host: target.hostname, port: Number(target.port) });
    const connection = await connect({ servers: `127.0.0.1:${proxy.port}`, maxReconnectAttempts: -1, reconnectTimeWait: 50 });
    const mailbox = await createNatsMailbox({ connection, prefix: nats.prefix, partitions: 4, publishTimeoutMs: 300 });
    const { app } = buildGatewayApp({
      webhookAuth: { kind: 'secret', secret: SECRET },
      mailbox,
      readiness: createReadiness({ timeoutMs: 300 }),
      metrics: createMetrics({ defaultMetrics: false }),
      logger: createLogger({ level: 'silent' }),
    });
    const post = () =>
      app.inject({
        method: 'POST',
        url: '/webhook/telegram',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        payload: JSON.stringify(textUpdate(42, 4242, 'during the outage')),
      });
    const ready = async () => (await app.inject({ method: 'GET', url: '/ready' })).statusCode;
    try {
      expect(await ready()).toBe(200);
      await proxy.cut();
      expect((await post()).statusCode).toBe(503);
      expect(await ready()).toBe(503);

      await proxy.restore();
      while ((await ready()) !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
      // Telegram retries the 503-ed update. The first attempt may still have reached the stream when the client
      // flushed its buffer on reconnect; either way it is stored exactly once.
      const retried = await post();
      expect(retried.statusCode).toBe(200);
      expect(['accepted', 'duplicate']).toContain(retried.json<{ outcome: string }>().outcome);
      expect((await post()).json()).toEqual({ ok: true, outcome: 'duplicate' });
      const admin = await connect({ servers: TEST_NATS_URL });
      const info = await (await jetstreamManager(admin)).streams.info(`${nats.prefix}_mailbox`);
      await admin.close();
      expect(info.state.messages).toBe(1);
    } finally {
      await app.close();
      await mailbox.close();
      await connection.close();
      await proxy.close();
      await nats.cleanup();
    }
  });
});
