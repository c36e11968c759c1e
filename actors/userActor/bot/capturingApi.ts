// The Api a handler's context calls. grammY's Bot makes a new Api per update — an API client with its options,
// fetch configuration and closures, a Proxy, the bot's transformers copied in — and our capture was then installed
// on it as one more transformer, so every call also ran grammY's transformer chain (three async functions). In an
// actor no call is ever sent (captureCalls.ts), so the context gets grammY's Api methods from one Api shared as the
// prototype (its token too), over a raw API of its own that hands each call to the capture: per update one Proxy,
// per call one function, as grammY's raw API makes one.
import { Api, type RawApi } from 'grammy';
import { captureCall } from '../captureCalls.js';
import type { ActorSession } from '../session.js';

/** Methods grammY's raw API calls with an empty payload, since they take no parameters (core/client.ts). */
const NO_PARAMETERS: ReadonlySet<PropertyKey> = new Set([
  'getMe', 'getWebhookInfo', 'getForumTopicIconStickers', 'getAvailableGifts', 'logOut', 'close', 'getMyStarBalance', 'removeMyProfilePhoto',
]);

const EMPTY_PAYLOAD = (): Record<string, unknown> => ({});

// Shared by every update's raw API; the target holds the update's session. The traps mirror grammY's raw API.
const RAW_HANDLER: ProxyHandler<{ readonly session: ActorSession }> = {
  get(target, method) {
    if (method === 'toJSON') return '__internal';
    const noParameters = NO_PARAMETERS.has(method);
    return async (payload?: Record<string, unknown>) =>
      captureCall(String(method), noParameters ? EMPTY_PAYLOAD() : payload, target.session.now, target.session);
  },
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
  ownKeys: () => [],
};

export interface CapturingApiFactory {
  /** An Api for one update, whose calls are recorded into `session` (and answered as captureCall does). */
  (session: ActorSession): Api;
}

/** The shared Api's transformers would apply to no call (each update's raw API captures): refuse, not ignore. */
const NO_TRANSFORMERS: Api['config'] = {
  use: () => {
    throw new Error('transformers cannot be installed on an actor\'s Api: every call is captured (captureCalls.ts)');
  },
  installedTransformers: () => [],
};

export const capturingApi = (token: string): CapturingApiFactory => {
  const shared = new Api(token);
  Object.defineProperty(shared, 'config', { value: NO_TRANSFORMERS });
  return (session) => {
    const raw = new Proxy({ session }, RAW_HANDLER) as unknown as RawApi;
    return Object.create(shared, { raw: { value: raw } }) as Api;
  };
};
