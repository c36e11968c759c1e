// Every input gets an answer, in every onboarding state: the update kinds the pipeline benchmark sends
// (test/bench/pipeline/workload.ts — its free texts, /help, /start and its inline-button data, posted as it posts
// them) reach a user at each step of the wizard, before it and after it, in English and Russian. A text is answered
// when a sendMessage reaches its chat (what the benchmark counts: an edit alone would not do), a callback query when
// answerCallbackQuery names its id. Callback data nobody knows — no prefix, or a feature's prefix with an unknown
// action — is answered too, mid-onboarding and after it, so no button is left spinning.
//
// Each probe is followed by /help as a barrier: a user's updates are handled one at a time and their chat calls go
// out in order, so the chat calls between a probe and the barrier's help text are the probe's, and whatever the
// probe sent is not taken for the next probe's answer. A probe that moved the wizard (a typed bio, a typed time zone)
// is undone with Back, or the next probes go to a fresh user walked to the same step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackQueryUpdate, textMessageUpdate, type EmulatorCall } from '../../../gateway/telegramEmulator/index.js';
import { startBotHarness, textOf, type BotHarness, type TestUser } from '../../support/botHarness.js';
import { conversation, EN_WIZARD, RU_WIZARD, type Wizard } from './onboardingSteps.js';

// The benchmark's inputs (test/bench/pipeline/workload.ts: TEXTS and BUTTONS).
const TEXTS = ['hello', 'hi! how does this work?', 'I want to practise Spanish', 'привет', '¿hola, qué tal?', 'thanks', 'ok', 'is anyone there?'];
const BUTTONS = ['lang:es', 'find:next', 'profile:edit', 'menu:main'];
// Data no handler knows: no prefix at all, and each feature's prefix with an action it does not have.
const UNKNOWN_DATA = ['x', 'zz:unknown:1', ...['ob', 'pf', 'lg', 'fd', 'rq', 'tn', 'rl', 'sf', 'fb', 'ad', 'dm'].map((prefix) => `${prefix}:nosuchaction:1`)];

type Probe = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'callback'; readonly data: string };

const text = (value: string): Probe => ({ kind: 'text', text: value });
const callback = (data: string): Probe => ({ kind: 'callback', data });
const describeProbe = (probe: Probe): string => (probe.kind === 'text' ? JSON.stringify(probe.text) : `button ${JSON.stringify(probe.data)}`);

/** One walk from a new user to a state: the wizard's steps through their buttons, as onboardingSteps does them. */
interface Walk {
  readonly state: string;
  /** The wizard step the state shows (the dialog's step), or null outside the wizard. */
  readonly step: string | null;
  readonly actions: readonly ((user: TestUser) => Promise<unknown>)[];
}

interface Locale {
  readonly name: string;
  readonly languageCode: string;
  readonly w: Wizard;
  readonly native: RegExp;
  readonly learning: RegExp;
  readonly offsets: { readonly label: RegExp; readonly screen: string };
  readonly chosenDays: { readonly label: RegExp; readonly screen: string };
  readonly editSection: { readonly label: RegExp; readonly screen: string };
  readonly back: RegExp;
}

const EN: Locale = {
  name: 'English', languageCode: 'en', w: EN_WIZARD, native: /English/, learning: /German/, back: /Back/,
  offsets: { label: /UTC offsets/, screen: 'Choose your UTC offset' },
  chosenDays: { label: /Chosen days/, screen: 'Choose your days' },
  editSection: { label: /Edit a section/, screen: 'Which section' },
};

const RU: Locale = {
  name: 'Russian', languageCode: 'ru', w: RU_WIZARD, native: /Русский/, learning: /Английский/, back: /Назад/,
  offsets: { label: /Смещения UTC/, screen: 'Выберите смещение от UTC' },
  chosenDays: { label: /Выбранные дни/, screen: 'Выберите дни' },
  editSection: { label: /Изменить раздел/, screen: 'Какой раздел' },
};

