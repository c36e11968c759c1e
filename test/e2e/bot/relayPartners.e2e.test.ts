// A user with two relay partners: the first message asks who it is for and goes there once chosen; the choice
// sticks; /chat switches; /end offers a picker and ends only the chosen tandem; a shared contact card (a phone
// number) is never passed on. English and Russian sides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProfileCommands, startBotHarness, textOf, type BotHarness, type TestUser } from '../../support/botHarness.js';
import { chatJson, waitProjected } from './tandemSetup.js';

const accept = async (target: TestUser, label: string): Promise<void> => {
  await target.waitFor(/would like to practise|хочет практиковаться/u);
  await target.press(label);
};

describe('relay chat with several partners', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  it('asks who a message is for, remembers the choice, switches with /chat and ends one tandem with /end', async () => {
    const carolSpec = { id: 7_900_001, firstName: 'Carol', languageCode: 'en' };
    const danSpec = { id: 7_900_002, firstName: 'Дан', languageCode: 'ru' };
    const eveSpec = { id: 7_900_003, firstName: 'Eve', languageCode: 'en' };
    await harness.seed(danSpec.id, seedProfileCommands(danSpec, 'ru', 'en'));
    await harness.seed(eveSpec.id, seedProfileCommands(eveSpec, 'ru', 'en'));
    await harness.seed(carolSpec.id, seedProfileCommands(carolSpec, 'en', 'ru'));
    await waitProjected(harness, [carolSpec.id, danSpec.id, eveSpec.id]);
    const [carol, dan, eve] = [harness.user(carolSpec), harness.user(danSpec), harness.user(eveSpec)];
    await harness.seed(carol.id, [
      { type: 'RequestPartner', data: { target: String(dan.id) } },
      { type: 'RequestPartner', data: { target: String(eve.id) } },
    ]);
    await accept(dan, 'Принять');
    await accept(eve, 'Accept');
    await dan.waitFor('с подписью только вашим именем', { since: 0 });
    await eve.waitFor('signed with your first name', { since: 0 });
    await harness.emulator.waitFor((call) => Number(call.params.chat_id) === carol.id && /Eve.*\n\nEverything you send here/su.test(textOf(call)));
    await harness.emulator.waitFor((call) => Number(call.params.chat_id) === carol.id && /Дан.*\n\nEverything you send here/su.test(textOf(call)));

    // Two relay partners and no choice yet: who is it for?
    await carol.send('Hi there!');
    await carol.waitFor('Who is this message for?');
    expect(carol.buttons().map((label) => label.replace(/[\u2068\u2069]/gu, '')).sort()).toEqual(['Eve', 'Дан']);
    let mark = harness.emulator.calls().length;
    await carol.press(/Дан/u);
    await carol.waitFor('Sent to');
    const copied = await harness.emulator.waitFor((call) => call.seq > mark && call.method === 'copyMessage' && Number(call.params.chat_id) === dan.id);
    expect(Number(copied.params.from_chat_id)).toBe(carol.id);
    expect(dan.messages().some((message) => message.text === 'Hi there!')).toBe(true);
    expect(dan.messages().some((message) => /^💬 .*Carol/u.test(message.text ?? ''))).toBe(true);

    // The choice sticks.
    await carol.send('Second message');
    expect(textOf(await dan.waitFor('Second message'))).toMatch(/^💬 .*Carol/u);

    // /chat switches to Eve.
    await carol.send('/chat');
    await carol.waitFor('Who do you want to chat with?');
    await carol.press(/Eve/u);
    await carol.waitFor('You are chatting with');
    harness.advanceClock(60_000); // past the guard's burst of 5
    await carol.send('Now for Eve');
    expect(textOf(await eve.waitFor('Now for Eve'))).toMatch(/^💬 .*Carol/u);
    expect(dan.callsSince(mark).some((call) => textOf(call).includes('Now for Eve'))).toBe(false);

    // A shared contact (a phone number) is refused, never relayed.
    mark = harness.emulator.calls().length;
    await carol.sendMessage({ contact: { phone_number: '+491701234567', first_name: 'Carol' } });
    await carol.waitFor('not this kind of message');
    expect(chatJson(harness, eve)).not.toContain('491701234567');
    expect(chatJson(harness, dan)).not.toContain('491701234567');

    // /end with two tandems: a picker; ending Eve's leaves Dan's.
    await carol.send('/end');
    await carol.waitFor('Which tandem do you want to end?');
    harness.advanceClock(60_000);
    await carol.press(/Eve/u);
    await carol.waitFor('Rate from 1 to 5');
    await eve.waitFor('ended the tandem');
    expect(eve.buttons()).toEqual(['1 ★', '2 ★', '3 ★', '4 ★', '5 ★']);

    // The only relay partner left is Dan: messages go to him without asking.
    await carol.send('Still there?');
    expect(textOf(await dan.waitFor('Still there?'))).toMatch(/^💬 .*Carol/u);
    expect(eve.callsSince().some((call) => textOf(call).includes('Still there?'))).toBe(false);
  });
});
