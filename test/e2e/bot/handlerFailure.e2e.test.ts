// A read model that fails under a handler, end to end (gateway → NATS → actor → event store → dispatcher): the update
// is retried through the mailbox's redeliveries, and on the last one the user is told something went wrong instead
// of the update being dead-lettered in silence. Once the read model is back, the same command works.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { askUntil } from './safetySupport.js';

const ADMIN = 7_640_901;

describe('a handler whose read model fails', () => {
  let harness: BotHarness;
  let pool: pg.Pool;
  beforeAll(async () => {
    harness = await startBotHarness({ admins: [ADMIN, ADMIN + 1] });
    pool = new pg.Pool({ connectionString: harness.databaseUrl, max: 1 });
  }, 60_000);
  afterAll(async () => {
    await pool.end();
    await harness.stop();
  });

  it.each([
    { lang: 'en', sorry: /Sorry, something went wrong on our side/, empty: /moderation queue is empty/ },
    { lang: 'ru', sorry: /что-то пошло не так/, empty: /Очередь жалоб пуста/ },
  ])('is retried, then answered with an apology; the command works again once the read model is back ($lang)', async ({ lang, sorry, empty }) => {
    const admin = harness.user({ id: ADMIN + (lang === 'en' ? 0 : 1), firstName: 'Root', languageCode: lang });
    await admin.send('/start');
    await admin.waitFor('Root');
    const failuresBefore = await lastDeliveryFailures();

    await pool.query('alter table read_models.reports rename to reports_away');
    try {
      await admin.send('/reports');
      // Five deliveries with backoff between them (0.25 + 0.5 + 1 + 2 s): the bound is for a hung test only.
      const answer = textOf(await admin.waitFor(sorry, { timeoutMs: 60_000 }));
      expect(answer).toContain('/feedback');
      expect(admin.callsSince().filter((call) => sorry.test(textOf(call)))).toHaveLength(1);
    } finally {
      await pool.query('alter table read_models.reports_away rename to reports');
    }
    expect(await lastDeliveryFailures()).toBe(failuresBefore + 1);
    await askUntil(admin, '/reports', empty);
  }, 90_000);

  const lastDeliveryFailures = async (): Promise<number> => {
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    const line = metrics.split('\n').find((candidate) => candidate.startsWith('lexbot_actor_handler_failures_total{when="last_delivery"}'));
    return line === undefined ? 0 : Number(line.split(' ').at(-1));
  };
});
