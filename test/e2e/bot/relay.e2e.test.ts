// The relay chat end to end: two partners without a shared public @username talk through the bot. Text, a photo,
// a sticker, a voice message and a reply pass both ways under a header with the sender's first name, never their
// Telegram id or username; a 4096-character text arrives whole; /end asks both for a rating, and the ratings (one
// with a comment) are recorded. One side speaks English, the other Russian.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotHarness, textOf, type BotHarness, type BotMessage, type TestUser } from '../../support/botHarness.js';
import { chatJson, onboardedPair, sendRequest, type Pair } from './tandemSetup.js';

const photo = { photo: [{ file_id: 'AgAD-relay-photo', file_unique_id: 'relay-photo', width: 90, height: 90 }] };
const sticker = { sticker: { file_id: 'CAAD-relay-sticker', file_unique_id: 'relay-sticker', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } };
const voice = { voice: { file_id: 'AwAD-relay-voice', file_unique_id: 'relay-voice', duration: 3, mime_type: 'audio/ogg' } };

/** The relayed copy (copyMessage) of a media message in `to`'s chat, after `since`. */
const copyTo = (harness: BotHarness, to: TestUser, since: number) =>
  harness.emulator.waitFor((call) => call.seq > since && call.method === 'copyMessage' && Number(call.params.chat_id) === to.id && call.response.ok, { timeoutMs: 15_000 });

const startRelay = async (
  harness: BotHarness,
  pair: Pair,
  acceptLabel = 'Принять',
  requesterHowTo = 'signed with your first name',
  targetHowTo = 'с подписью только вашим именем',
): Promise<void> => {
  await sendRequest(harness, pair);
  await pair.target.waitFor(/хочет практиковаться|would like to practise/u);
  await pair.target.press(acceptLabel);
  await pair.requester.waitFor(requesterHowTo, { since: 0 });
  await pair.target.waitFor(targetHowTo, { since: 0 });
};

