// Admin commands end to end (issue #6, point 7), in English and Russian: hidden from everyone else, /stats with
// figures from the read models, and /broadcast — preview, confirm, delivery to every started user exactly once,
// progress in one edited message of the admin's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { askUntil } from './safetySupport.js';

const ADMIN_EN = 7_620_901;
const ADMIN_RU = 7_620_902;

describe('admin commands', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness({ admins: [ADMIN_EN, ADMIN_RU] });
  }, 60_000);
  afterAll(() => harness.stop());

  it.each([
    { lang: 'en', unknown: /do not know this command/ },
    { lang: 'ru', unknown: /\/help/ },
  ])('answers admin commands from anyone else like unknown commands ($lang)', async ({ lang, unknown }) => {
    const user = harness.user({ id: lang === 'en' ? 7_620_001 : 7_620_002, firstName: 'Nosy', languageCode: lang });
    for (const command of ['/stats', '/feedbacks', '/reports', '/broadcast']) {
      await user.send(command);
      const answer = textOf(await user.waitFor(unknown));
      expect(answer).not.toMatch(/Statistics|Статистика|queue|очередь/i);
    }
    // A forged admin button is refused the same way.
    await user.pressData('ad:rp:0');
    expect(String((await user.pressAnswer()).params.text)).toMatch(unknown);
  });

  it.each([
    { lang: 'en', figures: /Users: ([1-9]\d*) in total, \d+ active in the last 24 hours[\s\S]*Profiles completed: \d+[\s\S]*Acceptance rate: /, id: ADMIN_EN },
    { lang: 'ru', figures: /Пользователи: всего ([1-9]\d*), активны за 24 часа — \d+[\s\S]*Заполненных профилей: \d+[\s\S]*Доля принятых запросов: /, id: ADMIN_RU },
  ])('/stats answers with figures ($lang)', async ({ lang, figures, id }) => {
    const admin = harness.user({ id, firstName: 'Root', languageCode: lang });
    await admin.send('/start');
    await admin.waitFor('Root');
    const stats = await askUntil(admin, '/stats', figures);
    expect(Number(figures.exec(stats)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('/broadcast: preview, confirm, every started user receives it once, progress shown (ru admin)', async () => {
    const admin = harness.user({ id: ADMIN_RU, firstName: 'Root', languageCode: 'ru' });
    const users = [1, 2, 3].map((n) => harness.user({ id: 7_620_100 + n, firstName: `Reader${n}`, languageCode: n === 2 ? 'ru' : 'en' }));
    for (const user of users) {
      await user.send('/start');
      await user.waitFor(user.spec.firstName);
    }
    // Every started user is in the read models before the broadcast counts its recipients.
    const expected = users.length + 2; // the three readers and both admins (the nosy users never started)
    await askUntil(admin, '/stats', new RegExp(`всего ${expected},`));
    await admin.send('/broadcast');
    await admin.waitFor(/Напишите сообщение для всех/);
    const text = 'Привет! Hello! Новая функция: /find теперь объясняет совпадения. 🎉';
    await admin.send(text);
    await admin.waitFor(/Предпросмотр/);
    const preview = await admin.waitFor(text);
    expect(preview.params.reply_markup).toBeDefined();
    const before = harness.emulator.calls().length;
    await admin.press('Подтвердить и отправить');
    await admin.waitFor(/Подтверждено/);
    const done = await admin.waitFor(/Рассылка завершена: доставлено \d+ из \d+, не доставлено 0/, { timeoutMs: 30_000 });
    expect(textOf(done)).toContain(`доставлено ${expected} из ${expected}`);
    // The progress message was edited in place, not sent again.
    expect(done.method).toBe('editMessageText');
    for (const user of [...users, admin]) {
      const received = harness.emulator.calls().filter((call) => call.seq > before && call.method === 'sendMessage' && Number(call.params.chat_id) === user.id && call.params.text === text);
      expect(received).toHaveLength(1);
    }
    // A second press on the spent preview sends nothing again.
    await admin.pressData('ad:bc:yes', preview.response.ok ? (preview.response.result as never) : undefined);
    await admin.pressAnswer();
    const again = harness.emulator.calls().filter((call) => call.seq > before && call.method === 'sendMessage' && call.params.text === text);
    expect(again).toHaveLength(expected);
  });
});
