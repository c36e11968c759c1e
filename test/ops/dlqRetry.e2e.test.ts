// `lexbot ops dlq retry` against the running pipeline: a dead letter put back into its partition is handled by the
// user actor under its fresh mailbox id, and the actor's own idempotency (keyed on the update id in the payload)
// still applies an update at most once — a dead letter of an update applied meanwhile changes nothing.
import { jetstream } from '@nats-io/jetstream';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeJson, MAILBOX_HEADERS, natsNames, partitionOf } from '../../actors/mailbox/index.js';
import { DLQ_HEADERS } from '../../actors/mailbox/nats/names.js';
import { toNatsHeaders } from '../../actors/mailbox/nats/natsHeaders.js';
import { textMessageUpdate, createTelegramEmulator } from '../../gateway/telegramEmulator/index.js';
import { registerDlqCommand } from '../../ops/cli/commands/dlq.js';
import { loadConfig } from '../../ops/config/config.js';
import { startRoles, type RunningRoles } from '../../ops/roles/startRoles.js';
import { auditEventStore, compareWithEmulator, eventually } from '../chaos/pipelineAudit.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createTestNats, TEST_NATS_URL, type TestNats } from '../support/nats.js';

const SECRET = 'dlq-retry-secret';
const PARTITIONS = 4;

describe('lexbot ops dlq retry into a running pipeline', () => {
  let database: TestDatabase;
  let nats: TestNats;
  let emulator: ReturnType<typeof createTelegramEmulator>;
  let running: RunningRoles;

  beforeEach(async () => {
    [database, nats] = await Promise.all([createTestDatabase(), createTestNats()]);
    emulator = createTelegramEmulator();
    await emulator.listen();
    running = await startRoles({
      roles: ['gateway', 'actors', 'dispatcher'],
      config: loadConfig({
        DATABASE_URL: database.url,
        NATS_URL: TEST_NATS_URL,
        NATS_PREFIX: nats.prefix,
        PARTITIONS: String(PARTITIONS),
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: '0',
        TELEGRAM_BOT_TOKEN: emulator.token,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        LOG_LEVEL: 'silent',
      }),
    });
  });

  afterEach(async () => {
    await running.stop();
    await emulator.close();
    await nats.cleanup();
    await database.drop();
  });

  const cli = async (args: string[]): Promise<Record<string, unknown>> => {
    const printed: string[] = [];
    const program = new Command('lexbot').exitOverride();
    const ops = program.command('ops').exitOverride();
    const env = { NATS_URL: TEST_NATS_URL, NATS_PREFIX: nats.prefix, PARTITIONS: String(PARTITIONS) };
    registerDlqCommand(ops, { env: () => env, print: (line) => printed.push(line), setExitCode: () => undefined, now: Date.now });
    await program.parseAsync(['ops', 'dlq', ...args, '--json'], { from: 'user' });
    return JSON.parse(printed[0]!) as Record<string, unknown>;
  };

  /** A dead letter exactly as the worker writes one after giving up on a delivery of `update`. */
  const deadLetterOf = async (update: { update_id: number }, userId: number): Promise<void> => {
    const partition = partitionOf(userId, PARTITIONS);
    await jetstream(nats.connection).publish(natsNames(nats.prefix).dlqSubject(partition), encodeJson(update), {
      msgID: `dlq:test:${update.update_id}`,
      headers: toNatsHeaders(
        {},
        {
          [MAILBOX_HEADERS.userKey]: `user:${userId}`,
          [DLQ_HEADERS.messageId]: `tg:${update.update_id}`,
          [DLQ_HEADERS.error]: 'event store unavailable',
          [DLQ_HEADERS.deliveries]: '5',
          [DLQ_HEADERS.mailboxSeq]: '1',
          [DLQ_HEADERS.partition]: String(partition),
        },
      ),
    });
  };

  const sentTo = (chatId: number) => emulator.calls().filter((call) => call.method === 'sendMessage' && call.params.chat_id === chatId);

  it('applies a retried dead letter once, and a dead letter of an update applied meanwhile not again', async () => {
    const olga = { id: 6101, first_name: 'Olga', language_code: 'ru' };
    const petr = { id: 6102, first_name: 'Petr', language_code: 'en' };
    for (const user of [olga, petr]) emulator.addChat({ id: user.id, type: 'private', first_name: user.first_name });
    const applied = { update_id: 70_001, ...textMessageUpdate(olga, '/start') };
    const lost = { update_id: 70_002, ...textMessageUpdate(petr, '/start') };

    // Olga's update went through the webhook (its first delivery was applied); Petr's only exists as a dead letter.
    const response = await fetch(`${running.url}/webhook/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(applied),
    });
    expect(response.status).toBe(200);
    await emulator.waitFor((call) => call.method === 'sendMessage' && call.params.chat_id === olga.id, { timeoutMs: 20_000 });
    await deadLetterOf(applied, olga.id);
    await deadLetterOf(lost, petr.id);

    const listed = (await cli(['list'])).deadLetters as { seq: number; id: string }[];
    expect(listed.map((letter) => letter.id)).toEqual(['tg:70001', 'tg:70002']);
    const retried = await cli(['retry', '--all']);
    expect(retried).toMatchObject({ done: 2, failed: 0 });
    expect((await cli(['list'])).deadLetters).toEqual([]);

    // Olga writes again after her retried duplicate was handled: her /help is applied and answered, and by then the
    // duplicate has had every chance to be answered a second time.
    await fetch(`${running.url}/webhook/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ update_id: 70_003, ...textMessageUpdate(olga, '/help') }),
    });
    const ids = [70_001, 70_002, 70_003];
    const audit = await eventually(
      async () => {
        const result = await auditEventStore(database.url, ids);
        return result.applied.size === ids.length ? result : undefined;
      },
      20_000,
      () => 'the retried update or the later one was not applied',
    );
    expect(audit.appliedTwice).toEqual([]);
    expect(audit.unanswered).toEqual([]);
    const delivery = await eventually(
      async () => {
        const compared = compareWithEmulator(audit.outboxMessages, emulator.calls());
        return compared.missing === 0 ? compared : undefined;
      },
      20_000,
      () => 'replies not sent',
    );
    // Every message at the Bot API is one the outbox queued once: nothing was answered twice.
    expect(delivery.extra).toBe(0);
    expect(sentTo(petr.id).length).toBeGreaterThan(0);
  });
});
