// Reminders end to end on the harness's test clock (StartOptions.tuning.clock): an onboarding left alone for a day
// gets one nudge, an incoming request still unanswered a day before it expires gets one; English and Russian. The
// negative cases (weekly limit, paused, banned, forgotten, answered) are covered at the actor level
// (test/actors/userActor/reminders.int.test.ts), where "nothing was sent" can be observed without waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { onboardedPair, sendRequest } from './tandemSetup.js';

const HOUR = 60 * 60 * 1000;

describe('reminders', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  it('nudges an unfinished onboarding a day after the last activity (en and ru)', async () => {
    const ann = harness.user({ id: 7_700_001, firstName: 'Annika', languageCode: 'en' });
    const olga = harness.user({ id: 7_700_002, firstName: 'Ольга', languageCode: 'ru' });
    for (const user of [ann, olga]) {
      await user.send('/start');
      await user.waitFor(user.spec.firstName);
    }
    harness.advanceClock(25 * HOUR);
    const en = await ann.waitFor(/Your profile is \d+% complete/, { timeoutMs: 30_000 });
    expect(textOf(en)).toMatch(/at most once a week/);
    const ru = await olga.waitFor(/Отправьте \/start, чтобы продолжить/, { timeoutMs: 30_000 });
    expect(textOf(ru)).toMatch(/не чаще раза в неделю/);
    const events = await harness.events(ann.id);
    expect(events.filter((e) => e.type === 'ReminderSent').map((e) => (e.data as { kind: string }).kind)).toEqual(['complete_profile']);
  });

  it('nudges the target of a request a day before it expires (ru target, en target)', async () => {
    for (const [requester, target, pattern] of [
      [{ id: 7_700_011, firstName: 'Mia', languageCode: 'en' }, { id: 7_700_012, firstName: 'Степан', languageCode: 'ru' }, /1 запрос ждёт вашего ответа/],
      [{ id: 7_700_013, firstName: 'Вера', languageCode: 'ru' }, { id: 7_700_014, firstName: 'Tom', languageCode: 'en' }, /1 request is waiting for your answer/],
    ] as const) {
      const pair = await onboardedPair(harness, requester, target);
      await sendRequest(harness, pair);
      await pair.target.waitFor(requester.firstName, { since: 0, timeoutMs: 30_000 });
      harness.advanceClock(25 * HOUR);
      const nudge = await pair.target.waitFor(pattern, { since: 0, timeoutMs: 30_000 });
      expect(textOf(nudge)).toMatch(/\/requests/);
    }
  });
});
