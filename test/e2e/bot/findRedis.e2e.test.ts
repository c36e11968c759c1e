// /find with Redis configured: the actors role searches the candidate cache first (Postgres while it is cold) and the
// answer is the same card. The cache's keys live under this harness's NATS prefix and are deleted afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, deleteByPattern, type RedisClient } from '../../../projections/redis/index.js';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { TEST_REDIS_URL } from '../../projections/redis/support/redis.js';
import { onboardInEnglish, conversation } from './onboardingSteps.js';

describe('/find with the Redis candidate cache', () => {
  let harness: BotHarness;
  let redis: RedisClient;
  beforeAll(async () => {
    redis = createRedisClient({ kind: 'url', url: TEST_REDIS_URL });
    harness = await startBotHarness({ env: { REDIS_URL: TEST_REDIS_URL } });
  }, 60_000);
  afterAll(async () => {
    await harness.stop();
    // Only this harness's keys: other test files and runs share the server, and their prefixes look alike.
    const deleted = await deleteByPattern(redis, `${harness.natsPrefix}*`);
    redis.disconnect();
    expect(deleted).toBeGreaterThan(0);
  });

  it('finds the complementary partner and counts the cache’s answers on /metrics', async () => {
    const kim = harness.user({ id: 7_710_001, firstName: 'Kim', languageCode: 'en' });
    const lev = harness.user({ id: 7_710_002, firstName: 'Lev', languageCode: 'en' });
    await onboardInEnglish(harness, kim, { native: /English/, learning: /Russian/, level: /B1/, city: /Berlin/ });
    await onboardInEnglish(harness, lev, { native: /Russian/, learning: /English/, level: /B2/, city: /Berlin/ });
    // The read side is eventually consistent: Lev shows up once the cache projection has his completed profile.
    const c = conversation(harness, kim);
    let card = await c.send('/find', /Partner 1 of 1|Nobody fits/);
    for (let attempt = 0; attempt < 20 && !textOf(card).includes('Partner 1 of 1'); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      card = await c.send('/find', /Partner 1 of 1|Nobody fits/);
    }
    expect(textOf(card)).toContain('Lev');
    expect(textOf(card)).toContain('Learning: English (B2)');
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toMatch(/lexbot_cache_(hits|misses)_total\{cache="candidates"/);
  }, 300_000);
});
