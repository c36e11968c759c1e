// /pause, /resume and /reset end to end: clear answers when allowed and when not, the reset asked first, a stale
// confirmation changing nothing, and onboarding starting again after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { conversation, onboardInEnglish } from './onboardingSteps.js';

describe('/pause, /resume and /reset', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  it('pauses and resumes a finished profile, and refuses both when they do not apply', async () => {
    const paul = harness.user({ id: 7_500_001, firstName: 'Paul', languageCode: 'en' });
    const c = conversation(harness, paul);
    await c.send('/pause', 'Send /start first');
    await c.send('/start', 'Step 1 of 6');
    await c.send('/pause', 'Please finish your profile first');
    await c.send('/cancel', 'Cancelled.');
    await onboardInEnglish(harness, paul);
    await c.send('/resume', 'Your profile is not paused');
    await c.send('/pause', 'Your profile is paused');
    expect(textOf(await c.send('/profile', 'complete'))).toContain('paused');
    await c.send('/pause', 'Your profile is already paused');
    await c.send('/resume', 'Your profile is active again');
  }, 300_000);

  it('asks before /reset, keeps the profile on No, clears it on Yes and restarts the wizard', async () => {
    const rita = harness.user({ id: 7_500_002, firstName: 'Rita', languageCode: 'en' });
    const c = conversation(harness, rita);
    await onboardInEnglish(harness, rita, { native: /French/, learning: /Spanish/, level: /A2/, city: /London/ });
    await c.send('/reset', 'Continue?');
    await c.press(/No, keep it/, 'stays as it was');
    expect(textOf(await c.send('/profile', 'complete'))).toContain('Spanish (A2)');

    await c.send('/reset', 'Continue?');
    const staleYes = rita.lastKeyboard();
    await c.press(/Yes, start over/, 'Step 1 of 6');
    expect(rita.messages().map((m) => m.text ?? '').join('\n')).toContain('Your profile has been cleared');
    expect(rita.buttons().some((label) => label.startsWith('✅'))).toBe(false);
    expect(await c.pressDataForNotice(staleYes?.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data ?? 'pf:reset:yes')).toContain('no longer active');

    const card = textOf(await c.send('/profile', 'complete'));
    expect(card).toContain('0% complete');
    expect(card).not.toContain('Spanish');
    await c.send('/pause', 'Please finish your profile first');
    await c.send('/start', 'Step 1 of 6');
  }, 300_000);
});
