// /find on the user actor with the in-memory directory: the best card first with its buttons, Skip and Next move on
// in place, Send request decides PartnerRequested, refusals and an unfinished profile get their answers, and when
// nobody fits the advice comes with "Notify me".
import { describe, expect, it } from 'vitest';
import { createMemoryUserDirectory, memoryServices } from '../../../../../actors/userActor/ports/index.js';
import { cardOf, candidateOf, MORNINGS_TOKYO, stateOf, type ProfileSpec } from './profiles.js';
import { buttonsOf, createDriver, textsOf } from './driver.js';
import { peerRef } from '../../../../../actors/userActor/bot/peerRef.js';
import { BOT_TOKEN } from '../../fixtures.js';

/** How the viewer's buttons name a candidate (never by Telegram id). */
const ref = (peer: string): string => peerRef(BOT_TOKEN, '1', peer);

const NOW = new Date('2026-03-04T12:00:00Z');

const world = (viewer: ProfileSpec, others: readonly ProfileSpec[]) => {
  const directory = createMemoryUserDirectory();
  for (const spec of others) {
    const state = stateOf(spec, NOW);
    directory.put(cardOf(state), candidateOf(state, NOW));
  }
  return createDriver(stateOf(viewer, NOW), memoryServices({ directory }), NOW);
};

const VIEWER: ProfileSpec = { id: '1', firstName: 'Vera', native: ['ru'], learning: [{ code: 'en', level: 'B1' }] };
const SAM: ProfileSpec = { id: '2', firstName: 'Sam', native: ['en'], learning: [{ code: 'ru', level: 'B1' }] };
const TOM: ProfileSpec = { id: '3', firstName: 'Tom', native: ['en'], learning: [{ code: 'ru', level: 'A1' }] };