/** Every state of a new user's way through onboarding, each with the actions that lead there from nothing. */
const walks = (harness: BotHarness, locale: Locale): readonly Walk[] => {
  const { w } = locale;
  type Action = (user: TestUser) => Promise<unknown>;
  const send = (message: string, expected: string | RegExp): Action => (user) => conversation(harness, user).send(message, expected);
  const press = (label: string | RegExp, expected: string | RegExp): Action => (user) => conversation(harness, user).press(label, expected);
  // The main line of onboardThroughWizard, each action with the step it leads to.
  const line: readonly (readonly [string | null, Action])[] = [
    ['native', send('/start', w.step(1))],
    ['native', press(locale.native, w.chosen)],
    ['learning', press(w.next, w.step(2))],
    ['level', press(locale.learning, w.level)],
    ['learning', press(/B1/, w.chosen)],
    ['interests', press(w.next, w.step(3))],
    ['interest-cat', press(w.category, w.categoryHint)],
    ['interest-cat', press(w.interest, w.chosen)],
    ['interests', press(w.categories, w.step(3))],
    ['primary', press(w.next, w.primary)],
    ['timezone', press(w.next, w.step(4))],
    ['days', press(w.city, w.days)],
    ['slots', press(w.anyDay, w.slots)],
    ['slots', press(w.evening, w.slots)],
    ['styles', press(w.next, w.step(5))],
    ['styles', press(w.style, w.step(5))],
    ['frequency', press(w.next, w.frequency)],
    ['bio', press(w.daily, w.step(6))],
    ['review', press(w.skip, w.review)],
    [null, press(w.confirm, w.ready)],
  ];
  const upTo = (step: string | null): Action[] => {
    // The last action of the main line that leads to `step` (a step with choices made, as the benchmark's users leave it).
    const index = line.map(([leadsTo]) => leadsTo).lastIndexOf(step);
    return line.slice(0, index + 1).map(([, action]) => action);
  };
  const mainLine: Walk[] = [...new Set(line.map(([step]) => step))].map((step) => ({
    state: step === null ? 'after onboarding' : step,
    step,
    actions: upTo(step),
  }));
  return [
    { state: 'before /start', step: null, actions: [] },
    ...mainLine,
    { state: 'tz-offset', step: 'tz-offset', actions: [...upTo('timezone'), press(locale.offsets.label, locale.offsets.screen)] },
    { state: 'days-custom', step: 'days-custom', actions: [...upTo('days'), press(locale.chosenDays.label, locale.chosenDays.screen)] },
    { state: 'review-edit', step: 'review-edit', actions: [...upTo('review'), press(locale.editSection.label, locale.editSection.screen)] },
  ];
};

// The help text lists every command a line each (another answer may name a command or two, never a list of them).
const isHelpText = (call: EmulatorCall): boolean => (textOf(call).match(/^\/[a-z_]+ — /gm) ?? []).length >= 5;

