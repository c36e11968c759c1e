// The wizard's decisions, driven through the real handlers without the pipeline: which commands each step commits,
// what the dialog holds, and how stray input, stale buttons, limits and resumption are answered.
import { describe, expect, it } from 'vitest';
import { driveBot, type Call } from './driveBot.js';

const texts = (calls: readonly Call[]): string => calls.map((call) => String(call.payload.text ?? '')).join('\n---\n');
const notice = (calls: readonly Call[]): string => String(calls.find((call) => call.method === 'answerCallbackQuery')?.payload.text ?? '');

const throughInterests = async (bot: ReturnType<typeof driveBot>): Promise<void> => {
  await bot.send('/start');
  await bot.press('ob:native:t:en');
  await bot.press('ob:native:d');
  await bot.press('ob:learning:t:de');
  await bot.press('ob:level:l:B1');
  await bot.press('ob:learning:d');
  await bot.press('ob:interests:c:active');
  await bot.press('ob:interest-cat:t:travel');
  await bot.press('ob:interest-cat:b');
  await bot.press('ob:interests:d');
  await bot.press('ob:primary:d');
};

describe('onboarding wizard (handlers)', () => {
  it('commits each section as it is finished and completes onboarding with the last required one', async () => {
    const bot = driveBot({ id: 501, firstName: 'Ann', languageCode: 'en' });
    await throughInterests(bot);
    expect(bot.state.profile.nativeLanguages).toEqual(['en']);
    expect(bot.state.profile.learningLanguages).toEqual([{ code: 'de', level: 'B1' }]);
    expect(bot.state.profile.interests).toEqual(['travel']);
    expect(bot.state.dialog).toMatchObject({ flow: 'onboarding', step: 'timezone' });

    await bot.press('ob:timezone:z:1');
    expect(bot.state.dialog).toMatchObject({ step: 'days', data: { tz: 'Europe/Berlin' } });
    await bot.press('ob:days:k:weekends');
    await bot.press('ob:slots:t:morning');
    await bot.press('ob:slots:d');
    expect(bot.state.profile.availability).toEqual({ timeZone: 'Europe/Berlin', days: { kind: 'weekends' }, slots: ['morning'] });
    await bot.press('ob:styles:t:video_call');
    await bot.press('ob:styles:d');
    expect(bot.state.status).toBe('onboarding');
    await bot.press('ob:frequency:f:weekly');
    expect(bot.state.status).toBe('active');
    expect(bot.state.dialog).toMatchObject({ step: 'bio' });
    const review = await bot.send('Hello there');
    expect(bot.state.profile.bio).toBe('Hello there');
    expect(texts(review)).toContain('100%');
    expect(texts(await bot.press('ob:review:b'))).toContain('Step 6 of 6');
    expect(texts(await bot.press('ob:bio:s'))).toContain('Here is your profile');
    await bot.press('ob:review:c');
    expect(bot.state.dialog).toBeNull();

    // Editing from /profile: a language being learnt cannot become native; the card comes back when done.
    expect(texts(await bot.send('/profile'))).toContain('100%');
    await bot.press('pf:e:nativeLanguages');
    expect(bot.state.dialog).toMatchObject({ flow: 'profile-edit', step: 'native', data: { native: ['en'], ret: 'card' } });
    expect(notice(await bot.press('ob:native:t:de'))).toContain('You are learning this language');
    await bot.press('ob:native:t:fr');
    expect(texts(await bot.press('ob:native:d'))).toContain('100%');
    expect(bot.state.profile.nativeLanguages).toEqual(['en', 'fr']);
    expect(bot.state.dialog).toBeNull();
  });

  it('keeps typed text out of the dialog and refuses a bio over the limit without moving on', async () => {
    const bot = driveBot({ id: 502, firstName: 'Bo', languageCode: 'en' });
    await bot.send('/start');
    await bot.send('my secret search words');
    expect(JSON.stringify(bot.state.dialog)).not.toContain('secret');
    await bot.send('norwegian');
    expect(bot.state.dialog?.data.found).toContain('no');
    for (const step of ['ob:native:t:no', 'ob:native:d', 'ob:learning:t:en', 'ob:level:l:C1', 'ob:learning:d', 'ob:interests:c:creative', 'ob:interest-cat:t:art', 'ob:interest-cat:b', 'ob:interests:d', 'ob:primary:d']) await bot.press(step);
    await bot.send('+3');
    for (const step of ['ob:days:k:any', 'ob:slots:t:day', 'ob:slots:d', 'ob:styles:t:text', 'ob:styles:d', 'ob:frequency:f:daily']) await bot.press(step);
    const refused = await bot.send('y'.repeat(4096));
    expect(texts(refused)).toMatch(/4,?096.*500/);
    expect(bot.state.profile.bio).toBe('');
    expect(bot.state.dialog).toMatchObject({ step: 'bio' });
    expect(JSON.stringify(bot.state.dialog)).not.toContain('yyy');
  });

  it('answers limits, empty choices, stale steps and stray input without changing anything', async () => {
    const bot = driveBot({ id: 503, firstName: 'Cy', languageCode: 'en' });
    await bot.send('/start');
    expect(notice(await bot.press('ob:native:d'))).toContain('at least one');
    for (const code of ['en', 'fr', 'de']) await bot.press(`ob:native:t:${code}`);
    const before = bot.state.dialog;
    expect(notice(await bot.press('ob:native:t:es'))).toContain('at most 3');
    expect(notice(await bot.press('ob:learning:t:es'))).toContain('another step');
    expect(notice(await bot.press('ob:native:b'))).toContain('first step');
    expect(bot.state.dialog).toEqual(before);
    await bot.press('ob:native:d');
    expect(notice(await bot.press('ob:learning:t:en'))).toContain('native');
    expect(texts(await bot.send('English'))).toContain('already one of your native languages');
    await bot.send('span');
    expect(bot.state.dialog?.data.found).toEqual(['es']);
    await bot.send('/cancel');
    expect(bot.state.dialog).toBeNull();
    expect(notice(await bot.press('ob:learning:t:es'))).toContain('This step is over');
    expect(bot.state.dialog).toBeNull();
    const resumed = await bot.send('/start');
    expect(texts(resumed)).toContain('Step 2 of 6');
    expect(bot.state.dialog).toMatchObject({ step: 'learning' });
    expect(texts(await bot.send('/frobnicate'))).toContain('I do not know this command');
  });

  it('takes the time zone from a shared location and from typed Russian city names', async () => {
    const bot = driveBot({ id: 504, firstName: 'Дина', languageCode: 'ru' });
    await throughInterests(bot);
    const unknown = await bot.location(95, 10);
    expect(texts(unknown)).toContain('Не удалось распознать');
    await bot.location(59.93, 30.33);
    expect(bot.state.dialog).toMatchObject({ step: 'days', data: { tz: 'Europe/Moscow' } });
    await bot.press('ob:days:b');
    await bot.press('ob:timezone:o');
    await bot.send('Владивосток');
    expect(bot.state.dialog).toMatchObject({ step: 'days', data: { tz: 'Asia/Vladivostok' } });
  });

  it('takes the buttons off the previous wizard message when a step arrives in a new one', async () => {
    const bot = driveBot({ id: 505, firstName: 'Di', languageCode: 'en' });
    await bot.send('/start');
    await bot.press('ob:native:t:en');
    expect(bot.state.dialog?.data.mid).toBe(7);
    const searched = await bot.send('swedish');
    expect(searched[0]).toMatchObject({ method: 'editMessageReplyMarkup', payload: { message_id: 7 } });
    expect(searched[0]?.payload.reply_markup).toBeUndefined();
    expect(bot.state.dialog?.data.mid).toBeUndefined();
    const cancelled = await bot.send('/cancel');
    expect(cancelled.map((call) => call.method)).toEqual(['sendMessage']);
    await bot.send('/start');
    await bot.press('ob:native:t:de');
    expect((await bot.send('/cancel')).map((call) => call.method)).toEqual(['editMessageReplyMarkup', 'sendMessage']);
  });
});
