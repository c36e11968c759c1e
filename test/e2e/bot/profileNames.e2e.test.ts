// Names Telegram allows that break naive bots: emoji only, right-to-left scripts. Also /help (admin lines only for
// admins), /cancel inside and outside a flow, stray text and unknown commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness } from '../../support/botHarness.js';
import { conversation } from './onboardingSteps.js';

const ADMIN = 7_600_009;

describe('names, /help and /cancel', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness({ admins: [ADMIN] });
  }, 60_000);
  afterAll(() => harness.stop());

  it('greets and shows a user with an emoji-only name', async () => {
    const fox = harness.user({ id: 7_600_001, firstName: '🦊🌸', languageCode: 'en' });
    const c = conversation(harness, fox);
    await c.send('/start', 'Step 1 of 6');
    expect(fox.messages().map((m) => m.text ?? '').join('\n')).toContain('Hi, \u2068🦊🌸\u2069!');
    expect(textOf(await c.send('/profile', 'complete'))).toContain('👤 \u2068🦊🌸\u2069');
  });

  it('keeps a right-to-left name isolated from the text around it', async () => {
    const sara = harness.user({ id: 7_600_002, firstName: 'שרה', languageCode: 'he' });
    const c = conversation(harness, sara);
    await c.send('/start', 'Step 1 of 6');
    expect(sara.messages().map((m) => m.text ?? '').join('\n')).toContain('Hi, \u2068שרה\u2069!');
    const omar = harness.user({ id: 7_600_003, firstName: 'عمر', languageCode: 'ar' });
    const o = conversation(harness, omar);
    await o.send('/start', 'Step 1 of 6');
    expect(textOf(await o.send('/profile', 'complete'))).toContain('\u2068عمر\u2069');
  });

  it('lists every command in /help, the admin ones only to admins', async () => {
    const ann = harness.user({ id: 7_600_004, firstName: 'Ann', languageCode: 'en' });
    const help = textOf(await conversation(harness, ann).send('/help', '/start'));
    for (const command of ['start', 'profile', 'find', 'requests', 'end', 'block', 'report', 'feedback', 'language', 'pause', 'resume', 'reset', 'delete_me', 'help', 'cancel']) {
      expect(help).toContain(`/${command} — `);
    }
    expect(help).not.toContain('/stats');
    const admin = harness.user({ id: ADMIN, firstName: 'Admin', languageCode: 'en' });
    const adminHelp = textOf(await conversation(harness, admin).send('/help', '/start'));
    for (const command of ['stats', 'feedbacks', 'reports', 'broadcast']) expect(adminHelp).toContain(`/${command} — `);
  });

  it('leaves a flow with /cancel, says when there is nothing to cancel, and nudges stray text in a step', async () => {
    const ben = harness.user({ id: 7_600_005, firstName: 'Ben', languageCode: 'en' });
    const c = conversation(harness, ben);
    await c.send('/cancel', 'There is nothing to cancel.');
    await c.send('/start', 'Step 1 of 6');
    await c.press(/English/, 'Chosen:');
    await c.press(/Next/, 'Step 2 of 6');
    await c.share({ sticker: { file_id: 'sticker-1', file_unique_id: 'u1', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } }, 'Please use the buttons');
    await c.send('/cancel', 'Send /start whenever you want to continue');
    await c.send('/cancel', 'There is nothing to cancel.');
    await c.send('hello there', 'Send /help');
    await c.send('/frobnicate', 'I do not know this command');
  });
});
