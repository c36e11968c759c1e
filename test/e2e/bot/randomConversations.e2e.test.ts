// Random conversations, end to end: users who know nothing of the intended order send every command, odd texts
// (4,096 characters, right-to-left, combining marks, zero-width joiners, emoji), media and locations, and press
// buttons of any message they were shown, old ones included — while others find them, send requests, chat and
// block. Whatever they do: every press is answered, every Bot API call the bot makes is one Telegram accepts, no
// handler throws, nothing is dead-lettered, and each user still gets an answer at the end.
//
// The sequence is drawn by fast-check from a seed: the suite runs fixed seeds; RANDOM_CONVERSATION_SEEDS=1,2,3 (or
// "random") explores others, and a failure names its seed so it can be replayed (RANDOM_CONVERSATION_LOG=1 prints
// every run's actions).
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_EVENT_TYPES } from '../../../actors/outbox/outboxEvents.js';
import type { EmulatorCall } from '../../../gateway/telegramEmulator/index.js';
import { seedProfileCommands, startBotHarness, textOf, type BotHarness, type TestUser } from '../../support/botHarness.js';
import { waitActive } from './tandemSetup.js';

const ADMIN = 7_650_900;
const STEPS = 160;
/** How long a step waits for an answer in its chat before the next one (a pace, not a bound on anything). */
const SETTLE_MS = 1_500;

const COMMANDS = [
  '/start', '/help', '/find', '/requests', '/chat', '/end', '/pause', '/resume', '/profile', '/language', '/reset', '/cancel',
  '/feedback', '/block', '/unblock', '/report', '/delete_me', '/stats', '/reports', '/feedbacks', '/broadcast', '/nonsense', '/start payload',
];
/** Commands whose answer shows buttons (for a press when the user has none to press yet). */
const SCREENS = ['/find', '/profile', '/requests', '/language', '/feedback', '/delete_me', '/reset', '/start', '/report', '/block', '/reports', '/broadcast'];
const ACCEPT = /^(Accept|Принять)$/;
const TEXTS = [
  'hello', 'привет, как дела?', 'Berlin', 'UTC+3', '+05:30', 'Moscow', 'Spanish', 'испанский', 'B2', 'es', '2', '5', 'yes',
  'x'.repeat(4096), 'я'.repeat(4096), '😀'.repeat(2048), 'مرحبا كيف حالك', 'שלום', 'e\u0301\u0301\u0301 combining', '👩‍👩‍👧‍👦 family',
  '\u200b\u200d\u2060', '   ', 'a\nb\n\nc', '<b>not html</b> *not markdown* _x_ [y](z)', '🇷🇺🇬🇧🏳️‍🌈', 'I like to read books and play chess in the evening.',
];
const MEDIA: readonly Record<string, unknown>[] = [
  { location: { latitude: 55.75, longitude: 37.62 } },
  { location: { latitude: -33.87, longitude: 151.21 } },
  { photo: [{ file_id: 'photo-1', file_unique_id: 'p1', width: 90, height: 90 }], caption: 'my cat' },
  { sticker: { file_id: 'sticker-1', file_unique_id: 's1', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } },
  { voice: { file_id: 'voice-1', file_unique_id: 'v1', duration: 3 } },
  { contact: { phone_number: '+10000000000', first_name: 'Somebody' } },
];

type Action =
  | { readonly kind: 'text'; readonly user: number; readonly text: string }
  | { readonly kind: 'media'; readonly user: number; readonly content: Record<string, unknown> }
  /** A button of one of the messages the user was shown: `message` and `button` pick it (modulo what there is). */
  | { readonly kind: 'press'; readonly user: number; readonly message: number; readonly button: number }
  /** Accept a request if one is shown anywhere in the chat, else ask for /requests (tandems come up more often). */
  | { readonly kind: 'accept'; readonly user: number };

const actionArbitrary = (users: number): fc.Arbitrary<Action> => {
  const user = fc.integer({ min: 0, max: users - 1 });
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('text' as const), user, text: fc.constantFrom(...COMMANDS) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), user, text: fc.constantFrom(...TEXTS) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('media' as const), user, content: fc.constantFrom(...MEDIA) }) },
    // Mostly the newest keyboard (message 0 counts from the newest), sometimes an old one.
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('accept' as const), user }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('press' as const), user, message: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(8) }), button: fc.nat(40) }) },
  );
};