describe('/find', () => {
  it('shows the best card with overlap, why, and the five buttons; Next and Skip edit it in place', async () => {
    const user = world(VIEWER, [TOM, SAM]);
    const first = await user.send('/find');
    expect(first.calls.map((c) => c.method)).toEqual(['sendMessage']);
    const [text] = textsOf(first);
    // Same level (B1 both ways) ranks Sam above Tom.
    expect(text).toContain('Sam');
    expect(text).toContain('Partner 1 of 2');
    expect(text).toContain('Free at the same time');
    expect(text).toContain('Why this match:');
    expect(buttonsOf(first)).toEqual([`fd:req:${ref('2')}`, `fd:skip:${ref('2')}`, `fd:next:${ref('2')}`, `sf:block:${ref('2')}`, `sf:report:${ref('2')}`]);
    expect(user.state.dialog).toEqual({ flow: 'find', step: 'browse', data: { current: '2', skipped: [] } });

    const next = await user.press(`fd:next:${ref('2')}`);
    expect(next.calls.map((c) => c.method)).toEqual(['editMessageText', 'answerCallbackQuery']);
    expect(textsOf(next)[0]).toContain('Tom');
    // Next wraps around: Sam again.
    expect(textsOf(await user.press(`fd:next:${ref('3')}`))[0]).toContain('Sam');
    // Skip Sam: only Tom is left, and Next on Tom finds nobody else.
    const skipped = await user.press(`fd:skip:${ref('2')}`);
    expect(textsOf(skipped)[0]).toContain('Partner 1 of 1');
    expect(textsOf(skipped)[0]).toContain('Tom');
    const end = await user.press(`fd:next:${ref('3')}`);
    expect(textsOf(end)[0]).toBe('You have seen everyone who fits right now.');
    expect(buttonsOf(end)).toEqual(['fd:again']);
    expect(user.state.dialog).toBeNull();
    expect(textsOf(await user.press('fd:again'))[0]).toContain('Sam');
  });

  it('sends a request from the card, and refuses a second one to the same person', async () => {
    const user = world(VIEWER, [SAM]);
    await user.send('/find');
    const sent = await user.press(`fd:req:${ref('2')}`);
    expect(sent.events.map((e) => e.type)).toContain('PartnerRequested');
    expect(sent.calls.map((c) => c.method)).toEqual(['editMessageReplyMarkup', 'sendMessage', 'answerCallbackQuery']);
    expect(textsOf(sent)[1]).toMatch(/Request sent to \u2068Sam\u2069\. They have 48 hours to answer\./);
    const again = await user.press(`fd:req:${ref('2')}`);
    expect(again.events.map((e) => e.type)).not.toContain('PartnerRequested');
    expect(textsOf(again)[0]).toBe('You already have a request or a tandem with this person.');
  });

  it('refuses a fourth pending request with the catalog’s answer', async () => {
    const others = ['21', '22', '23', '24'].map((id) => ({ ...SAM, id, firstName: `P${id}` }));
    const user = world({ ...VIEWER, id: '20' }, others);
    // Send request on the card shown, then Next (the one button left on it), three times.
    let card = await user.send('/find');
    for (let sent = 0; sent < 3; sent += 1) {
      const requested = await user.press(buttonsOf(card)[0]!);
      expect(requested.events.map((e) => e.type)).toContain('PartnerRequested');
      expect(buttonsOf(requested)[0]).toMatch(/^fd:next:/);
      card = await user.press(buttonsOf(requested)[0]!);
    }
    expect(buttonsOf(card)[0]).toMatch(/^fd:req:/);
    const refused = await user.press(buttonsOf(card)[0]!);
    expect(refused.events.map((e) => e.type)).not.toContain('PartnerRequested');
    expect(textsOf(refused)[0]).toBe('You already have 3 requests waiting for an answer, the most allowed. Wait for a reply or withdraw one in /requests.');
    // The three requested are no longer offered: the last one is.
    expect(textsOf(await user.send('/find'))[0]).toContain('P24');
  });

  it('says what is missing before onboarding is finished, and that a paused profile cannot search', async () => {
    const early = world({ ...VIEWER, stopBefore: 'availability' }, [SAM]);
    expect(textsOf(await early.send('/find'))[0]).toBe(
      'To find a partner, finish your profile first. Still missing: when you are free, how you like to practise. Send /start to continue.',
    );
    const paused = world({ ...VIEWER, paused: true }, [SAM]);
    expect(textsOf(await paused.send('/find'))[0]).toContain('Your profile is paused');
    const ru = world({ ...VIEWER, stopBefore: 'interests' }, []);
    await ru.send('/find'); // English first: the Telegram language code of the fixture is en
    expect(textsOf(await ru.send('/find'))[0]).toContain('Still missing: your interests, when you are free, how you like to practise');
  });

  it('advises adding a language when nobody has the pair, and widening availability when times differ', async () => {
    const alone = world(VIEWER, [{ id: '5', native: ['de'], learning: [{ code: 'fr', level: 'A1' }] }]);
    const none = await alone.send('/find');
    expect(textsOf(none)[0]).toContain('Nobody fits you right now.');
    expect(textsOf(none)[0]).toContain('Adding another language you learn');
    expect(buttonsOf(none)).toEqual(['fd:notify', 'fd:again']);

    const elsewhere = world(VIEWER, [{ ...SAM, availability: { ...MORNINGS_TOKYO, slots: ['day'] } }]);
    expect(textsOf(await elsewhere.send('/find'))[0]).toContain('Adding days or times of day');
  });

  it('records "Notify me" once and says so; a later /find shows the wish instead of the button', async () => {
    const user = world(VIEWER, []);
    await user.send('/find');
    const wished = await user.press('fd:notify', 'Nobody fits you right now.');
    expect(wished.events.map((e) => e.type)).toContain('PartnerAlertRequested');
    expect(textsOf(wished)[0]).toBe('🔔 Done: I will message you once when a suitable partner appears.');
    const later = await user.send('/find');
    expect(textsOf(later)[0]).toContain('I will message you once');
    expect(buttonsOf(later)).toEqual(['fd:again']);
    expect((await user.press('fd:notify')).events.map((e) => e.type)).not.toContain('PartnerAlertRequested');
  });

  it('says the search is unavailable when the read side fails, instead of leaving the user without an answer', async () => {
    const broken = createMemoryUserDirectory();
    const user = createDriver(stateOf({ ...VIEWER, id: '9' }, NOW), memoryServices({ directory: { ...broken, candidates: () => Promise.reject(new Error('connection refused')) } }), NOW);
    const step = await user.send('/find');
    expect(textsOf(step)).toEqual(['I cannot search right now. Please try again in a minute.']);
    expect(buttonsOf(step)).toEqual(['fd:again']);
  });

  it('answers stale or malformed buttons and never edits without a message', async () => {
    const user = world(VIEWER, [SAM]);
    const odd = await user.press('fd:req:not-a-user');
    expect(odd.calls.map((c) => c.method)).toEqual(['sendMessage', 'answerCallbackQuery']);
    expect(textsOf(odd)[0]).toContain('Send /find');
  });
});
