// A request nobody answers expires after 48 hours and both sides are told — the whole chain: the requester's and the
// target's durable timers (scheduled from their actors' outboxes), the dispatcher's timer poller, ExpireRequest in the
// first actor, CloseTandem to the other. The test moves the test-only clock of actors and poller 48 hours forward.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { onboardedPair, sendRequest } from './tandemSetup.js';

const HOUR_MS = 60 * 60 * 1000;

describe('request expiry', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  it('tells both sides after 48 hours, once each, and the old card says it was answered', async () => {
    const pair = await onboardedPair(
      harness,
      { id: 7_800_001, firstName: 'Ирина', languageCode: 'ru' },
      { id: 7_800_002, firstName: 'Tom', languageCode: 'en' },
    );
    const { requester: irina, target: tom } = pair;
    await sendRequest(harness, pair);
    const card = await tom.waitFor('would like to practise with you');
    expect(textOf(card)).toContain('Ирина');

    harness.advanceClock(48 * HOUR_MS + 60_000);
    const toRequester = await irina.waitFor('истёк без ответа', { since: 0, timeoutMs: 30_000 });
    expect(textOf(toRequester)).toContain('Tom');
    const toTarget = await tom.waitFor('expired', { since: 0, timeoutMs: 30_000 });
    expect(textOf(toTarget)).toContain('Ирина');

    // Both timers fired (one per side); the later one finds the request closed and says nothing more.
    const expiries = (await harness.events(irina.id)).filter((event) => event.type === 'PartnerRequestExpired');
    expect(expiries).toHaveLength(1);
    const targetExpiries = (await harness.events(tom.id)).filter((event) => event.type === 'PartnerRequestExpired');
    expect(targetExpiries).toHaveLength(1);

    // Accept on the old card: the request is gone, the press says so.
    await tom.press('Accept', card.response.ok ? (card.response.result as never) : undefined);
    const answer = await tom.pressAnswer();
    expect(String(answer.params.text)).toBe('This request has already been answered.');
    expect(tom.callsSince().filter((call) => /would like/.test(textOf(call)) && call.method === 'sendMessage')).toEqual([]);

    // /requests has nothing left on either side.
    await irina.send('/requests');
    await irina.waitFor('нет ожидающих запросов');
  });
});
