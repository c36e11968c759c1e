import { Api } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeJson, mailboxUnavailable, type Mailbox } from '../../actors/mailbox/index.js';
import { registerWebhook, startLongPolling, type LongPolling } from '../../gateway/index.js';
import { createTelegramEmulator, textMessageUpdate, type TelegramEmulator } from '../../gateway/telegramEmulator/index.js';
import { createLogger } from '../../ops/telemetry/index.js';
import { createGatewayFixture, type GatewayFixture } from './gatewayFixture.js';

const ana = { id: 3003, first_name: 'Ana' };

describe('long polling', () => {
  let emulator: TelegramEmulator;
  let fixture: GatewayFixture;
  let polling: LongPolling | undefined;
  afterEach(async () => {
    await polling?.stop();
    await emulator.close();
    await fixture.close();
  });

  it('advances the offset past an update only after its publish was acknowledged, fetching it again after a failure', async () => {
    emulator = createTelegramEmulator();
    const api = new Api(emulator.token, { apiRoot: await emulator.listen() });
    let failOnce = true;
    const published: string[] = [];
    fixture = await createGatewayFixture((mailbox): Mailbox => ({
      ...mailbox,
      async publish(partition, message) {
        if (message.id === 'tg:2' && failOnce) {
          failOnce = false;
          throw mailboxUnavailable('injected failure');
        }
        const result = await mailbox.publish(partition, message);
        published.push(message.id);
        return result;
      },
    }));
    const updates = ['one', 'two', 'three'].map((text) => emulator.injectUpdate(textMessageUpdate(ana, text)));
    expect(updates.map((update) => update.update_id)).toEqual([1, 2, 3]);

    polling = startLongPolling({
      api,
      ingest: fixture.ingest,
      metrics: fixture.metrics,
      logger: createLogger({ level: 'silent' }),
      timeoutSeconds: 30,
      backoff: { initialMs: 10, maxMs: 10 },
    });
    // Once everything is confirmed the poller waits for more.
    await emulator.whenPolling();

    const fetches = emulator.calls('getUpdates');
    expect(fetches.map((call) => call.params.offset)).toEqual([undefined, 2]);
    expect(fetches.map((call) => (call.response.ok ? (call.response.result as { update_id: number }[]).map((u) => u.update_id) : []))).toEqual([[1, 2, 3], [2, 3]]);
    expect(published).toEqual(['tg:1', 'tg:2', 'tg:3']);
    expect(polling.offset()).toBe(4);
    expect(await fixture.messageCount()).toBe(3);
    expect(decodeJson((await fixture.lastMessageFor(ana.id))!.data)).toMatchObject({ update_id: 3, message: { text: 'three' } });
    const metrics = await fixture.metrics.registry.getSingleMetricAsString('lexbot_polling_errors_total');
    expect(metrics).toContain('lexbot_polling_errors_total{stage="publish"} 1');
    // Polling cleared any webhook first, as Telegram requires.
    expect(emulator.calls().at(0)?.method).toBe('deleteWebhook');
  });

  it('registers the webhook with the secret and the routed update types', async () => {
    emulator = createTelegramEmulator();
    const api = new Api(emulator.token, { apiRoot: await emulator.listen() });
    fixture = await createGatewayFixture();
    const url = await registerWebhook(api, { publicUrl: 'https://bot.example.org/', secret: 'abc_DEF-123' });
    expect(url).toBe('https://bot.example.org/webhook/telegram');
    const call = emulator.calls('setWebhook')[0];
    expect(call?.response.ok).toBe(true);
    expect(call?.params).toMatchObject({ url, secret_token: 'abc_DEF-123' });
    expect(call?.params.allowed_updates).toEqual(expect.arrayContaining(['message', 'callback_query', 'my_chat_member', 'chat_member']));
  });
});
