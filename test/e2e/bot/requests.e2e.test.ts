// A request's life end to end: the target gets the requester's card with Accept / Decline, answers edit the card in
// place, the requester hears the answer (a decline with its reason); on Accept both get each other's card and, when
// both have a public @username, a t.me link to the other. English and Russian.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { onboardedPair, sendRequest } from './tandemSetup.js';

describe('requests', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  it('accepted with public usernames: both get the card and the other’s @username (en requester, ru target)', async () => {
    const pair = await onboardedPair(
      harness,
      { id: 7_600_001, firstName: 'Anna', languageCode: 'en', username: 'anna_lex' },
      { id: 7_600_002, firstName: 'Борис', languageCode: 'ru', username: 'boris_lex' },
    );
    const { requester: anna, target: boris } = pair;
    await sendRequest(harness, pair);
    const card = await boris.waitFor('хочет практиковаться');
    expect(textOf(card)).toContain('Anna');
    expect(boris.buttons()).toEqual(expect.arrayContaining(['Принять', 'Отклонить']));

    await boris.press('Принять');
    // The card is edited in place: its buttons are gone and it says what happened.
    await harness.emulator.waitFor((call) => call.method === 'editMessageText' && Number(call.params.chat_id) === boris.id && /Вы приняли/.test(textOf(call)));
    const accepted = await anna.waitFor('accepted your request', { since: 0 });
    expect(textOf(accepted)).toContain('Борис');
    expect(textOf(await anna.waitFor('@boris_lex', { since: 0 }))).toContain('Борис');
    expect(textOf(await boris.waitFor('@anna_lex', { since: 0 }))).toContain('Anna');
    const link = boris.messages().find((message) => (message.text ?? '').includes('@anna_lex'));
    expect(link?.reply_markup?.inline_keyboard?.flat()[0]?.url).toBe('https://t.me/anna_lex');
    // Contact, not relay: no relay instructions.
    expect(anna.messages().some((message) => /signed with your first name/.test(message.text ?? ''))).toBe(false);

    // A second press on the old card: already answered.
    const accept = (card.params.reply_markup as { inline_keyboard: { callback_data?: string }[][] }).inline_keyboard[0]![0]!.callback_data!;
    await boris.pressData(accept);
    const answer = await boris.pressAnswer();
    expect(String(answer.params.text)).toMatch(/уже/);
  });

  it('declined with a reason: the requester hears the reason, the card says so (ru requester, en target)', async () => {
    const pair = await onboardedPair(
      harness,
      { id: 7_600_011, firstName: 'Ольга', languageCode: 'ru' },
      { id: 7_600_012, firstName: 'Ken', languageCode: 'en' },
    );
    const { requester: olga, target: ken } = pair;
    await sendRequest(harness, pair);
    await ken.waitFor('would like to practise with you');
    await ken.press('Decline');
    await harness.emulator.waitFor((call) => call.method === 'editMessageText' && Number(call.params.chat_id) === ken.id && /tell them why/.test(textOf(call)));
    expect(ken.buttons()).toEqual(expect.arrayContaining(['No time right now', 'No reason', 'Back']));
    await ken.press('No time right now');
    await harness.emulator.waitFor((call) => call.method === 'editMessageText' && Number(call.params.chat_id) === ken.id && /You declined/.test(textOf(call)));
    const told = await olga.waitFor('отклонил', { since: 0 });
    expect(textOf(told)).toContain('Ken');
    expect(textOf(told)).toContain('Сейчас нет времени');
  });

  it('declined without a reason, and /requests lists what is pending on both sides', async () => {
    const pair = await onboardedPair(
      harness,
      { id: 7_600_021, firstName: 'Lena', languageCode: 'en' },
      { id: 7_600_022, firstName: 'Mark', languageCode: 'en' },
    );
    const { requester: lena, target: mark } = pair;
    await sendRequest(harness, pair);
    await mark.waitFor('would like to practise with you');
    await lena.send('/requests');
    const outgoing = await lena.waitFor('waiting for an answer');
    expect(textOf(outgoing)).toContain('Mark');
    await mark.send('/requests');
    await mark.waitFor('waiting for your answer');
    const relisted = await mark.waitFor('would like to practise with you');
    expect(textOf(relisted)).toContain('Lena');
    await mark.press('Decline');
    await mark.waitFor('tell them why');
    await mark.press('No reason');
    const told = await lena.waitFor('declined your request', { since: 0 });
    expect(textOf(told)).not.toContain(':');
  });

  it('withdrawn from /requests: the target is told and the old card no longer accepts (ru target)', async () => {
    const pair = await onboardedPair(
      harness,
      { id: 7_600_031, firstName: 'Pia', languageCode: 'en' },
      { id: 7_600_032, firstName: 'Кира', languageCode: 'ru' },
    );
    const { requester: pia, target: kira } = pair;
    await sendRequest(harness, pair);
    const card = await kira.waitFor('хочет практиковаться');
    await pia.send('/requests');
    await pia.waitFor('waiting for an answer');
    await pia.press(/Withdraw/u);
    await pia.waitFor('You withdrew your request');
    expect(textOf(await kira.waitFor('отозвал', { since: 0 }))).toContain('Pia');
    await kira.press('Принять', card.response.ok ? (card.response.result as never) : undefined);
    const answer = await kira.pressAnswer();
    expect(String(answer.params.text)).toBe('На этот запрос уже ответили.');
    await pia.send('/requests');
    await pia.waitFor('no pending requests');
  });
});

