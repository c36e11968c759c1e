// Every conversation of the bot, in the order grammY tries them. The order is the routing policy:
// 1. guard — refusals that apply to every update (a banned user, the per-user rate limit);
// 2. commands and buttons of each feature (a command always wins, also in the middle of a flow or a relay chat);
// 3. relay — free text, media and stickers of a user in a relay tandem, outside any flow;
// 4. fallback — whatever nobody took gets a helpful answer, never silence.
// A feature's text input inside its own flow (a bio, a comment, a search) is matched by that feature through
// `ctx.actor.state.dialog`, so it comes before relay and fallback.
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { admin } from './admin/index.js';
import { deleteMe } from './deleteMe/index.js';
import { feedback } from './feedback/index.js';
import { find } from './find/index.js';
import { guard } from './guard/index.js';
import { fallback, help } from './help.js';
import { onboarding } from './onboarding/index.js';
import { profile } from './profile/index.js';
import { relay } from './relay/index.js';
import { requests } from './requests/index.js';
import { safety } from './safety/index.js';
import { start } from './start.js';

export const createHandlers = (): Composer<BotContext> =>
  new Composer<BotContext>(guard, start, help, onboarding, profile, find, requests, safety, feedback, admin, deleteMe, relay, fallback);
