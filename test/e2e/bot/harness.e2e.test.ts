// The harness every conversation test uses: a user's /start reaches the bot through the webhook and the greeting
// comes back at the emulated Bot API, in the user's language; a stray button press gets an answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';

describe('bot harness', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  it('greets in the Telegram language of the user (Russian, else English)', async () => {
    const olga = harness.user({ id: 7_100_001, firstName: 'Ольга', languageCode: 'ru' });
    await olga.send('/start');
    expect(textOf(await olga.waitFor('Ольга'))).toMatch(/[А-Яа-я]/);
    const ken = harness.user({ id: 7_100_002, firstName: 'Ken', languageCode: 'ja' });
    await ken.send('/start');
    expect(textOf(await ken.waitFor('Ken'))).toMatch(/[A-Za-z]/);
  });

  it('registers the command menu at start, in English by default and in Russian for Russian clients', async () => {
    const menuOf = async (languageCode: string) => {
      await harness.emulator.waitFor((call) => call.method === 'setMyCommands' && String(call.params.language_code ?? '') === languageCode);
      return harness.emulator.commandMenu(languageCode) as readonly { command: string; description: string }[];
    };
    const english = await menuOf('');
    const russian = await menuOf('ru');
    expect(english.map((entry) => entry.command)).toEqual(expect.arrayContaining(['start', 'find', 'requests', 'end', 'delete_me', 'help']));
    expect(russian.map((entry) => entry.command)).toEqual(english.map((entry) => entry.command));
    expect(english.find((entry) => entry.command === 'find')?.description).toMatch(/partner/);
    expect(russian.find((entry) => entry.command === 'find')?.description).toMatch(/партн/);
  });

  it('answers a press on a button nobody handles', async () => {
    const ann = harness.user({ id: 7_100_003, firstName: 'Ann', languageCode: 'en' });
    await ann.send('/start');
    await ann.waitFor('Ann');
    await ann.pressData('zz:gone');
    await ann.pressAnswer();
  });
});
