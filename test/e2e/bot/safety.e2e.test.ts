// Safety end to end (issue #6, point 6), in English and Russian: block from a card's button, a report with reason
// and comment reaching the admins' /reports, a ban and an unban delivered to the reported user's actor, and the
// per-user rate limit answered exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { askUntil, ASK_AGAIN_MS, pause } from './safetySupport.js';
import { seedProfileCommands, type TelegramUserSpec, type TestUser } from '../../support/botHarness.js';
import { waitActive } from './tandemSetup.js';

/** Two users with complete, complementary profiles in the given languages: the first native in `languages[0]`. */
const pairOf = async (harness: BotHarness, first: TelegramUserSpec, second: TelegramUserSpec, languages: readonly [string, string]): Promise<[TestUser, TestUser]> => {
  await harness.seed(first.id, seedProfileCommands(first, languages[0], languages[1]));
  await harness.seed(second.id, seedProfileCommands(second, languages[1], languages[0]));
  await waitActive(harness, [first.id, second.id]);
  return [harness.user(first), harness.user(second)];
};

const ADMIN_EN = 7_600_900;
const ADMIN_RU = 7_600_901;

describe('safety', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    // The product's rate limit: the last test is about it, and askUntil paces itself by it.
    harness = await startBotHarness({ admins: [ADMIN_EN, ADMIN_RU], rateLimit: 'product' });
  }, 60_000);
  afterAll(() => harness.stop());

  it.each([
    { lang: 'en', confirm: /Block .?Bob.?\?/, button: 'Block', done: /You blocked .?Bob/ },
    { lang: 'ru', confirm: /Заблокировать пользователя .?Боря.?\?/, button: 'Заблокировать', done: /Вы заблокировали пользователя .?Боря/ },
  ])('blocks from a card after confirmation ($lang)', async ({ lang, confirm, button, done }) => {
    const base = lang === 'en' ? 7_600_010 : 7_600_020;
    // Two complementary profiles (seeded as the wizard leaves them; a language pair of their own, so nobody from
    // another test is offered), so Ann's /find shows Bob's card.
    const [ann, bob] = await pairOf(
      harness,
      { id: base + 1, firstName: lang === 'en' ? 'Ann' : 'Аня', languageCode: lang },
      { id: base + 2, firstName: lang === 'en' ? 'Bob' : 'Боря', languageCode: lang },
      lang === 'en' ? ['de', 'fr'] : ['es', 'it'],
    );
    await waitActive(harness, [ann.id, bob.id]);
    await ann.send('/find');
    await ann.waitFor(lang === 'en' ? 'Bob' : 'Боря');
    // The card's Block button (its data names Bob by a reference, never his Telegram id).
    expect(JSON.stringify(ann.lastKeyboard()?.reply_markup)).not.toContain(String(bob.id));
    await ann.press(lang === 'en' ? '🚫 Block' : '🚫 Заблокировать');
    await ann.waitFor(confirm);
    const confirmButton = ann.lastKeyboard()?.reply_markup?.inline_keyboard?.flat().find((b) => b.text === button)?.callback_data;
    await ann.press(button);
    await ann.waitFor(done);
    // Blocking twice (the confirmation pressed again) is refused clearly, never an error.
    await ann.pressData(confirmButton ?? 'sf:missing');
    await ann.waitFor(lang === 'en' ? /already/i : /уже/i);
  });

  it.each([
    { lang: 'ru', reason: 'Спам или реклама', received: /Спасибо/, bannedText: /аккаунт заблокирован/ },
    { lang: 'en', reason: 'Spam or advertising', received: /Thank you/, bannedText: /has been blocked/ },
  ])('a report with reason and comment reaches /reports; ban and unban reach the reported user ($lang)', async ({ lang, reason, received, bannedText }) => {
    const base = lang === 'en' ? 7_600_110 : 7_600_120;
    const [reporter, target] = await pairOf(
      harness,
      { id: base + 1, firstName: 'Rita', languageCode: lang },
      { id: base + 2, firstName: 'Spammy', languageCode: lang },
      lang === 'en' ? ['ja', 'ko'] : ['pt', 'nl'],
    );
    const admin = harness.user({ id: lang === 'en' ? ADMIN_EN : ADMIN_RU, firstName: 'Admin', languageCode: lang });
    await admin.send('/start');
    await admin.waitFor(/Admin/);
    await waitActive(harness, [reporter.id, target.id]);
    // Rita meets Spammy's card in /find and reports from it.
    await reporter.send('/find');
    await reporter.waitFor(/Spammy/);
    await reporter.press(lang === 'en' ? '⚠️ Report' : '⚠️ Пожаловаться');
    await reporter.waitFor(/Spammy/);
    await reporter.press(reason);
    await reporter.waitFor(lang === 'en' ? /comment/ : /комментарий/i);
    await reporter.send('Sends links to a casino 🎰 every hour');
    await reporter.waitFor(received);

    const queue = await askUntil(admin, '/reports', new RegExp(`id ${target.id}`));
    expect(queue).toContain('Sends links to a casino 🎰 every hour');
    expect(queue).toContain(lang === 'en' ? 'Spam or advertising' : 'Спам или реклама');
    const reportMessage = admin.lastKeyboard();
    await admin.press(lang === 'en' ? 'Ban' : 'Заблокировать', reportMessage);
    await admin.waitFor(lang === 'en' ? /user banned/ : /пользователь заблокирован/);

    // Told at once by their own actor when the ban arrives, then answered the same to anything they send.
    await target.waitFor(bannedText);
    await target.send('hello?');
    await target.waitFor(bannedText);
    await target.send('/find');
    await target.waitFor(bannedText);

    // The same report message, as the ban's edit left it.
    const banned = admin.messages().find((message) => message.message_id === reportMessage?.message_id);
    await admin.press(lang === 'en' ? 'Unban' : 'Разблокировать', banned);
    await admin.waitFor(lang === 'en' ? /user unbanned/ : /пользователь разблокирован/);
    await target.waitFor(lang === 'en' ? /has been restored/ : /восстановлен/, { since: target.mark });
    // Unbanned: the bot answers normally again (/unblock lists nobody).
    await askUntil(target, '/unblock', lang === 'en' ? /not blocked anyone/ : /никого не блокировали/);
  });

  it.each([
    { lang: 'en', notice: /too fast/ },
    { lang: 'ru', notice: /слишком часто|слишком быстро/ },
  ])('30 quick messages get exactly one rate-limit notice, and the bot carries on ($lang)', async ({ lang, notice }) => {
    const user = harness.user({ id: lang === 'en' ? 7_600_201 : 7_600_202, firstName: 'Quick', languageCode: lang });
    const start = harness.emulator.calls().length;
    for (let i = 1; i <= 30; i += 1) await user.send(`message ${i}`);
    await user.waitFor(notice, { since: start });
    // One refill interval later a message is allowed again, and its answer comes after every earlier reply in
    // this chat (one chat's calls go out in order): then the count of notices is final.
    await pause(ASK_AGAIN_MS);
    await user.send('/unblock');
    await user.waitFor(lang === 'en' ? /not blocked anyone/ : /никого не блокировали/);
    const notices = user.callsSince(start).filter((call) => notice.test(textOf(call)));
    expect(notices).toHaveLength(1);
  });
});
