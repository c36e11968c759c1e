// /find end to end, in English and Russian: users onboard through the real wizard, then find each other. The best
// card shows languages, overlap hours in the viewer's time and why; Next and Skip edit it in place; Send request
// records PartnerRequested. Nobody fits: advice and "Notify me"; a later suitable user triggers exactly one notice.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness, type TestUser } from '../../support/botHarness.js';
import { conversation } from './onboardingSteps.js';

interface Wizard {
  readonly step: (n: number) => string;
  readonly chosen: string;
  readonly next: RegExp;
  readonly level: string;
  readonly category: RegExp;
  readonly categoryHint: string;
  readonly interest: RegExp;
  readonly categories: RegExp;
  readonly primary: string;
  readonly city: RegExp;
  readonly days: string;
  readonly anyDay: RegExp;
  readonly slots: string;
  readonly evening: RegExp;
  readonly style: RegExp;
  readonly frequency: string;
  readonly daily: RegExp;
  readonly skip: RegExp;
  readonly review: string;
  readonly confirm: RegExp;
  readonly ready: string;
}

const EN: Wizard = {
  step: (n) => `Step ${n} of 6`, chosen: 'Chosen:', next: /^Next/, level: 'What is your level', category: /Entertainment/,
  categoryHint: 'tap to choose or remove', interest: /Music/, categories: /Categories/, primary: 'matter most', city: /Berlin/,
  days: 'On which days', anyDay: /Any day/, slots: 'times of day', evening: /Evening/, style: /Text messages/, frequency: 'How often',
  daily: /Every day/, skip: /Skip/, review: 'Here is your profile', confirm: /Confirm/, ready: 'Your profile is ready',
};

const RU: Wizard = {
  step: (n) => `Шаг ${n} из 6`, chosen: 'Выбрано:', next: /^Далее/, level: 'Какой у вас уровень', category: /Развлечения/,
  categoryHint: 'нажмите, чтобы выбрать или убрать', interest: /Музыка/, categories: /Категории/, primary: 'главное', city: /Берлин/,
  days: 'В какие дни', anyDay: /Любой день/, slots: 'В какое время суток', evening: /Вечер/, style: /Переписка/, frequency: 'Как часто',
  daily: /Каждый день/, skip: /Пропустить/, review: 'Вот ваша анкета', confirm: /Подтвердить/, ready: 'Профиль готов',
};

/** The whole wizard through its buttons: one native language, one learnt at B1, Berlin evenings. */
const onboard = async (harness: BotHarness, user: TestUser, w: Wizard, native: RegExp, learning: RegExp): Promise<void> => {
  const c = conversation(harness, user);
  await c.send('/start', w.step(1));
  await c.press(native, w.chosen);
  await c.press(w.next, w.step(2));
  await c.press(learning, w.level);
  await c.press(/B1/, w.chosen);
  await c.press(w.next, w.step(3));
  await c.press(w.category, w.categoryHint);
  await c.press(w.interest, w.chosen);
  await c.press(w.categories, w.step(3));
  await c.press(w.next, w.primary);
  await c.press(w.next, w.step(4));
  await c.press(w.city, w.days);
  await c.press(w.anyDay, w.slots);
  await c.press(w.evening, w.slots);
  await c.press(w.next, w.step(5));
  await c.press(w.style, w.step(5));
  await c.press(w.next, w.frequency);
  await c.press(w.daily, w.step(6));
  await c.press(w.skip, w.review);
  await c.press(w.confirm, w.ready);
};

const typesOf = async (harness: BotHarness, user: TestUser): Promise<readonly string[]> => (await harness.events(user.id)).map((e) => e.type);

/**
 * Waits until the partner-alert follower has read the log as far as the read models have, once they show `userId`
 * in `status`: everything that user did by then has been offered (or not) to the watchers.
 */
