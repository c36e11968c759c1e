// Shared steps for end-to-end tests of the wizard and of anything that needs a user with a finished profile.
// Each action waits for the screen it leads to, so the next one sees it. Under the product's per-user rate limit
// (a harness started with rateLimit: 'product'; 20 messages a minute, bursts of 5) a message it refused is repeated
// once the bucket has a token again: the tests check the conversation, not the pace of a fast typist.
import type { EmulatorCall } from '../../../gateway/telegramEmulator/index.js';
import { textOf, type BotHarness, type TestUser } from '../../support/botHarness.js';

const CONTENT_METHODS = new Set(['sendMessage', 'editMessageText', 'editMessageReplyMarkup']);
const RATE_LIMITED = /too fast|слишком часто/;
const REFILL_MS = 3_500;
const ATTEMPTS = 8;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const matches = (text: string, pattern: string | RegExp): boolean => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));

export interface Conversation {
  /** Presses a button and waits for the bot's answer whose text matches; returns that call. */
  press(label: string | RegExp, expected: string | RegExp): Promise<EmulatorCall>;
  /** Sends text and waits for the bot's answer whose text matches; returns that call. */
  send(text: string, expected: string | RegExp): Promise<EmulatorCall>;
  /** Sends any message content (a location, a photo…) and waits for the bot's answer whose text matches. */
  share(content: Record<string, unknown>, expected: string | RegExp): Promise<EmulatorCall>;
  /** Presses a button and returns the text of the answerCallbackQuery (the notice for the press). */
  pressForNotice(label: string | RegExp): Promise<string>;
  /** Presses a button by its callback data (an old message's) and returns the notice it got. */
  pressDataForNotice(data: string): Promise<string>;
}

export const conversation = (harness: BotHarness, user: TestUser): Conversation => {
  const ours = (call: EmulatorCall): boolean => CONTENT_METHODS.has(call.method) && Number(call.params.chat_id) === user.id;
  const explain = (since: number, expected: string | RegExp, what: string): Error => {
    const sent = harness.emulator
      .calls()
      .filter((call) => call.seq > (process.env.E2E_DEBUG === undefined ? since : 0) && (ours(call) || call.method === 'answerCallbackQuery'))
      .map((call) => `${call.seq} ${call.method}: ${process.env.E2E_DEBUG === undefined ? '' : JSON.stringify(call.params).slice(0, 120)} ${textOf(call).slice(0, 300)}${call.response.ok ? '' : ` (refused: ${JSON.stringify(call.response)})`}`);
    return new Error(`no ${String(expected)} ${what}; the bot sent: ${JSON.stringify(sent, null, 1)}`);
  };

  const waitFor = async (predicate: (call: EmulatorCall) => boolean, timeoutMs = 15_000): Promise<EmulatorCall | undefined> => {
    try {
      return await harness.emulator.waitFor(predicate, { timeoutMs });
    } catch {
      return undefined;
    }
  };

  /** Runs `action` until it is not refused by the rate limit, then returns the call that answered it. */
  const withRetry = async (action: () => Promise<void>, isPress: boolean, expected: string | RegExp, what: string): Promise<EmulatorCall> => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const since = harness.emulator.calls().length;
      await action();
      const done = (call: EmulatorCall): boolean => call.seq > since && ours(call) && call.response.ok && matches(textOf(call), expected);
      const limited = (call: EmulatorCall): boolean => call.seq > since && RATE_LIMITED.test(textOf(call));
      const answered = (call: EmulatorCall): boolean => call.seq > since && call.method === 'answerCallbackQuery';
      const hit = await waitFor((call) => done(call) || limited(call));
      if (hit !== undefined && done(hit)) {
        // The press's own answer may come after its content: wait for it, so it is not taken for the next press's.
        if (isPress) await user.pressAnswer();
        return hit;
      }
      const replied = harness.emulator.calls().some((call) => call.seq > since && (ours(call) || (answered(call) && call.params.text !== undefined)));
      // Refused by the rate limit (told, or dropped quietly within its notice window): try again once a token is back.
      if ((hit !== undefined && limited(hit)) || !replied) {
        await sleep(REFILL_MS);
        continue;
      }
      throw explain(since, expected, what);
    }
    throw new Error(`rate limited ${ATTEMPTS} times ${what}`);
  };

  return {
    press: (label, expected) => withRetry(() => user.press(label), true, expected, `after pressing ${String(label)}`),
    send: (text, expected) => withRetry(() => user.send(text), false, expected, `after sending ${JSON.stringify(text.slice(0, 40))}`),
    share: (content, expected) => withRetry(() => user.sendMessage(content), false, expected, `after sharing ${Object.keys(content).join(', ')}`),
    pressForNotice: (label) => noticeOf(() => user.press(label)),
    pressDataForNotice: (data) => noticeOf(() => user.pressData(data)),
  };

  async function noticeOf(press: () => Promise<void>): Promise<string> {
      for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
        await press();
        const answer = await user.pressAnswer();
        const text = String(answer.params.text ?? '');
        if (!RATE_LIMITED.test(text) && text !== '') return text;
        await sleep(REFILL_MS);
      }
      throw new Error('no notice for a press');
  }
};

