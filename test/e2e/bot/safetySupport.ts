// Helpers of the safety, feedback and admin end-to-end tests. Read models and cross-actor commands settle after the
// reply that caused them, so some checks ask again until the answer shows up; each try waits 3 s, the rate limit's
// refill interval, so asking again never trips the limit (20 messages a minute) the tests also exercise.
import { textOf, type TestUser } from '../../support/botHarness.js';

export const ASK_AGAIN_MS = 3_100;
/** How long a slow answer (a loaded CI machine) may take before the test gives up on it. */
const ANSWER_TIMEOUT_MS = 30_000;

/**
 * Sends `text` until the bot answers with `pattern` (at most `tries` times); resolves with that answer's text.
 * A question is asked again only once the previous one was answered: an answer that came late would otherwise
 * land after the one returned, and a test reading "the last keyboard" would read the stale one.
 */
export const askUntil = async (user: TestUser, text: string, pattern: RegExp, tries = 12): Promise<string> => {
  for (let attempt = 1; ; attempt += 1) {
    await user.send(text);
    const asked = user.mark;
    try {
      return textOf(await user.waitFor(pattern, { timeoutMs: ASK_AGAIN_MS }));
    } catch (error) {
      // Not the wanted answer within the interval: wait for whatever answer this question gets.
      const answer = await user.waitFor(/[\s\S]/, { since: asked, timeoutMs: ANSWER_TIMEOUT_MS });
      if (pattern.test(textOf(answer))) return textOf(answer);
      if (attempt >= tries) throw error;
    }
  }
};

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
