// Every conversation of the bot, in the order grammY tries them. The order is the routing policy:
// 1. guard — refusals that apply to every update (a banned user, the per-user rate limit);
// 2. commands and buttons of each feature (a command always wins, also in the middle of a flow or a relay chat);
// 3. relay — free text, media and stickers of a user in a relay tandem, outside any flow;
// 4. fallback — whatever nobody took gets a helpful answer, never silence.
// A feature's text input inside its own flow (a bio, a comment, a search) is matched by that feature through
// `ctx.actor.state.dialog`, so it comes before relay and fallback.
import type { Composer } from 'grammy';
import type { TokenBucketPolicy } from '../../../../domain/rateLimit/index.js';
import type { BotContext } from '../context.js';
import { admin } from './admin/index.js';
import { deleteMe } from './deleteMe/index.js';
import { feedback } from './feedback/index.js';
import { find } from './find/index.js';
import { createGuard, guard } from './guard/index.js';
import { createRateLimiter } from './guard/rateLimiter.js';
import { fallback, help } from './help.js';
import { onboarding } from './onboarding/index.js';
import { profile } from './profile/index.js';
import { relay } from './relay/index.js';
import { requests } from './requests/index.js';
import { safety } from './safety/index.js';
import { start } from './start.js';
import { HandlerComposer } from '../handlerComposer.js';

export interface HandlerOptions {
  /**
   * Test-only per-user rate limit (not part of the operator contract): end-to-end tests that do not exercise the
   * limit loosen it, so a scripted user is not paced like a flooder. Default domain/rateLimit's USER_RATE_LIMIT,
   * through the process's one shared guard.
   */
  readonly rateLimit?: TokenBucketPolicy;
}

export const createHandlers = (options: HandlerOptions = {}): Composer<BotContext> => {
  const first = options.rateLimit === undefined ? guard : createGuard(createRateLimiter({ policy: options.rateLimit }));
  return new HandlerComposer<BotContext>(first, start, help, onboarding, profile, find, requests, safety, feedback, admin, deleteMe, relay, fallback);
};
