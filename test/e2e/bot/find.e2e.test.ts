// /find end to end, in English and Russian: users onboard through the real wizard, then find each other. The best
// card shows languages, overlap hours in the viewer's time and why; Next and Skip edit it in place; Send request
// records PartnerRequested. Nobody fits: advice and "Notify me"; a later suitable user triggers exactly one notice.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness, type TestUser } from '../../support/botHarness.js';
import { conversation, EN_WIZARD as EN, onboardThroughWizard as onboard, RU_WIZARD as RU } from './onboardingSteps.js';
import { waitActive } from './tandemSetup.js';

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
    await onboard(harness, ann, EN, { native: /English/, learning: /Russian/ });
    await onboard(harness, boris, RU, { native: /Русский/, learning: /Английский/ });
    await onboard(harness, vera, RU, { native: /Русский/, learning: /Английский/ });
    // /find reads the read side: let the projector have all three before anyone searches.
    await waitActive(harness, [ann.id, boris.id, vera.id]);

    // Russian: Boris sees Ann (Vera shares his languages, so she is no partner for him).
    const b = conversation(harness, boris);
    const borisCard = textOf(await b.send('/find', 'Партнёр 1 из 1'));
    expect(borisCard).toContain('Ann');
    expect(borisCard).toContain('Родные языки: Английский');
    expect(borisCard).toContain('Изучает: Русский (B1)');
    expect(borisCard).toContain('Общее свободное время: 35 часов в неделю (ваше время, Europe/Berlin)');
    expect(borisCard).toContain('Пн–Вс 18:00–23:00');
    expect(borisCard).toContain('Почему вы подходите друг другу');
    expect(boris.buttons()).toEqual(['✉️ Отправить запрос', 'Пропустить', 'Далее ➡️', '🚫 Заблокировать', '⚠️ Пожаловаться']);
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
    await onboard(harness, dan, EN, { native: /German/, learning: /French/ });
    const d = conversation(harness, dan);
    const none = await d.send('/find', 'Nobody fits you right now.');
    expect(textOf(none)).toContain('Adding another language you learn');
    await d.press(/Notify me/, 'I will message you once when a suitable partner appears');
    expect(await typesOf(harness, dan)).toContain('PartnerAlertRequested');
    // Search again with nothing new: the message is left as it is — Telegram refuses an edit that changes nothing —
    // and the press's notice says why.
    await d.send('/find', 'Nobody fits you right now.');
    const searchedAt = harness.emulator.calls().length;
    await dan.press(/Search again/);
    expect((await dan.pressAnswer()).params.text).toBe('Nothing new for now: the screen already shows the latest.');
    expect(harness.emulator.calls().filter((call) => call.seq > searchedAt && !call.response.ok)).toEqual([]);

    await onboard(harness, eve, EN, { native: /French/, learning: /German/ });
    await dan.waitFor('A suitable language partner has just joined. Send /find to see them.', { timeoutMs: 60_000 });
    // Eve pauses and resumes (another trigger): Dan's wish is spent, so nothing more comes.
    const e = conversation(harness, eve);
    await e.send('/pause', 'Your profile is paused');
    await e.send('/resume', 'Your profile is active again');
    await followerCaughtUp(harness, eve.id, 'active');
    await d.send('/help', '/find');
    expect(dan.messages().filter((m) => (m.text ?? '').includes('has just joined'))).toHaveLength(1);
    await waitActive(harness, [eve.id]);
    expect(textOf(await d.send('/find', 'Partner 1 of 1'))).toContain('Ève');
  }, 300_000);

  it('when nobody fits, advises and notifies in Russian; a paused watcher is not notified', async () => {
    const gleb = harness.user({ id: 7_700_021, firstName: 'Глеб', languageCode: 'ru' });
    const hana = harness.user({ id: 7_700_022, firstName: 'Hana', languageCode: 'ru' });
    const ira = harness.user({ id: 7_700_023, firstName: 'Ира', languageCode: 'ru' });
    await onboard(harness, gleb, RU, { native: /Японский/, learning: /Корейский/ });
    await onboard(harness, ira, RU, { native: /Японский/, learning: /Корейский/ });
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

    await onboard(harness, hana, RU, { native: /Корейский/, learning: /Японский/ });
    await gleb.waitFor('Появился подходящий языковой партнёр. Отправьте /find, чтобы посмотреть.', { timeoutMs: 60_000 });
    await followerCaughtUp(harness, hana.id, 'active');
    // Each watcher's next answer comes after anything the follower's offer made its actor send.
    await g.send('/help', '/find');
    await i.send('/help', '/find');
    expect(gleb.messages().filter((m) => (m.text ?? '').includes('Появился подходящий'))).toHaveLength(1);
    expect(ira.messages().filter((m) => (m.text ?? '').includes('Появился подходящий'))).toHaveLength(0);
  }, 300_000);
});
