// The write pipeline end to end, as operators run it: `lexbot start` with every built role against real NATS and
// PostgreSQL, Telegram played by the local Bot API emulator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramEmulator, textMessageUpdate } from '../../gateway/telegramEmulator/index.js';
import { loadConfig } from '../../ops/config/config.js';
import { startRoles, type RunningRoles } from '../../ops/roles/startRoles.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createTestNats, TEST_NATS_URL, type TestNats } from '../support/nats.js';

const SECRET = 'pipeline-e2e-secret';
const API_TOKEN = 'pipeline-e2e-analytics-token';

describe('pipeline: webhook → NATS → user actor → event store → dispatcher → Bot API, projector → analytics API', () => {
  let database: TestDatabase;
  let nats: TestNats;
  let emulator: ReturnType<typeof createTelegramEmulator>;
  let running: RunningRoles;
  let updateId = 0;

  beforeEach(async () => {
    [database, nats] = await Promise.all([createTestDatabase(), createTestNats()]);
    emulator = createTelegramEmulator();
    await emulator.listen();
    const config = loadConfig({
      DATABASE_URL: database.url,
      NATS_URL: TEST_NATS_URL,
      NATS_PREFIX: nats.prefix,
      PARTITIONS: '8',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      API_TOKENS: API_TOKEN,
      LOG_LEVEL: 'silent',
    });
    running = await startRoles({ roles: ['gateway', 'actors', 'dispatcher', 'projector'], config });
  });

  afterEach(async () => {
    await running.stop();
    await emulator.close();
    await nats.cleanup();
    await database.drop();
  });

  /** A user Telegram knows: the emulator refuses messages to chats that never wrote to the bot, as Telegram does. */
  const user = (id: number, first_name: string, language_code: string) => {
    emulator.addChat({ id, type: 'private', first_name });
    return { id, first_name, language_code };
  };

  const post = (update: object) =>
    fetch(`${running.url}/webhook/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(update),
    });

  const sentTo = (chatId: number) => emulator.calls().filter((call) => call.method === 'sendMessage' && call.params.chat_id === chatId);

  it('answers /start posted to the webhook with a greeting at the Bot API', async () => {
    const olga = user(5101, 'Olga', 'ru');
    updateId += 1;
    const response = await post({ update_id: updateId, ...textMessageUpdate(olga, '/start') });
    expect(response.status).toBe(200);
    const reply = await emulator.waitFor((call) => call.method === 'sendMessage' && call.params.chat_id === olga.id, { timeoutMs: 20_000 });
    expect(String(reply.params.text)).toContain('Olga');
    expect(reply.response.ok).toBe(true);

    // The projector folds the same events into the read models the analytics API reads.
    const stats = async () =>
      (await (await fetch(`${running.url}/api/v1/stats`, { headers: { authorization: `Bearer ${API_TOKEN}` } })).json()) as { users_total: number };
    let seen = await stats();
    for (let attempt = 0; attempt < 200 && seen.users_total < 1; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await stats();
    }
    expect(seen.users_total).toBe(1);
    expect((await fetch(`${running.url}/api/v1/stats`)).status).toBe(401);
  });

  it('applies an update posted five times once and answers it once', async () => {
    const ivan = user(5102, 'Ivan', 'en');
    const update = { update_id: 90_001, ...textMessageUpdate(ivan, '/start') };
    const outcomes = [];
    for (let attempt = 0; attempt < 5; attempt += 1) outcomes.push(((await (await post(update)).json()) as { outcome: string }).outcome);
    expect(outcomes).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    // /start answers a new user with two messages: the greeting and the wizard's first step.
    await emulator.waitFor((call) => call.method === 'sendMessage' && call.params.chat_id === ivan.id && String(call.params.text).includes('Step 1'), { timeoutMs: 20_000 });
    const answersToStart = sentTo(ivan.id).map((call) => String(call.params.text));
    // A later update is answered too, so the pipeline had every chance to send the first replies twice.
    await post({ update_id: 90_002, ...textMessageUpdate(ivan, '/help') });
    await emulator.waitFor((call) => call.method === 'sendMessage' && call.params.chat_id === ivan.id && String(call.params.text).includes('/find'), { timeoutMs: 20_000 });
    expect(answersToStart).toHaveLength(2);
    expect(sentTo(ivan.id).map((call) => String(call.params.text))).toEqual([...answersToStart, expect.stringContaining('/find')]);
    // Actors and dispatcher share this process: the /help reply at least was handed over at its commit, not read first.
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    const accepted = /^lexbot_dispatch_handoffs_total\{outcome="accepted"\} (\d+)$/m.exec(metrics);
    expect(Number(accepted?.[1] ?? 0)).toBeGreaterThanOrEqual(1);
  });
});
