// Chaos: the gateway process (`lexbot start --roles gateway`, a child process) reaches NATS through a TCP proxy that
// the test cuts in the middle of the load and restores later. While NATS is unreachable the webhook answers 503 (so
// Telegram retries) and /ready says so; afterwards 200 again. Every update that got a 200 is applied exactly once and
// answered; the ones that got 503 are posted again by the test, as Telegram would, and end up applied once too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramEmulator } from '../../gateway/telegramEmulator/index.js';
import { loadConfig } from '../../ops/config/config.js';
import { startRoles, type RunningRoles } from '../../ops/roles/startRoles.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startLexbotProcess, type LexbotProcess } from '../support/lexbotProcess.js';
import { createTestNats, TEST_NATS_URL, type TestNats } from '../support/nats.js';
import { createTcpProxy, type TcpProxy } from '../support/tcpProxy.js';
import { eachLimited, eventually, expectAppliedOnceAndAnswered, postWebhook, updatesFor, SECRET, type Update } from './pipelineAudit.js';

const PARTITIONS = 8;

describe('chaos: NATS cut and restored under the gateway during load', () => {
  let database: TestDatabase;
  let nats: TestNats;
  let proxy: TcpProxy;
  let emulator: ReturnType<typeof createTelegramEmulator>;
  let back: RunningRoles;
  let gateway: LexbotProcess;

  beforeAll(async () => {
    [database, nats] = await Promise.all([createTestDatabase(), createTestNats()]);
    const natsUrl = new URL(TEST_NATS_URL);
    proxy = await createTcpProxy({ host: natsUrl.hostname, port: Number(natsUrl.port || 4222) });
    emulator = createTelegramEmulator();
    await emulator.listen();
    const env = {
      DATABASE_URL: database.url,
      NATS_PREFIX: nats.prefix,
      PARTITIONS: String(PARTITIONS),
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    };
    // Actors and dispatcher in this process, straight to NATS (they migrate the database first); only the gateway
    // goes through the proxy.
    back = await startRoles({
      roles: ['actors', 'dispatcher'],
      config: loadConfig({ ...env, NATS_URL: TEST_NATS_URL, HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', LOG_LEVEL: 'silent' }),
    });
    gateway = await startLexbotProcess({ roles: 'gateway', env: { ...env, NATS_URL: `nats://127.0.0.1:${proxy.port}` } });
  }, 180_000);

  afterAll(async () => {
    await gateway?.stop();
    await back?.stop();
    await proxy?.close();
    await emulator?.close();
    await nats?.cleanup();
    await database?.drop();
  }, 60_000);

  const readyStatus = async (): Promise<number> => (await fetch(`${gateway.url}/ready`)).status;

  it('answers 503 while NATS is unreachable, 200 after, and loses or repeats nothing', async () => {
    const users = Array.from({ length: 60 }, (_, index) => ({ id: 7_200_000 + index, first_name: `Cut${index}` }));
    for (const user of users) emulator.addChat({ id: user.id, type: 'private', first_name: user.first_name });
    const updates = updatesFor(users, 3, 920_000);
    const before = updates.slice(0, 70);
    const during = updates.slice(70, 102);
    const after = updates.slice(102);
    const statuses = new Map<number, number>();
    const post = (batch: readonly Update[]): Promise<void> =>
      eachLimited(batch, 16, async (update) => {
        statuses.set(update.update_id, await postWebhook(gateway.url, JSON.stringify(update)));
      });
    const statusesOf = (batch: readonly Update[]): number[] => batch.map((update) => statuses.get(update.update_id) ?? -1);

    await post(before);
    expect(new Set(statusesOf(before))).toEqual(new Set([200]));

    await proxy.cut();
    // Once the gateway has noticed (its probe fails), nothing can be acknowledged until the proxy is back.
    await eventually(async () => ((await readyStatus()) === 503 ? true : undefined), 30_000, () => '/ready never turned 503 while NATS was cut');
    await post(during);
    expect(new Set(statusesOf(during))).toEqual(new Set([503]));
    // What can be refused without NATS still is, with its own status: the body is checked before any publish.
    expect(await postWebhook(gateway.url, '{"update_id": 1,')).toBe(400);
    expect(await postWebhook(gateway.url, JSON.stringify({ update_id: 2, padding: 'x'.repeat(1024 * 1024 + 10) }))).toBe(413);
    expect(await postWebhook(gateway.url, JSON.stringify(during[0]), { 'x-telegram-bot-api-secret-token': 'wrong' })).toBe(401);
    expect(gateway.alive()).toBe(true);

    await proxy.restore();
    await eventually(async () => ((await readyStatus()) === 200 ? true : undefined), 30_000, () => '/ready never came back to 200 after NATS was restored');
    await post(after);
    // Telegram retries every update it got no 200 for; so does the test, until each is accepted.
    await eventually(
      async () => {
        const refused = updates.filter((update) => statuses.get(update.update_id) !== 200);
        await post(refused);
        return refused.length === 0 ? true : undefined;
      },
      60_000,
      () => `${updates.filter((update) => statuses.get(update.update_id) !== 200).length} updates still refused`,
    );

    await expectAppliedOnceAndAnswered({
      databaseUrl: database.url,
      updateIds: updates.map((update) => update.update_id),
      nats,
      partitions: PARTITIONS,
      emulatorCalls: () => emulator.calls(),
      dispatcherUrl: back.url,
      appliedWithinMs: 60_000,
    });
    expect(gateway.alive()).toBe(true);
  }, 240_000);
});
