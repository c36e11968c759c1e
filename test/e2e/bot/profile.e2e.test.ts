// /profile end to end: the card, editing one section through the wizard's own screens and back to the card, a
// 4096-character bio answered with the limit, and /language switching every later message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { conversation, onboardInEnglish } from './onboardingSteps.js';

describe('/profile and /language', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  it('edits a section from the card, refuses an over-long bio, and switches the interface language', async () => {
    const nora = harness.user({ id: 7_400_001, firstName: 'Nora', languageCode: 'en' });
    const c = conversation(harness, nora);
    await onboardInEnglish(harness, nora);

    const card = textOf(await c.send('/profile', 'Your profile is 90% complete'));
    for (const part of ['Nora', 'English', 'German (B1)', 'Music', 'Any day', 'Europe/Berlin', 'Text messages', 'Every day']) expect(card).toContain(part);

    await c.press(/Interests/, 'What are you interested in');
    expect(textOf(nora.lastKeyboard() ?? { message_id: 0 })).not.toContain('Step');
    await c.press(/Education/, 'tap to choose or remove');
    await c.press(/Books/, /Chosen: .*Books/);
    await c.press(/Categories/, 'What are you interested in');
    await c.press(/Next/, 'matter most');
    const edited = textOf(await c.press(/Next/, 'Your profile is 90% complete'));
    expect(edited).toMatch(/Music.*Books/);

    await c.press(/About me/, 'Tell your future partners');
    const refused = textOf(await c.send('x'.repeat(4096), 'within 500'));
    expect(refused.length).toBeLessThan(4096);
    const withBio = textOf(await c.send('Hiking and jazz.', 'Your profile is 100% complete'));
    expect(withBio).toContain('Hiking and jazz.');

    await c.send('/language', 'Choose the language');
    await c.press(/Русский/, 'Готово: буду говорить');
    expect(textOf(await c.send('/profile', 'Профиль заполнен на 100%'))).toContain('Английский');
    expect(textOf(await c.send('/help', '/requests'))).toContain('Ваши запросы');
    await c.send('/language', 'Выберите язык');
    await c.press(/English/, 'Done: I will speak English');
    await c.send('/help', 'Your requests and tandem partners');
  }, 400_000);
});
