import { jetstreamManager } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { decodeJson, natsNames } from '../../actors/mailbox/index.js';
import { createTelegramEmulator, textMessageUpdate } from '../../gateway/telegramEmulator/index.js';
import { loadConfig } from '../../ops/config/config.js';
import { parseRoles } from '../../ops/roles/roles.js';
import { startRoles } from '../../ops/roles/startRoles.js';
import { createTempDataDir } from '../support/tempDataDir.js';
import { createTestNats, TEST_NATS_URL } from '../support/nats.js';

describe('lexbot start --roles', () => {
  it('refuses unknown roles and roles that are not built yet, each with one clear line', () => {
    expect(() => parseRoles('gateway,frontend')).toThrow('unknown role "frontend" (roles: gateway, actors, projector, dispatcher)');
    expect(() => parseRoles(' , ')).toThrow('--roles needs at least one of');
    expect(parseRoles('gateway, gateway')).toEqual(['gateway']);
  });

  it('runs single-node (embedded PostgreSQL, in-process mailbox) when no NATS, Redis or database is configured', async () => {
    const config = loadConfig({ HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', TELEGRAM_WEBHOOK_SECRET: 'single-node-secret', LOG_LEVEL: 'silent' });
    const dataDir = await createTempDataDir();
    const running = await startRoles({ roles: ['gateway'], config, dataDir: dataDir.path });
    try {
      const post = () =>
        fetch(`${running.url}/webhook/telegram`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'single-node-secret' },
          body: JSON.stringify({ update_id: 1, ...textMessageUpdate({ id: 5, first_name: 'Solo' }, 'hi') }),
        }).then((response) => response.json());
      expect(await post()).toEqual({ ok: true, outcome: 'accepted' });
      expect(await post()).toEqual({ ok: true, outcome: 'duplicate' });
      expect((await fetch(`${running.url}/ready`)).status).toBe(200);
    } finally {
      await running.stop();
      await dataDir.remove();
    }
  }, 120_000);

  it('runs the gateway on NATS with long polling against the Bot API, serves the webhook and probes, and stops gracefully', async () => {
    const nats = await createTestNats();
    const emulator = createTelegramEmulator();
    await emulator.listen();
    const config = loadConfig({
      NATS_URL: TEST_NATS_URL,
      NATS_PREFIX: nats.prefix,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      PARTITIONS: '4',
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      TELEGRAM_MODE: 'polling',
      TELEGRAM_WEBHOOK_SECRET: 'start-test-secret',
      LOG_LEVEL: 'silent',
    });
    const running = await startRoles({ roles: ['gateway'], config });
    try {
      const ready = await fetch(`${running.url}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ready: true, checks: { mailbox: { ok: true } } });

      await emulator.whenPolling();
      emulator.injectUpdate(textMessageUpdate({ id: 9090, first_name: 'Poll' }, '/start'));
      // The poller comes back for more only after it has published what it got.
      await emulator.whenPolling();

      const posted = await fetch(`${running.url}/webhook/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'start-test-secret' },
        body: JSON.stringify({ update_id: 777, ...textMessageUpdate({ id: 9191, first_name: 'Hook' }, 'hi') }),
      });
      expect(posted.status).toBe(200);

      const jsm = await jetstreamManager(nats.connection);
      const names = natsNames(nats.prefix);
      const info = await jsm.streams.info(names.mailboxStream);
      expect(info.state.messages).toBe(2);
      const first = await jsm.streams.getMessage(names.mailboxStream, { seq: info.state.first_seq });
      expect(decodeJson(first!.data)).toMatchObject({ update_id: 1, message: { text: '/start' } });
    } finally {
      await running.stop();
      await emulator.close();
      await nats.cleanup();
    }
    await expect(fetch(`${running.url}/health`)).rejects.toThrow();
  });
});