const seedsToRun = (): readonly number[] => {
  const wanted = process.env.RANDOM_CONVERSATION_SEEDS;
  if (wanted === undefined || wanted === '') return [20261127, 7];
  if (wanted === 'random') return [Math.floor(Math.random() * 2 ** 31)];
  return wanted.split(',').map(Number);
};

/** `<user id>:<cause>` of every Bot API call the users' actors recorded. */
const answeredUpdates = async (databaseUrl: string, userIds: readonly number[]): Promise<Set<string>> => {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ stream_name: string; cause: string }>(
      `select distinct stream_name, metadata->>'causationId' as cause from eventstore.events
        where stream_name = any($1::text[]) and event_type = $2`,
      [userIds.map((id) => `user-${id}`), OUTBOX_EVENT_TYPES.telegramCall],
    );
    return new Set(rows.map((row) => `${row.stream_name.slice('user-'.length)}:${row.cause}`));
  } finally {
    await pool.end();
  }
};

const metric = (text: string, name: string): number =>
  text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);

describe('random conversations', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness({ admins: [ADMIN] });
  }, 60_000);
  afterAll(() => harness.stop());

  it.each(seedsToRun().map((seed) => ({ seed })))('leave nothing unanswered and make no call Telegram refuses (seed $seed)', async ({ seed }) => {
    const base = 7_650_000 + (seed % 900) * 10;
    // Four users with finished profiles who suit each other (English ↔ Russian), a new one, and an admin.
    const specs = [
      { id: base + 1, firstName: 'Ann', languageCode: 'en' },
      { id: base + 2, firstName: 'Борис', languageCode: 'ru' },
      { id: base + 3, firstName: 'Carla', languageCode: 'en' },
      { id: base + 4, firstName: 'Дина', languageCode: 'ru', username: 'dina_learns' },
    ];
    await harness.seed(specs[1]!.id, seedProfileCommands(specs[1]!, 'ru', 'en'));
    await harness.seed(specs[3]!.id, seedProfileCommands(specs[3]!, 'ru', 'en'));
    await waitActive(harness, [specs[1]!.id, specs[3]!.id]);
    // Requests already on their way (Ann → Борис, who has no @username: a relay tandem if he accepts; Carla → Дина,
    // who has one: a contact tandem), so accepting, declining, relaying and ending come up in the random presses.
    const request = (target: number) => ({ type: 'RequestPartner', data: { target: String(target) } }) as const;
    await harness.seed(specs[0]!.id, [...seedProfileCommands(specs[0]!, 'en', 'ru'), request(specs[1]!.id)]);
    await harness.seed(specs[2]!.id, [...seedProfileCommands(specs[2]!, 'en', 'ru'), request(specs[3]!.id)]);
    await waitActive(harness, specs.map((spec) => spec.id));
    const users: TestUser[] = [
      ...specs.map((spec) => harness.user(spec)),
      harness.user({ id: base + 5, firstName: 'Eve', languageCode: 'de' }),
      harness.user({ id: ADMIN, firstName: 'Root', languageCode: 'en' }),
    ];
    const metricsBefore = await (await fetch(`${harness.url}/metrics`)).text();
    const firstCall = harness.emulator.calls().length;
    const pressed: { user: string; id: string; data: string }[] = [];
    const log: string[] = [];
    const posted: { readonly user: TestUser; readonly updateId: number; readonly what: string }[] = [];
    const record = (user: TestUser, what: string): void => {
      log.push(`#${String(user.lastUpdateId)} ${what}`);
      posted.push({ user, updateId: user.lastUpdateId!, what });
    };

    const [actions] = fc.sample(fc.array(actionArbitrary(users.length), { minLength: STEPS, maxLength: STEPS }), { seed, numRuns: 1 });
    for (const action of actions!) {
      const user = users[action.user]!;
      if (action.kind === 'text') {
        await user.send(action.text);
        record(user, `${user.spec.firstName}: ${JSON.stringify(action.text.slice(0, 30))}`);
      } else if (action.kind === 'media') {
        await user.sendMessage(action.content);
        record(user, `${user.spec.firstName}: ${Object.keys(action.content).join(',')}`);
      } else if (action.kind === 'accept') {
        const findOffer = () => {
          const offer = user.messages().filter((message) => (message.reply_markup?.inline_keyboard ?? []).flat().some((button) => ACCEPT.test(button.text))).at(-1);
          return { offer, accept: (offer?.reply_markup?.inline_keyboard ?? []).flat().find((button) => ACCEPT.test(button.text))?.callback_data };
        };
        let { offer, accept } = findOffer();
        if (offer === undefined) {
          await user.send('/requests');
          record(user, `${user.spec.firstName}: /requests`);
          await user.waitFor(/[\s\S]/, { timeoutMs: SETTLE_MS }).catch(() => undefined);
          ({ offer, accept } = findOffer());
        }
        if (offer !== undefined && accept !== undefined) {
          await user.pressData(accept, offer);
          record(user, `${user.spec.firstName} accepts (${accept})`);
          pressed.push({ user: user.spec.firstName, id: (await user.pressAnswer().catch(() => undefined))?.params.callback_query_id as string, data: accept });
        }
      } else {
        const shown = user.messages().filter((message) => (message.reply_markup?.inline_keyboard?.length ?? 0) > 0);
        const message = shown[Math.max(0, shown.length - 1 - (action.message % Math.max(1, shown.length)))];
        const buttons = (message?.reply_markup?.inline_keyboard ?? []).flat().filter((button) => button.callback_data !== undefined);
        const button = buttons[action.button % Math.max(1, buttons.length)];
        if (message === undefined || button?.callback_data === undefined) {
          // Nothing to press yet: ask for a screen that has buttons instead.
          const text = SCREENS[action.button % SCREENS.length]!;
          await user.send(text);
          record(user, `${user.spec.firstName}: ${text}`);
          await user.waitFor(/[\s\S]/, { timeoutMs: SETTLE_MS }).catch(() => undefined);
          continue;
        }
        await user.pressData(button.callback_data, message);
        record(user, `${user.spec.firstName} presses ${JSON.stringify(button.text)} (${button.callback_data})`);
        pressed.push({ user: user.spec.firstName, id: (await user.pressAnswer().catch(() => undefined))?.params.callback_query_id as string, data: button.callback_data });
      }
      // Let the answer arrive before the next step, as a person reads before they act (a relayed message or a
      // refusal shown as a notice may send nothing to this chat: then move on). Not an assertion.
      await user.waitFor(/[\s\S]/, { timeoutMs: SETTLE_MS }).catch(() => undefined);
    }
    const context = (): string => `seed ${seed}; the actions:\n${log.join('\n')}`;
    if (process.env.RANDOM_CONVERSATION_LOG !== undefined) console.log(context());

    // Each user's updates are handled in order, and a chat's calls go out in order: once /help is answered, every
    // earlier update of that user has been handled and its replies to that chat sent.
    for (const user of users) {
      await user.send('/help');
      await user.waitFor(/\/find/, { timeoutMs: 60_000 }).catch((error: unknown) => {
        throw new Error(`${user.spec.firstName} got no answer to /help at the end (${String(error)}); ${context()}`);
      });
    }

    // Every update was answered: its user's actor recorded at least one Bot API call for it (a reply, a relayed
    // message, a notice for a press), which the store keeps with the update as its cause.
    const answered = await answeredUpdates(harness.databaseUrl, users.map((user) => user.id));
    const unanswered = posted.filter((update) => !answered.has(`${update.user.id}:tg:${update.updateId}`)).map((update) => `#${update.updateId} ${update.what}`);
    expect(unanswered, `updates without any reply; ${context()}`).toEqual([]);

    const calls = harness.emulator.calls().filter((call) => call.seq > firstCall);
    const refused = calls.filter((call: EmulatorCall) => !call.response.ok);
    expect(refused.map((call) => `${call.method} ${JSON.stringify(call.params).slice(0, 200)} → ${JSON.stringify(call.response)}`), context()).toEqual([]);
    expect(pressed.filter((press) => press.id === undefined), `presses left spinning; ${context()}`).toEqual([]);
    const metricsAfter = await (await fetch(`${harness.url}/metrics`)).text();
    for (const name of ['lexbot_actor_handler_failures_total', 'lexbot_mailbox_dead_lettered_total']) {
      expect(metric(metricsAfter, name) - metric(metricsBefore, name), `${name}; ${context()}`).toBe(0);
    }
    expect(calls.some((call) => textOf(call).length > 0)).toBe(true);
  }, 300_000);
});
