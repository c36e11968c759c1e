// Feedback end to end (issue #6, point 7), in English and Russian: /feedback answers a too-short text with the
// limits and keeps the flow open, a valid one reaches every admin, and /feedbacks lets an admin mark it processed
// and archive it (decisions in the admin's stream, seen through the read models).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { askUntil } from './safetySupport.js';

const ADMINS = [7_610_901, 7_610_902];

describe('feedback', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness({ admins: ADMINS });
  }, 60_000);
  afterAll(() => harness.stop());

  it.each([
    { lang: 'en', adminLang: 'ru', ask: /Write your message/, tooShort: /5 characters long; it must be 10–1\D?000/, thanks: /Thank you/, processed: /обработано/, archived: /в архиве/, button: 'Обработано', archive: 'В архив' },
    { lang: 'ru', adminLang: 'en', ask: /Напишите сообщение/, tooShort: /от 10 до 1\D?000/, thanks: /Спасибо/, processed: /· processed/, archived: /· archived/, button: 'Mark processed', archive: 'Archive' },
  ])('too short, then valid: admins receive it; /feedbacks marks it processed and archives it ($lang)', async (c) => {
    const base = c.lang === 'en' ? 7_610_010 : 7_610_020;
    const user = harness.user({ id: base + 1, firstName: 'Fiona', languageCode: c.lang });
    const admin = harness.user({ id: c.lang === 'en' ? ADMINS[0]! : ADMINS[1]!, firstName: 'Boss', languageCode: c.adminLang });
    const other = harness.user({ id: c.lang === 'en' ? ADMINS[1]! : ADMINS[0]!, firstName: 'Boss2', languageCode: c.lang });
    for (const who of [admin, user]) {
      await who.send('/start');
      await who.waitFor(/Boss|Fiona/);
    }
    await user.send('/feedback');
    await user.waitFor(c.ask);
    await user.send('short');
    await user.waitFor(c.tooShort);
    const text = `${c.lang}: the matching is great, but please add Esperanto 🌍 — ${base}`;
    const sentAt = harness.emulator.calls().length;
    await user.send(text);
    await user.waitFor(c.thanks);
    // Every admin gets the message, once.
    for (const who of [admin, other]) {
      const notice = await who.waitFor(String(base), { since: sentAt });
      expect(textOf(notice)).toContain(text);
      expect(textOf(notice)).toContain('Fiona');
    }

    const inbox = await askUntil(admin, '/feedbacks', new RegExp(String(base)));
    expect(inbox).toContain(text);
    await admin.press(c.button);
    await admin.waitFor(c.processed);
    // The read model learns the review too: the inbox shows it processed.
    await askUntil(admin, '/feedbacks', c.processed);
    await admin.press(c.archive);
    await admin.waitFor(c.archived);
    // Archived: the inbox moves on (to older feedback, or says it is empty) once the read model has it.
    const inboxWithout = new RegExp(`^(?![\\s\\S]*${base})(${c.adminLang === 'en' ? 'Feedback \\d+ of|There is no feedback' : 'Сообщение \\d+ из|Нет сообщений'})`);
    const after = await askUntil(admin, '/feedbacks', inboxWithout);
    expect(after).not.toContain(String(base));
    const notices = other.callsSince(sentAt).filter((call) => textOf(call).includes(text));
    expect(notices).toHaveLength(1);
  });

  it('Cancel on the prompt cancels; on the prompt of a message already sent it never claims "not sent"', async () => {
    const user = harness.user({ id: 7_610_031, firstName: 'Gil', languageCode: 'en' });
    await user.send('/start');
    await user.waitFor(/Gil/);
    await user.send('/feedback');
    await user.waitFor(/Write your message/);
    await user.press('Cancel');
    await user.waitFor('Your message was not sent.');

    await user.send('/feedback');
    await user.waitFor(/Write your message/);
    const promptMessage = [...user.messages()].reverse().find((message) => /Write your message/.test(message.text ?? ''));
    await user.send('The search works well, thank you very much!');
    await user.waitFor(/Thank you/);
    const pressedAt = harness.emulator.calls().length;
    await user.press('Cancel', promptMessage);
    const answer = await user.pressAnswer();
    expect(String(answer.params.text)).toMatch(/no longer active/);
    // The old button is gone, and nothing says the sent message was not sent.
    await harness.emulator.waitFor((call) => call.seq > pressedAt && call.method === 'editMessageReplyMarkup' && Number(call.params.chat_id) === user.id);
    expect(user.callsSince(pressedAt).map(textOf).join('\n')).not.toContain('not sent');
  });
});