describe('every update the pipeline benchmark sends is answered, in every onboarding state', () => {
  let harness: BotHarness;
  let nextUserId = 7_950_000;
  beforeAll(async () => {
    harness = await startBotHarness();
  }, 60_000);
  afterAll(() => harness.stop());

  const settleBound = { timeoutMs: 15_000 };

  /** The wizard step in the user's dialog now (null outside the wizard, or before the first event). */
  const stepOf = async (user: TestUser): Promise<string | null> => {
    const dialog = [...(await harness.events(user.id))].reverse().find((event) => event.type === 'DialogChanged');
    const value = (dialog?.data as { dialog?: { step?: string } | null } | undefined)?.dialog;
    return value?.step ?? null;
  };

  const fromOf = (user: TestUser) => ({ id: user.id, first_name: user.spec.firstName, ...(user.spec.languageCode === undefined ? {} : { language_code: user.spec.languageCode }) });
  const sendAs = (user: TestUser, message: string): Promise<number> => harness.post(textMessageUpdate(fromOf(user), message));

  /**
   * Sends the probe as the benchmark does (a callback query with no message), then /help as a barrier. The verdict
   * is what went wrong, or null when the probe got its answer; a callback's verdict waits for its answer in the
   * background (the next probes go on meanwhile), so a state with several unanswered presses waits for them once.
   */
  const probe = async (user: TestUser, what: Probe): Promise<{ readonly verdict: Promise<string | null> }> => {
    const since = harness.emulator.calls().length;
    let callbackId: string | undefined;
    if (what.kind === 'text') {
      expect(await sendAs(user, what.text)).toBe(200);
    } else {
      const update = callbackQueryUpdate(fromOf(user), what.data);
      callbackId = String((update.callback_query as { id: string }).id);
      expect(await harness.post(update)).toBe(200);
    }
    expect(await sendAs(user, '/help')).toBe(200);
    // The barrier's answer: the first help text after the probe, or the second when the probe was /help itself.
    const helpsBefore = what.kind === 'text' && what.text === '/help' ? 1 : 0;
    const chatCalls = (): EmulatorCall[] => harness.emulator.calls().filter((call) => call.seq > since && Number(call.params.chat_id) === user.id);
    let barrier: EmulatorCall;
    try {
      barrier = await harness.emulator.waitFor(
        (call) => call.seq > since && call.method === 'sendMessage' && Number(call.params.chat_id) === user.id && isHelpText(call) && chatCalls().filter((c) => c.method === 'sendMessage' && isHelpText(c) && c.seq < call.seq).length === helpsBefore,
        settleBound,
      );
    } catch {
      return { verdict: Promise.resolve(`no answer to the /help sent after it; chat calls: ${JSON.stringify(chatCalls().map((call) => `${call.method} ${textOf(call).slice(0, 60)}`))}`) };
    }
    if (what.kind === 'text') {
      const before = chatCalls().filter((call) => call.seq < barrier.seq);
      const sent = before.filter((call) => call.method === 'sendMessage' && call.response.ok);
      // For /help itself, its own answer is the first help text, which comes before the barrier's.
      if (sent.length > 0) return { verdict: Promise.resolve(null) };
      return { verdict: Promise.resolve(`no sendMessage (the bot made: ${JSON.stringify(before.map((call) => `${call.method}${call.response.ok ? '' : ' (refused)'} ${textOf(call).slice(0, 60)}`))})`) };
    }
    const verdict = harness.emulator.waitFor((call) => call.seq > since && call.method === 'answerCallbackQuery' && call.params.callback_query_id === callbackId, settleBound).then(
      (answer) => (answer.response.ok ? null : `answerCallbackQuery refused: ${JSON.stringify(answer.response)}`),
      () => 'no answerCallbackQuery',
    );
    return { verdict };
  };

  /** Presses Back on the newest keyboard, if it has one, and waits for the press's answer. */
  const pressBack = async (user: TestUser, locale: Locale): Promise<boolean> => {
    const shown = user.lastKeyboard();
    const back = shown?.reply_markup?.inline_keyboard?.flat().find((button) => locale.back.test(button.text) && button.callback_data !== undefined);
    if (shown === undefined || back?.callback_data === undefined) return false;
    const update = callbackQueryUpdate(fromOf(user), back.callback_data, { ...shown, chat: { id: user.id, type: 'private' } });
    const id = String((update.callback_query as { id: string }).id);
    expect(await harness.post(update)).toBe(200);
    await harness.emulator.waitFor((call) => call.method === 'answerCallbackQuery' && call.params.callback_query_id === id, settleBound);
    return true;
  };

  const walkTo = async (locale: Locale, walk: Walk): Promise<TestUser> => {
    nextUserId += 1;
    const user = harness.user({ id: nextUserId, firstName: locale.languageCode === 'ru' ? 'Ольга' : 'Emma', languageCode: locale.languageCode });
    for (const action of walk.actions) await action(user);
    expect(await stepOf(user), `${locale.name} walk to ${walk.state}`).toBe(walk.step);
    return user;
  };

  /** Probes one state with every input; returns the unanswered ones. */
  const probeState = async (locale: Locale, walk: Walk, probes: readonly Probe[]): Promise<string[]> => {
    const verdicts: Promise<string | null>[] = [];
    let user = await walkTo(locale, walk);
    for (const [index, what] of probes.entries()) {
      const { verdict } = await probe(user, what);
      verdicts.push(verdict.then((problem) => (problem === null ? null : `${locale.name}, ${walk.state}: ${describeProbe(what)} — ${problem}`)));
      if (index === probes.length - 1) break;
      // Put the user back on the step for the next probe: Back once (a typed bio leads to the review, a typed time
      // zone to the days), else a fresh user walked there.
      if ((await stepOf(user)) === walk.step) continue;
      if (walk.step !== null && (await pressBack(user, locale)) && (await stepOf(user)) === walk.step) continue;
      user = await walkTo(locale, walk);
    }
    return (await Promise.all(verdicts)).filter((failure) => failure !== null);
  };

  // /start last: before the first /start it begins onboarding, a state of its own.
  const WORKLOAD: readonly Probe[] = [...TEXTS.map(text), text('/help'), ...BUTTONS.map(callback), text('/start')];

  for (const locale of [EN, RU]) {
    it(`answers every text, /help, /start and button of the benchmark at every step (${locale.name})`, async () => {
      const states = walks(harness, locale);
      const failures = (await Promise.all(states.map((walk) => probeState(locale, walk, WORKLOAD)))).flat();
      expect(failures).toEqual([]);
    });
  }

  it('answers button data nobody handles mid-onboarding and after onboarding', async () => {
    const states = walks(harness, EN).filter((walk) => walk.state === 'interests' || walk.state === 'review' || walk.state === 'after onboarding');
    const failures = (await Promise.all(states.map((walk) => probeState(EN, walk, UNKNOWN_DATA.map(callback))))).flat();
    expect(failures).toEqual([]);
  });
});