/** The labels and prompts of the wizard in one interface language, for tests that onboard through its buttons. */
export interface Wizard {
  readonly step: (n: number) => string;
  readonly chosen: string;
  readonly next: RegExp;
  readonly level: string;
  readonly category: RegExp;
  readonly categoryHint: string;
  readonly interest: RegExp;
  readonly categories: RegExp;
  readonly primary: string;
  readonly city: RegExp;
  readonly days: string;
  readonly anyDay: RegExp;
  readonly slots: string;
  readonly evening: RegExp;
  readonly style: RegExp;
  readonly frequency: string;
  readonly daily: RegExp;
  readonly skip: RegExp;
  readonly review: string;
  readonly confirm: RegExp;
  readonly ready: string;
}

export const EN_WIZARD: Wizard = {
  step: (n) => `Step ${n} of 6`, chosen: 'Chosen:', next: /^Next/, level: 'What is your level', category: /Entertainment/,
  categoryHint: 'tap to choose or remove', interest: /Music/, categories: /Categories/, primary: 'matter most', city: /Berlin/,
  days: 'On which days', anyDay: /Any day/, slots: 'times of day', evening: /Evening/, style: /Text messages/, frequency: 'How often',
  daily: /Every day/, skip: /Skip/, review: 'Here is your profile', confirm: /Confirm/, ready: 'Your profile is ready',
};

export const RU_WIZARD: Wizard = {
  step: (n) => `Шаг ${n} из 6`, chosen: 'Выбрано:', next: /^Далее/, level: 'какой у вас уровень', category: /Развлечения/,
  categoryHint: 'нажмите, чтобы выбрать или убрать', interest: /Музыка/, categories: /Категории/, primary: 'главное', city: /Берлин/,
  days: 'В какие дни', anyDay: /Любой день/, slots: 'В какое время суток', evening: /Вечер/, style: /Переписка/, frequency: 'Как часто',
  daily: /Каждый день/, skip: /Пропустить/, review: 'Вот ваш профиль', confirm: /Подтвердить/, ready: 'Профиль готов',
};

/** The choices a wizard run makes: one native language, one learnt at a level, a city's time zone. */
export interface WizardChoices {
  readonly native: RegExp;
  readonly learning: RegExp;
  /** Default /B1/. */
  readonly level?: RegExp;
  /** Default the wizard's own (Berlin). */
  readonly city?: RegExp;
}

/** The whole wizard through its buttons, any day in the evening, up to the confirmed review. */
export const onboardThroughWizard = async (harness: BotHarness, user: TestUser, w: Wizard, choices: WizardChoices): Promise<void> => {
  const c = conversation(harness, user);
  await c.send('/start', w.step(1));
  await c.press(choices.native, w.chosen);
  await c.press(w.next, w.step(2));
  await c.press(choices.learning, w.level);
  await c.press(choices.level ?? /B1/, w.chosen);
  await c.press(w.next, w.step(3));
  await c.press(w.category, w.categoryHint);
  await c.press(w.interest, w.chosen);
  await c.press(w.categories, w.step(3));
  await c.press(w.next, w.primary);
  await c.press(w.next, w.step(4));
  await c.press(choices.city ?? w.city, w.days);
  await c.press(w.anyDay, w.slots);
  await c.press(w.evening, w.slots);
  await c.press(w.next, w.step(5));
  await c.press(w.style, w.step(5));
  await c.press(w.next, w.frequency);
  await c.press(w.daily, w.step(6));
  await c.press(w.skip, w.review);
  await c.press(w.confirm, w.ready);
};

/** The English wizard (native English, learning German at B1 in Berlin unless told otherwise). */
export const onboardInEnglish = (harness: BotHarness, user: TestUser, choices: WizardChoices = { native: /English/, learning: /German/ }): Promise<void> =>
  onboardThroughWizard(harness, user, EN_WIZARD, choices);
