// Shared setup of the request, tandem and relay end-to-end tests: two users with finished profiles (seeded into
// their streams, as the onboarding wizard would leave them), visible to each other's actors through the read side,
// and a request from the first to the second decided by the requester's own domain, exactly as /find would.
import pg from 'pg';
import { expect } from 'vitest';
import { seedProfileCommands, type BotHarness, type TelegramUserSpec, type TestUser } from '../../support/botHarness.js';

/** Waits until the projector has the users' rows (the cards their partners' actors read); bounded, not timed. */
export const waitProjected = async (harness: BotHarness, ids: readonly number[], timeoutMs = 20_000): Promise<void> => {
  const pool = new pg.Pool({ connectionString: harness.databaseUrl, max: 1 });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await pool
        .query<{ n: string }>('select count(*) as n from read_models.users where user_id = any($1::bigint[]) and first_name is not null', [ids.map(String)])
        .catch(() => ({ rows: [{ n: '0' }] }));
      if (Number(rows[0]?.n) === ids.length) return;
      if (Date.now() > deadline) throw new Error(`users ${ids.join(', ')} were not projected within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await pool.end();
  }
};

/** Waits until the read side offers these users to others: their rows are active with a complete profile. */
export const waitActive = async (harness: BotHarness, ids: readonly number[]): Promise<void> => {
  const pool = new pg.Pool({ connectionString: harness.databaseUrl, max: 1 });
  try {
    await expect
      .poll(async () => (await pool.query<{ n: string }>("select count(*) as n from read_models.users where user_id = any($1::bigint[]) and status = 'active'", [ids.map(String)])).rows[0]?.n, { timeout: 30_000 })
      .toBe(String(ids.length));
  } finally {
    await pool.end();
  }
};

export interface Pair {
  readonly requester: TestUser;
  readonly target: TestUser;
}

/** Two onboarded users (requester native en learning ru, target the reverse, unless told otherwise). */
export const onboardedPair = async (harness: BotHarness, requester: TelegramUserSpec, target: TelegramUserSpec): Promise<Pair> => {
  await harness.seed(target.id, seedProfileCommands(target, 'ru', 'en'));
  await harness.seed(requester.id, seedProfileCommands(requester, 'en', 'ru'));
  await waitProjected(harness, [requester.id, target.id]);
  return { requester: harness.user(requester), target: harness.user(target) };
};

/** The requester's RequestPartner, decided in their stream; the dispatcher carries it to the target's actor. */
export const sendRequest = (harness: BotHarness, pair: Pair): Promise<void> =>
  harness.seed(pair.requester.id, [{ type: 'RequestPartner', data: { target: String(pair.target.id) } }]);

/**
 * What a chat shows, as JSON (for "never shows an id or a username" checks): every message the bot put there,
 * without button payloads (callback data is not displayed; safety buttons carry the peer's id by convention).
 */
export const chatJson = (harness: BotHarness, user: TestUser): string =>
  JSON.stringify(
    harness.emulator.messagesIn(user.id).map(({ reply_markup: markup, chat: _chat, ...message }) => ({
      ...message,
      buttons: JSON.parse(JSON.stringify(markup ?? { inline_keyboard: [] })).inline_keyboard.flat().map((button: { text: string; url?: string }) => [button.text, button.url]),
    })),
  );
