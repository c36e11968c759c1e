import { describe, expect, it } from 'vitest';
import { createInProcessMailbox } from '../../actors/mailbox/index.js';
import { buildGatewayApp, createReadiness, type WebhookAuth } from '../../gateway/index.js';
import { createLogger, createMetrics } from '../../ops/telemetry/index.js';

const appWith = (webhookAuth: WebhookAuth, withMailbox = true) =>
  buildGatewayApp({
    webhookAuth,
    ...(withMailbox ? { mailbox: createInProcessMailbox({ partitions: 2 }) } : {}),
    readiness: createReadiness(),
    metrics: createMetrics({ defaultMetrics: false }),
    logger: createLogger({ level: 'silent' }),
  }).app;

const post = (app: ReturnType<typeof appWith>, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/webhook/telegram',
    headers: { 'content-type': 'application/json', ...headers },
    payload: { update_id: 1, message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'A' }, text: 'hi' } },
  });

describe('webhook authentication modes', () => {
  it('open (local sandbox): accepts posts without a secret', async () => {
    const app = appWith({ kind: 'open' });
    expect((await post(app)).statusCode).toBe(200);
    await app.close();
  });

  it('closed (a real bot without a secret): refuses every post with 401', async () => {
    const app = appWith({ kind: 'closed' });
    expect((await post(app)).statusCode).toBe(401);
    expect((await post(app, { 'x-telegram-bot-api-secret-token': 'anything' })).statusCode).toBe(401);
    await app.close();
  });

  it('without the gateway role there is no webhook, but probes still answer', async () => {
    const app = appWith({ kind: 'open' }, false);
    expect((await post(app)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    await app.close();
  });
});