const followerCaughtUp = async (harness: BotHarness, userId: number, status: string): Promise<void> => {
  const pool = new pg.Pool({ connectionString: harness.databaseUrl, max: 1 });
  try {
    for (;;) {
      const user = await pool.query<{ status: string }>('select status from read_models.users where user_id = $1', [userId]);
      if (user.rows[0]?.status === status) {
        const marks = await pool.query<{ behind: boolean }>(
          `select (a.commit, a.position) < (r.commit, r.position) as behind
             from partner_alerts.projection_checkpoints a, read_models.projection_checkpoints r
            where a.projection = 'partner_alerts' and r.projection = 'read_models'`,
        );
        if (marks.rows[0]?.behind === false) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await pool.end();
  }
};

describe('/find (English and Russian)', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  it('shows the complementary partners’ cards, moves with Next and Skip in place, and sends a request', async () => {
    const ann = harness.user({ id: 7_700_001, firstName: 'Ann', languageCode: 'en' });
    const boris = harness.user({ id: 7_700_002, firstName: 'Борис', languageCode: 'ru' });
    const vera = harness.user({ id: 7_700_003, firstName: 'ורה 🌸', languageCode: 'ru' });
    // One after the other: the wizard steps wait on the emulator's shared call log, which tells presses apart by chat only.
    await onboard(harness, ann, EN, /English/, /Russian/);
    await onboard(harness, boris, RU, /Русский/, /Английский/);
    await onboard(harness, vera, RU, /Русский/, /Английский/);

    // Russian: Boris sees Ann (Vera shares his languages, so she is no partner for him).
    const b = conversation(harness, boris);
    const borisCard = textOf(await b.send('/find', 'Партнёр 1 из 1'));
    expect(borisCard).toContain('Ann');
    expect(borisCard).toContain('Родной: Английский');
    expect(borisCard).toContain('Изучает: Русский (B1)');
    expect(borisCard).toContain('Общее свободное время: 35 часов в неделю (ваше время, Europe/Berlin)');
    expect(borisCard).toContain('Пн–Вс 18:00–23:00');
    expect(borisCard).toContain('Почему вы подходите друг другу');
    expect(boris.buttons()).toEqual(['✉️ Отправить запрос', 'Пропустить', 'Дальше ➡️', '🚫 Заблокировать', '⚠️ Пожаловаться']);
    expect(borisCard).not.toContain(String(ann.id));

    // English: Ann has two partners of equal score, so the lower id (Boris) comes first; Next and Skip edit the one message.
    const a = conversation(harness, ann);
    const first = await a.send('/find', 'Partner 1 of 2');
    expect(textOf(first)).toContain('Борис');
    expect(textOf(first)).toContain('Native: Russian');
    expect(textOf(first)).toContain('Learning: English (B1)');
    expect(textOf(first)).toContain('Free at the same time: 35 hours a week (your time, Europe/Berlin)');
    expect(textOf(first)).toContain('Why this match:');
    expect(ann.buttons()).toEqual(['✉️ Send request', 'Skip', 'Next ➡️', '🚫 Block', '⚠️ Report']);
    const cardId = first.response.ok ? (first.response.result as { message_id: number }).message_id : -1;
    const second = await a.press(/Next/, 'Partner 2 of 2');
    expect(second.method).toBe('editMessageText');
    expect(second.params.message_id).toBe(cardId);
    expect(textOf(second)).toContain('\u2068ורה 🌸\u2069');
    expect(textOf(await a.press(/Next/, 'Partner 1 of 2'))).toContain('Борис');
    const skipped = await a.press(/^Skip$/, 'Partner 1 of 1');
    expect(skipped.params.message_id).toBe(cardId);
    expect(textOf(skipped)).toContain('ורה 🌸');
    expect(ann.messages().filter((m) => (m.text ?? '').includes('Partner'))).toHaveLength(1);

    // The card keeps only Next (an edit without text); the confirmation follows as a new message.
    let mark = harness.emulator.calls().length;
    await a.press(/Send request/, /^$/);
    await ann.waitFor(/Request sent to .*They have 48 hours to answer/, { since: mark });
    expect(ann.buttons()).toEqual(['Next ➡️']);
    expect(await typesOf(harness, ann)).toContain('PartnerRequested');
    // Boris asks Ann too, in Russian.
    mark = harness.emulator.calls().length;
    await b.press(/Отправить запрос/, /^$/);
    await boris.waitFor(/Запрос отправлен: .*Ann/, { since: mark });
    expect(await typesOf(harness, boris)).toContain('PartnerRequested');
  }, 600_000);

  it('when nobody fits, says what to change and notifies once when a suitable partner appears (English)', async () => {
    const dan = harness.user({ id: 7_700_011, firstName: 'Dan', languageCode: 'en' });
    const eve = harness.user({ id: 7_700_012, firstName: 'Ève', languageCode: 'en' });
    await onboard(harness, dan, EN, /German/, /French/);
    const d = conversation(harness, dan);
    const none = await d.send('/find', 'Nobody fits you right now.');
    expect(textOf(none)).toContain('Adding another language you learn');
    await d.press(/Notify me/, 'I will message you once when a suitable partner appears');
    expect(await typesOf(harness, dan)).toContain('PartnerAlertRequested');

    await onboard(harness, eve, EN, /French/, /German/);
    await dan.waitFor('A suitable language partner has just joined. Send /find to see them.', { timeoutMs: 60_000 });
    // Eve pauses and resumes (another trigger): Dan's wish is spent, so nothing more comes.
    const e = conversation(harness, eve);
    await e.send('/pause', 'Your profile is paused');
    await e.send('/resume', 'Your profile is active again');
    await followerCaughtUp(harness, eve.id, 'active');
    await d.send('/help', '/find');
    expect(dan.messages().filter((m) => (m.text ?? '').includes('has just joined'))).toHaveLength(1);
    expect(textOf(await d.send('/find', 'Partner 1 of 1'))).toContain('Ève');
  }, 300_000);

  it('when nobody fits, advises and notifies in Russian; a paused watcher is not notified', async () => {
    const gleb = harness.user({ id: 7_700_021, firstName: 'Глеб', languageCode: 'ru' });
    const hana = harness.user({ id: 7_700_022, firstName: 'Hana', languageCode: 'ru' });
    const ira = harness.user({ id: 7_700_023, firstName: 'Ира', languageCode: 'ru' });
    await onboard(harness, gleb, RU, /Японский/, /Корейский/);
    await onboard(harness, ira, RU, /Японский/, /Корейский/);
    const g = conversation(harness, gleb);
    const none = await g.send('/find', 'Сейчас вам никто не подходит.');
    expect(textOf(none)).toContain('Добавьте ещё один изучаемый язык');
    expect(gleb.buttons()).toEqual(['🔔 Сообщить мне', '🔄 Искать снова']);
    await g.press(/Сообщить мне/, 'я напишу один раз');
    // Ira asks too, then pauses: a pause silences alerts.
    const i = conversation(harness, ira);
    await i.send('/find', 'Сейчас вам никто не подходит.');
    await i.press(/Сообщить мне/, 'я напишу один раз');
    await i.send('/pause', 'Профиль приостановлен');

    await onboard(harness, hana, RU, /Корейский/, /Японский/);
    await gleb.waitFor('Появился подходящий языковой партнёр. Отправьте /find, чтобы посмотреть.', { timeoutMs: 60_000 });
    await followerCaughtUp(harness, hana.id, 'active');
    // Each watcher's next answer comes after anything the follower's offer made its actor send.
    await g.send('/help', '/find');
    await i.send('/help', '/find');
    expect(gleb.messages().filter((m) => (m.text ?? '').includes('Появился подходящий'))).toHaveLength(1);
    expect(ira.messages().filter((m) => (m.text ?? '').includes('Появился подходящий'))).toHaveLength(0);
  }, 300_000);
});
