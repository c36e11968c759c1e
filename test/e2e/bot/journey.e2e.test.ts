// The whole product as two people meet it, through buttons and messages only (no seeding): Anna (English) and
// Борис (Russian), neither with a public @username, onboard, find each other, request and accept, talk through the
// relay, end the tandem and rate it; then Vera, who finds Anna too, is blocked by her and never shown to her again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { conversation, EN_WIZARD, onboardThroughWizard, RU_WIZARD } from './onboardingSteps.js';
import { waitActive } from './tandemSetup.js';
import pg from 'pg';


describe('two learners from /start to a rated tandem, and a block', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());
  // What the bot last did, when a step of a long journey fails: the failing wait alone does not say.
  const dumpCalls = (): void => {
    for (const call of harness.emulator.calls().slice(-25)) console.log(call.seq, call.method, call.params.chat_id, textOf(call).slice(0, 160).replaceAll('\n', ' '), call.response.ok);
  };

  it('onboard → find → request → accept → relay both ways → end → rate, in English and Russian', async ({ onTestFailed }) => {
    onTestFailed(dumpCalls);
    const anna = harness.user({ id: 7_900_001, firstName: 'Anna', languageCode: 'en' });
    const boris = harness.user({ id: 7_900_002, firstName: 'Борис', languageCode: 'ru' });
    await onboardThroughWizard(harness, anna, EN_WIZARD, { native: /English/, learning: /Russian/ });
    await onboardThroughWizard(harness, boris, RU_WIZARD, { native: /Русский/, learning: /Английский/ });
    await waitActive(harness, [anna.id, boris.id]);
    const a = conversation(harness, anna);
    const b = conversation(harness, boris);

    const card = textOf(await a.send('/find', 'Борис'));
    expect(card).toContain('Native: Russian');
    expect(card).not.toContain(String(boris.id));
    await a.press(/Send request/, 'Request sent to');

    // Борис gets Anna's card in Russian with Accept / Decline, and accepts.
    const request = textOf(await boris.waitFor('хочет практиковаться', { timeoutMs: 30_000 }));
    expect(request).toContain('Anna');
    await b.press(/Принять/, 'Anna');
    // Neither has a username: both are told the bot relays their messages.
    await anna.waitFor('goes to', { since: 0, timeoutMs: 30_000 });
    await boris.waitFor('получит', { since: 0, timeoutMs: 30_000 });

    // Relay both ways, under the sender's first name only.
    await anna.send('Привет, Борис! Shall we practise on Tuesday?');
    const toBoris = textOf(await boris.waitFor('Shall we practise on Tuesday?', { since: 0 }));
    expect(toBoris).toContain('💬');
    expect(toBoris).toContain('Anna');
    expect(toBoris).not.toContain(String(anna.id));
    await boris.send('Hi Anna! Tuesday works 👍');
    const toAnna = textOf(await anna.waitFor('Tuesday works', { since: 0 }));
    expect(toAnna).toContain('Борис');
    expect(toAnna).not.toContain(String(boris.id));

    // Anna ends the tandem; both are asked to rate; Anna rates 5 with a comment, Борис 4 without one.
    await anna.send('/end');
    await anna.waitFor(/Rate from 1 to 5|rate/i, { timeoutMs: 30_000 });
    await boris.waitFor('Оцените от 1 до 5', { since: 0, timeoutMs: 30_000 });
    await a.press(/^5/, 'comment');
    await a.send('Patient and funny partner', 'Thank you');
    await b.press(/^4/, 'комментарий');
    await b.press(/Пропустить/, 'Спасибо');

    // Nothing either client received names the other by Telegram id — not even the data behind buttons.
    const everythingSentTo = (chatId: number) => JSON.stringify(harness.emulator.calls().filter((call) => Number(call.params.chat_id) === chatId).map((call) => call.params));
    expect(everythingSentTo(anna.id)).not.toContain(String(boris.id));
    expect(everythingSentTo(boris.id)).not.toContain(String(anna.id));

    const annaEvents = await harness.events(anna.id);
    const borisEvents = await harness.events(boris.id);
    const ratedBy = (events: typeof annaEvents) => events.filter((event) => event.type === 'TandemRated').map((event) => (event.data as { rating: number }).rating);
    expect(ratedBy(annaEvents)).toEqual([5]);
    expect(ratedBy(borisEvents)).toEqual([4]);
    const received = (events: typeof annaEvents) => events.filter((event) => event.type === 'TandemRatingReceived').map((event) => (event.data as { rating: number }).rating);
    await expect.poll(async () => received(await harness.events(boris.id)), { timeout: 30_000 }).toEqual([5]);
    await expect.poll(async () => received(await harness.events(anna.id)), { timeout: 30_000 }).toEqual([4]);
    expect(annaEvents.map((event) => event.type)).toEqual(expect.arrayContaining(['PartnerRequested', 'TandemStarted', 'TandemEnded']));
    expect(borisEvents.map((event) => event.type)).toEqual(expect.arrayContaining(['PartnerRequestReceived', 'PartnerRequestAccepted', 'TandemStarted', 'TandemEnded']));
  });

  it('a blocked user is never offered again, and neither side is told who blocked whom', async ({ onTestFailed }) => {
    onTestFailed(dumpCalls);
    const kate = harness.user({ id: 7_900_011, firstName: 'Kate', languageCode: 'en' });
    const vera = harness.user({ id: 7_900_012, firstName: 'Вера', languageCode: 'ru' });
    await onboardThroughWizard(harness, kate, EN_WIZARD, { native: /English/, learning: /Spanish/ });
    await onboardThroughWizard(harness, vera, RU_WIZARD, { native: /Испанский/, learning: /Английский/ });
    await waitActive(harness, [kate.id, vera.id]);
    const k = conversation(harness, kate);

    expect(textOf(await k.send('/find', 'Вера'))).toContain('Native: Spanish');
    await k.press(/Block/, 'Block');
    await k.press(/^Block$/, 'You blocked');
    const again = textOf(await k.send('/find', /Nobody fits|nobody/i));
    expect(again).not.toContain('Вера');
    const events = await harness.events(kate.id);
    expect(events.filter((event) => event.type === 'UserBlocked').map((event) => (event.data as { target: string }).target)).toEqual([String(vera.id)]);
    // Vera's side: Kate is not offered to her either (once the read side has the block: Vera's actor learns of it
    // from there, never from a message), and no message tells her about the block.
    const pool = new pg.Pool({ connectionString: harness.databaseUrl, max: 1 });
    try {
      await expect
        .poll(async () => (await pool.query<{ blocked: string[] }>('select blocked_ids::text[] as blocked from read_models.users where user_id = $1', [kate.id])).rows[0]?.blocked, { timeout: 30_000 })
        .toEqual([String(vera.id)]);
    } finally {
      await pool.end();
    }
    const v = conversation(harness, vera);
    expect(textOf(await v.send('/find', /никто|Никто/))).not.toContain('Kate');
    expect(vera.messages().map((message) => textOf(message)).join('\n')).not.toMatch(/заблокир/i);
  });
});
