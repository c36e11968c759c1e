// /delete_me end to end, in English and Russian: the confirmation, the goodbye, the read-model row and users_total
// gone, nothing personal left readable anywhere in the log (also for a fresh reader, as a replay would be), and a
// new /start afterwards; "Keep my data" changes nothing.
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerReplayCommand } from '../../../ops/cli/commands/replay.js';
import { launchFoldWorkerFromSources } from '../../support/foldWorkerFromSources.js';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { userRow, usersTotal, wholeLog } from './deleteMeSupport.js';

const LANGUAGES = [
  {
    code: 'en',
    id: 7_600_001,
    name: 'Zephyrine',
    bio: 'Zephyrine from Lyon',
    welcome: /Zephyrine/,
    firstWelcome: /Zephyrine.*set up your profile/,
    confirm: /Delete everything\?/,
    deleteButton: 'Delete everything',
    done: /Your data has been deleted/,
    stale: /belongs to an older message/,
  },
  {
    code: 'ru',
    id: 7_600_002,
    name: 'Прасковья',
    bio: 'Прасковья из Твери',
    welcome: /Прасковья/,
    firstWelcome: /Прасковья.*заполним профиль/,
    confirm: /Удалить всё\?/,
    deleteButton: 'Удалить всё',
    done: /Ваши данные удалены/,
    stale: /из старого сообщения/,
  },
] as const;

describe('/delete_me', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  for (const lang of LANGUAGES) {
    it(`[${lang.code}] confirms, says goodbye, purges the read models and the log's personal text, and lets the user start again`, async () => {
      const before = await usersTotal(harness);
      const user = harness.user({ id: lang.id, firstName: lang.name, username: `u${lang.id}`, languageCode: lang.code });
      await user.send('/start');
      await user.waitFor(lang.welcome);
      await expect.poll(() => userRow(harness, lang.id), { timeout: 30_000 }).toMatchObject({ first_name: lang.name });
      await expect.poll(() => usersTotal(harness), { timeout: 30_000 }).toBe(before + 1);
      // Sealed at rest from the start: the raw log never holds the name.
      expect((await wholeLog(harness)).raw).not.toContain(lang.name);

      await user.send('/delete_me');
      const prompt = await user.waitFor(lang.confirm);
      expect(user.buttons()).toHaveLength(2);
      expect(textOf(prompt).length).toBeLessThanOrEqual(4096);
      await user.press(lang.deleteButton);
      await user.waitFor(lang.done);
      // Edited in place: the prompt became the goodbye, its buttons gone.
      const goodbye = user.messages().find((message) => lang.done.test(message.text ?? ''));
      expect(goodbye?.reply_markup?.inline_keyboard ?? []).toEqual([]);
      expect(user.messages().some((message) => lang.confirm.test(message.text ?? ''))).toBe(false);

      await expect.poll(() => userRow(harness, lang.id), { timeout: 30_000 }).toBeUndefined();
      await expect.poll(() => usersTotal(harness), { timeout: 30_000 }).toBe(before);
      const log = await wholeLog(harness);
      expect(log.opened).not.toContain(lang.name);
      expect(log.opened).not.toContain(`u${lang.id}`);
      expect(log.opened).toContain(String(lang.id));

      // Back as a newcomer: the first-contact greeting and the wizard from its first step.
      await user.send('/start');
      await user.waitFor(lang.firstWelcome);
      await expect.poll(() => userRow(harness, lang.id), { timeout: 30_000 }).toMatchObject({ first_name: lang.name, status: 'onboarding' });
      await expect.poll(() => usersTotal(harness), { timeout: 30_000 }).toBe(before + 1);
      const events = await harness.events(lang.id);
      expect(events.filter((e) => e.type === 'UserStarted').map((e) => (e.data as { firstName: string }).firstName)).toEqual(['(forgotten)', lang.name]);

      // The old prompt's confirm button belongs to the first start: pressed now, it deletes nothing and says so.
      const markup = prompt.params.reply_markup as { inline_keyboard: { callback_data?: string }[][] };
      const confirmData = markup.inline_keyboard.flat().find((button) => button.callback_data?.startsWith('dm:yes'))?.callback_data;
      await user.pressData(confirmData!);
      await user.waitFor(lang.stale);
      expect((await harness.events(lang.id)).filter((e) => e.type === 'UserForgotten')).toHaveLength(1);
      expect(await userRow(harness, lang.id)).toMatchObject({ first_name: lang.name });
    });
  }

  it('"Keep my data" changes nothing (en and ru)', async () => {
    for (const [id, code, name, keep, cancelled] of [
      [7_600_011, 'en', 'Quillon', 'Keep my data', /Nothing was deleted/],
      [7_600_012, 'ru', 'Фёкла', 'Оставить мои данные', /Ничего не удалено/],
    ] as const) {
      const user = harness.user({ id, firstName: name, languageCode: code });
      await user.send('/start');
      await user.waitFor(name);
      await expect.poll(() => userRow(harness, id), { timeout: 30_000 }).toMatchObject({ first_name: name });
      await user.send('/delete_me');
      await user.waitFor(code === 'en' ? /Delete everything\?/ : /Удалить всё\?/);
      await user.press(keep);
      await user.waitFor(cancelled);
      await user.send('/delete_me');
      await user.waitFor(code === 'en' ? /Delete everything\?/ : /Удалить всё\?/);
      expect(await userRow(harness, id)).toMatchObject({ first_name: name });
      const events = await harness.events(id);
      expect(events.some((e) => e.type === 'UserForgotten')).toBe(false);
      expect(events.find((e) => e.type === 'UserStarted')?.data).toMatchObject({ firstName: name });
    }
  });

  it('answers /delete_me of someone with no profile', async () => {
    const user = harness.user({ id: 7_600_021, firstName: 'Nobody', languageCode: 'ru' });
    await user.send('/delete_me');
    await user.waitFor(/Удалять нечего/);
  });

  it('a replay of the log after the forgets rebuilds exactly the live read models (lexbot ops replay --verify)', async () => {
    const lines: string[] = [];
    let exitCode = 0;
    const program = new Command('lexbot').exitOverride();
    registerReplayCommand(program.command('ops').exitOverride(), {
      env: () => ({ DATABASE_URL: harness.databaseUrl }),
      print: (line) => lines.push(line),
      setExitCode: (code) => (exitCode = code),
      progress: false,
      launchFoldWorker: launchFoldWorkerFromSources,
    });
    // The live projector may still be applying the last events: verify until it caught up (bounded).
    await expect
      .poll(
        async () => {
          lines.length = 0;
          exitCode = 0;
          await program.parseAsync(['ops', 'replay', '--verify', '--json'], { from: 'user' });
          return (JSON.parse(lines[0]!) as { verify: { differences: unknown[] } }).verify.differences;
        },
        { timeout: 30_000 },
      )
      .toEqual([]);
    expect(exitCode).toBe(0);
  });
});
