// The onboarding wizard end to end in English: every step through its buttons, a language found by typing, Back,
// typed and picked time zones, a typed bio, the review with a section edited from it, and what old buttons and stray
// text get afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { conversation } from './onboardingSteps.js';

describe('onboarding wizard (English)', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  it('takes a new user from /start to a confirmed profile, one message edited in place per step', async () => {
    const emma = harness.user({ id: 7_200_001, firstName: 'Emma', languageCode: 'en' });
    const c = conversation(harness, emma);
    await c.send('/start', 'Step 1 of 6');
    expect(emma.messages().map((m) => m.text ?? '').join('\n')).toContain('Let us set up your profile');
    expect(emma.buttons().some((label) => label.includes('Back'))).toBe(false);

    await c.press(/English/, /Chosen: .*English/);
    await c.send('swedish', 'I found');
    // The step moved to a new message: the old one lost its buttons, so only one wizard screen can be pressed.
    expect(emma.messages().filter((message) => (message.reply_markup?.inline_keyboard?.length ?? 0) > 0)).toHaveLength(1);
    await c.press(/Swedish/, /Chosen: .*English.*Swedish/);
    await c.press(/Next/, 'Step 2 of 6');

    // Back from step 2 shows step 1 with the committed languages still chosen.
    await c.press(/Back/, 'Step 1 of 6');
    expect(emma.buttons()).toEqual(expect.arrayContaining(['✅ 🇬🇧 English', '✅ 🇸🇪 Swedish']));
    await c.press(/Next/, 'Step 2 of 6');

    expect(emma.buttons().some((label) => label.includes('English'))).toBe(false);
    const level = await c.press(/German/, 'What is your level in');
    expect(textOf(level)).toContain('B1 · Intermediate — ');
    await c.press(/B1/, /Chosen: .*German \(B1\)/);
    await c.press(/Next/, 'Step 3 of 6');

    await c.press(/Entertainment/, 'tap to choose or remove');
    await c.press(/Music/, /Chosen: .*Music/);
    await c.press(/Movies/, /Chosen: .*Movies/);
    await c.press(/Categories/, 'Step 3 of 6');
    expect(emma.buttons()).toContain('Entertainment (2)');
    await c.press(/Next/, 'matter most');
    await c.press(/Music/, 'matter most');
    expect(emma.buttons()).toContain('⭐ 🎵 Music');
    await c.press(/Next/, 'Step 4 of 6');

    await c.send('Atlantis', 'could not recognise');
    await c.send('UTC+5:30', 'Asia/');
    await c.press(/Back/, 'Step 4 of 6');
    await c.press(/UTC offsets/, 'Choose your UTC offset');
    await c.press(/^UTC\+2$/, 'Time zone: UTC+2\n');
    await c.press(/Chosen days/, 'Choose your days');
    await c.send('hello?', 'Please use the buttons');
    await c.press(/Mon/, 'Choose your days');
    await c.press(/Sat/, 'Choose your days');
    await c.press(/Next/, 'times of day');
    await c.press(/Evening/, 'times of day');
    await c.press(/Next/, 'Step 5 of 6');

    await c.press(/Voice messages/, 'Step 5 of 6');
    await c.press(/Next/, 'How often');
    await c.press(/Once a week/, 'Step 6 of 6');

    const review = textOf(await c.send('I teach English and love hiking.', 'Here is your profile'));
    for (const part of ['English', 'Swedish', 'German (B1)', 'Music ⭐', 'Mon, Sat', 'Evening', 'Voice messages', 'Once a week', 'love hiking', '100%']) {
      expect(review).toContain(part);
    }
    // A section edited from the review comes back to the review.
    await c.press(/Edit a section/, 'Which section');
    await c.press(/Communication/, 'How do you like');
    expect(emma.buttons()).toContain('✅ Voice messages');
    await c.press(/Text messages/, 'How do you like');
    await c.press(/Next/, 'How often');
    expect(textOf(await c.press(/Every day/, 'Here is your profile'))).toMatch(/Text messages.*Voice messages[\s\S]*Every day/);
    await c.press(/Confirm/, 'Your profile is ready');
    expect(emma.lastKeyboard()?.text ?? '').not.toContain('Here is your profile');

    // A stale press of an old wizard button is answered and changes nothing.
    expect(await c.pressDataForNotice('ob:native:t:fr')).toContain('This step is over');

    expect(textOf(await c.send('/start', 'Welcome back'))).toContain('/find');
    expect(textOf(await c.send('/profile', 'complete'))).not.toContain('French');
  }, 240_000);
});
