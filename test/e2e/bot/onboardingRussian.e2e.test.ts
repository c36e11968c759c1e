// The onboarding wizard end to end in Russian: a language found by its Russian name, Back on a sub-step, /cancel in
// the middle and /start resuming at the first unfinished section, the time zone from a shared location.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { conversation } from './onboardingSteps.js';

describe('onboarding wizard (Russian)', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  it('speaks Russian throughout, resumes after /cancel and takes the time zone from a shared location', async () => {
    const olga = harness.user({ id: 7_300_001, firstName: 'Ольга', languageCode: 'ru' });
    const c = conversation(harness, olga);
    await c.send('/start', 'Шаг 1 из 6');
    expect(olga.messages().map((m) => m.text ?? '').join('\n')).toContain('Привет, \u2068Ольга\u2069!');

    await c.send('испанский', 'Нашёл');
    await c.press(/Испанский/, /Выбрано: .*Испанский/);
    await c.press(/Далее/, 'Шаг 2 из 6');

    await c.press(/Английский/, 'какой у вас уровень');
    await c.press(/Назад/, 'Шаг 2 из 6');
    await c.press(/Английский/, 'какой у вас уровень');
    await c.press(/B2/, /Выбрано: .*Английский \(B2\)/);
    await c.press(/Далее/, 'Шаг 3 из 6');

    await c.send('/cancel', 'Отменено.');
    expect(await c.pressDataForNotice('ob:interests:c:social')).toContain('Этот шаг уже пройден');
    const resumed = await c.send('/start', 'Шаг 3 из 6');
    expect(textOf(resumed)).toContain('С возвращением');

    await c.press(/Развлечения/, 'нажмите, чтобы выбрать');
    await c.press(/Музыка/, /Выбрано: .*Музыка/);
    await c.press(/Категории/, 'Шаг 3 из 6');
    await c.press(/Далее/, 'главное');
    await c.press(/Далее/, 'Шаг 4 из 6');

    await c.share({ location: { latitude: 55.7558, longitude: 37.6173 } }, 'Europe/Moscow');
    await c.press(/Будни/, 'В какое время');
    await c.press(/Вечер/, 'В какое время');
    await c.press(/Далее/, 'Шаг 5 из 6');
    await c.press(/Переписка/, 'Шаг 5 из 6');
    await c.press(/Далее/, 'Как часто');
    await c.press(/Каждый день/, 'Шаг 6 из 6');
    const review = textOf(await c.press(/Пропустить/, 'Вот ваш профиль'));
    for (const part of ['Испанский', 'Английский (B2)', 'Музыка', 'Будни', 'Europe/Moscow', 'Переписка', 'Каждый день', '90%']) expect(review).toContain(part);
    await c.press(/Подтвердить/, 'Профиль готов');
    await c.send('/cancel', 'Отменять нечего.');
  }, 300_000);
});
