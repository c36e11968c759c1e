// A Russian user through the whole product — /start … /help, /find, /requests, a relay tandem, /profile, /pause and
// /resume, /feedback, /block, /end with a rating, /unblock, /reset, /delete_me — answered in Russian at every step;
// then everything her chat shows is read as she would: Russian words only (besides names, commands and a few labels
// such as UTC), no raw placeholder, "undefined", or a sign-inverted Etc/GMT zone; and the English partner she wrote
// to read only English around her name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProfileCommands, startBotHarness, textOf, type BotHarness, type TestUser } from '../../support/botHarness.js';
import { conversation, onboardThroughWizard, RU_WIZARD } from './onboardingSteps.js';
import { waitActive } from './tandemSetup.js';

/** Latin words a Russian chat may show: the partners' names, the product, Telegram's terms, zone and level labels. */
const LATIN_ALLOWED = new Set(['John', 'Maria', 'Lexbot', 'Telegram', 'username', 'UTC', 'Europe', 'Berlin', 'Moscow', 'Asia', 'Tokyo', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'ISO', 'sv', 'de']);

/** Every text the bot put in a chat (sent or edited), in order. */
const chatTexts = (harness: BotHarness, user: TestUser): string[] =>
  harness.emulator
    .calls()
    .filter((call) => ['sendMessage', 'editMessageText', 'copyMessage'].includes(call.method) && Number(call.params.chat_id) === user.id)
    .map(textOf)
    .filter((text) => text !== '');

describe('a Russian user through the whole product', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  it('is answered in Russian at every step, with nothing technical or English in her chat', async () => {
    const john = harness.user({ id: 7_960_001, firstName: 'John', languageCode: 'en' });
    const maria = harness.user({ id: 7_960_002, firstName: 'Maria', languageCode: 'en' });
    await harness.seed(john.id, seedProfileCommands(john.spec, 'en', 'ru'));
    await harness.seed(maria.id, seedProfileCommands(maria.spec, 'en', 'ru'));
    const olga = harness.user({ id: 7_960_003, firstName: 'Ольга', languageCode: 'ru' });
    await onboardThroughWizard(harness, olga, RU_WIZARD, { native: /Русский/, learning: /Английский/ });
    await waitActive(harness, [john.id, maria.id, olga.id]);
    const c = conversation(harness, olga);

    await c.send('/help', '/delete_me — Удалить все ваши данные');
    await c.send('/nonsense', 'Я не знаю такой команды');
    await c.send('привет', 'Я не понял');
    await c.send('/requests', 'нет ожидающих запросов');

    await c.send('/find', 'Партнёр 1 из 2');
    await c.press(/Далее/, 'Партнёр 2 из 2');
    await c.press(/Далее/, 'Партнёр 1 из 2');
    await c.press(/Отправить запрос/, 'Запрос отправлен');
    await john.waitFor('would like to practise with you', { since: 0 });

    // Maria asks her; she accepts on the card and the relay tandem starts.
    await harness.seed(maria.id, [{ type: 'RequestPartner', data: { target: String(olga.id) } }]);
    await olga.waitFor('хочет практиковаться', { since: 0, timeoutMs: 30_000 });
    const card = [...olga.messages()].reverse().find((message) => (message.text ?? '').includes('хочет практиковаться'));
    await olga.press(/Принять/, card);
    await olga.waitFor('Теперь вы и', { timeoutMs: 30_000 });
    await c.send('/requests', 'Ваши партнёры по тандему');
    await c.send('/chat', 'Ваш собеседник сейчас');
    await maria.send('Привет, Ольга!');
    await olga.waitFor('Привет, Ольга!', { since: 0 });

    await c.send('/profile', 'Профиль заполнен на');
    await c.send('/pause', 'Профиль приостановлен');
    await c.send('/find', 'на паузе');
    await c.send('/pause', 'уже приостановлен');
    await c.send('/resume', 'снова активен');
    await c.send('/resume', 'не приостановлен');

    await c.send('/feedback', 'Напишите сообщение команде');
    await c.send('коротко', 'В сообщении 7 символов');
    await c.send('Очень удобный бот, спасибо большое!', 'Команда получила');

    await c.send('/block', 'Заблокировать пользователя');
    await c.press(/Отмена/, 'Ничего не изменилось');
    await c.send('/end', 'Оцените от 1 до 5');
    await c.press(/^4/, 'Добавьте комментарий');
    await c.press(/Пропустить/, 'Спасибо за оценку');
    await c.send('/unblock', 'никого не блокировали');
    await c.send('/reset', 'Продолжить?');
    await c.press(/Нет, оставить/, 'Профиль остался без изменений');
    await c.send('/delete_me', 'Удалить всё?');
    await c.press(/Удалить всё/, 'Ваши данные удалены');
    await c.send('/find', 'Ваши данные удалены по вашей просьбе');

    const texts = chatTexts(harness, olga);
    expect(texts.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const text of texts) {
      const latin = [...text.replace(/(?<![\p{L}\p{N}_/.])\/[a-z_]+/gu, '').matchAll(/[A-Za-z][A-Za-z0-9]*/g)].map((match) => match[0]).filter((word) => !LATIN_ALLOWED.has(word));
      if (latin.length > 0) problems.push(`English in: ${text.slice(0, 120)} (${latin.join(', ')})`);
      if (/undefined|NaN|\{|\}|Etc\/|GMT/.test(text)) problems.push(`technical: ${text.slice(0, 120)}`);
      for (const id of [john.id, maria.id]) if (text.includes(String(id))) problems.push(`an id: ${text.slice(0, 120)}`);
    }
    expect(problems).toEqual([]);
    // The English partner's chat: English around her name.
    for (const text of chatTexts(harness, john)) expect(text.replaceAll('Ольга', ''), text).not.toMatch(/\p{Script=Cyrillic}/u);
  }, 300_000);
});