describe('relay chat', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  it('passes text, photo, sticker, voice and replies both ways under a first-name header; /end and ratings', async () => {
    const pair = await onboardedPair(
      harness,
      { id: 7_700_001, firstName: 'Anna', languageCode: 'en', username: 'anna_relay' },
      { id: 7_700_002, firstName: 'Борис', languageCode: 'ru' },
    );
    const { requester: anna, target: boris } = pair;
    await startRelay(harness, pair);

    // Text, Anna → Boris.
    await anna.send('Hello Boris, shall we practise?');
    const hello = await boris.waitFor('Hello Boris, shall we practise?');
    expect(textOf(hello)).toMatch(/^💬 .*Anna.*\nHello Boris, shall we practise\?$/u);

    // A reply, Boris → Anna: the header quotes what he replied to (without its own header line), in the sender's words.
    const relayed = boris.messages().find((message) => (message.text ?? '').includes('Hello Boris')) as BotMessage;
    await boris.sendMessage({ text: 'Да, давай!', reply_to_message: { ...relayed, chat: { id: boris.id, type: 'private' } } });
    const reply = await anna.waitFor('Да, давай!');
    expect(textOf(reply)).toContain('Борис');
    expect(textOf(reply)).toContain('↩ «Hello Boris, shall we practise?»');

    // A photo with a caption, Anna → Boris: copied with the header before the caption.
    let mark = harness.emulator.calls().length;
    await anna.sendMessage({ ...photo, caption: 'My street' });
    const photoCopy = await copyTo(harness, boris, mark);
    expect(String(photoCopy.params.caption)).toMatch(/^💬 .*Anna.*\nMy street$/u);
    expect(Number(photoCopy.params.from_chat_id)).toBe(anna.id);

    // A sticker, Boris → Anna: no caption possible, so a header message comes first.
    mark = harness.emulator.calls().length;
    await boris.sendMessage(sticker);
    const stickerCopy = await copyTo(harness, anna, mark);
    const header = harness.emulator.calls('sendMessage').filter((call) => call.seq > mark && call.seq < stickerCopy.seq && Number(call.params.chat_id) === anna.id);
    expect(header.map(textOf)).toEqual([expect.stringMatching(/^💬 .*Борис/u)]);
    expect(anna.messages().some((message) => (message.sticker as { file_id?: string } | undefined)?.file_id === 'CAAD-relay-sticker')).toBe(true);

    // A voice message, Boris → Anna: the header as its caption.
    mark = harness.emulator.calls().length;
    await boris.sendMessage(voice);
    const voiceCopy = await copyTo(harness, anna, mark);
    expect(String(voiceCopy.params.caption)).toMatch(/^💬 .*Борис/u);

    // Each user may send 5 messages at once, then 20 a minute (the guard's rate limit): let a minute pass on the
    // actors' clock before the next burst.
    harness.advanceClock(60_000);

    // A 4096-character text arrives whole (the header goes first, on its own).
    const long = `${'Длинный текст. '.repeat(300).slice(0, 4095)}!`;
    expect(long.length).toBe(4096);
    mark = harness.emulator.calls().length;
    await boris.send(long);
    const arrived = await harness.emulator.waitFor((call) => call.seq > mark && call.method === 'sendMessage' && Number(call.params.chat_id) === anna.id && call.params.text === long);
    expect(arrived.response.ok).toBe(true);

    // Nothing in either chat names the other's Telegram id or username.
    expect(chatJson(harness, boris)).not.toContain(String(anna.id));
    expect(chatJson(harness, boris)).not.toContain('anna_relay');
    expect(chatJson(harness, anna)).not.toContain(String(boris.id));

    harness.advanceClock(60_000);
    // /end: both are asked to rate; Boris rates 5 with a comment, Anna 4 and skips the comment.
    await anna.send('/end');
    await anna.waitFor('Rate from 1 to 5');
    await boris.waitFor('завершил(а) тандем');
    await boris.press('5 ★');
    await boris.waitFor('Добавьте комментарий');
    await boris.send('Отличная практика, спасибо!');
    await boris.waitFor('Спасибо за оценку');
    await anna.press('4 ★');
    await anna.waitFor('Add a comment');
    await anna.press('Skip');
    await anna.waitFor('Thank you for your rating');

    const rated = async (user: TestUser) => (await harness.events(user.id)).filter((event) => event.type === 'TandemRated').map((event) => event.data);
    expect(await rated(boris)).toEqual([expect.objectContaining({ rating: 5, comment: 'Отличная практика, спасибо!' })]);
    expect(await rated(anna)).toEqual([expect.objectContaining({ rating: 4, comment: null })]);

    // After the end, text is no longer relayed: it gets the ordinary help.
    mark = harness.emulator.calls().length;
    await anna.send('are you there?');
    await harness.emulator.waitFor((call) => call.seq > mark && Number(call.params.chat_id) === anna.id && call.method === 'sendMessage');
    expect(boris.callsSince(mark).filter((call) => textOf(call).includes('are you there?'))).toEqual([]);
  });

  it('takes /report and /block inside the chat for the current partner; neither the report nor later text reaches them', async () => {
    const pair = await onboardedPair(
      harness,
      { id: 7_700_011, firstName: 'Глеб', languageCode: 'ru' },
      { id: 7_700_012, firstName: 'Hana', languageCode: 'en' },
    );
    const { requester: gleb, target: hana } = pair;
    await startRelay(harness, pair, 'Accept', 'Всё, что вы отправите сюда', 'Everything you send here');
    const mark = harness.emulator.calls().length;

    await hana.send('/report');
    expect(textOf(await hana.waitFor('What is wrong with'))).toContain('Глеб');
    await hana.press('Spam or advertising');
    await hana.waitFor('Add a comment for the moderators');
    await hana.send('He keeps sending links');
    await hana.waitFor('The moderators will look into it');

    harness.advanceClock(60_000); // past the guard's burst of 5
    await hana.send('/block');
    await hana.waitFor('Block');
    await hana.press('Block');
    await gleb.waitFor('завершил(а) тандем');
    await hana.send('one more thing');
    await hana.waitFor(/.+/u);
    const reached = gleb.callsSince(mark).map(textOf).join('\n');
    expect(reached).not.toContain('He keeps sending links');
    expect(reached).not.toContain('one more thing');
    expect(reached).not.toContain('/report');
  });

  it('names a right-to-left or emoji-only sender safely, and keeps a full 1024-character caption whole', async () => {
    const pair = await onboardedPair(
      harness,
      { id: 7_700_021, firstName: '\u202Eمريم\u200F', languageCode: 'en' },
      { id: 7_700_022, firstName: '🦊🦊', languageCode: 'ru' },
    );
    const { requester: maryam, target: fox } = pair;
    await startRelay(harness, pair);

    await fox.send('🙂');
    const greeting = await maryam.waitFor('🙂');
    expect(textOf(greeting)).toBe('💬 \u2068🦊🦊\u2069\n🙂');

    const caption = 'ق'.repeat(1024);
    const mark = harness.emulator.calls().length;
    await maryam.sendMessage({ ...photo, caption });
    const copy = await copyTo(harness, fox, mark);
    // Header and caption do not fit 1024 together: the header goes first, the copy keeps its caption as it was.
    expect(copy.params.caption).toBeUndefined();
    const header = harness.emulator.calls('sendMessage').filter((call) => call.seq > mark && call.seq < copy.seq && Number(call.params.chat_id) === fox.id);
    // The override and the stray mark are gone; the name is isolated so it cannot reorder the header.
    expect(header.map(textOf)).toEqual(['💬 \u2068مريم\u2069']);
    expect(fox.messages().some((message) => message.caption === caption)).toBe(true);
  });
});

