// The HTTP client under the dispatcher's (and the broadcast's) grammY Api, passed as grammY's `fetch` option.
// Why not grammY's default: in Node that is node-fetch over an http.Agent, and per call it builds a WHATWG Request and
// Response, parses the URL and wires an AbortSignal polyfill to the socket; in the pipeline benchmark that was ~10 % of
// the busy time of the actors+dispatcher process. Here each call is one `request` on undici's keep-alive Pool for the
// API root's origin (a fixed number of connections, no pipelining: a slow answer must not hold the next call), and
// the answer is only what grammY reads from it (core/client.js: `res.json()`).
// Failures reject like a fetch would: grammY wraps every rejection (refused, reset, timeout, abort, a body that is
// not JSON) in its HttpError, which classifyFailure treats as a network error; 4xx/5xx JSON answers are returned as
// they are, for grammY's GrammyError and auto-retry's retry_after.
import type { Readable } from 'node:stream';
import type { ApiClientOptions } from 'grammy';
import { Pool } from 'undici';

/** grammY's `fetch` option (node-fetch's signature; grammY calls it with a URL string and the init below). */
export type BotApiFetch = NonNullable<ApiClientOptions['fetch']>;

export interface UndiciFetch {
  readonly fetch: BotApiFetch;
  /** Closes every pool once its calls in flight are answered; calls after it fail (as HttpError, through grammY). */
  close(): Promise<void>;
}

export interface UndiciFetchOptions {
  /**
   * Keep-alive connections per origin, opened as calls need them; default 32, so a few calls Telegram is slow to
   * answer do not hold the others (Telegram's 30 messages/s keep fewer in flight; more calls wait in the pool's queue).
   */
  readonly connections?: number;
}

/** What grammY passes (createJsonPayload / createFormDataPayload plus the signal; agent, compress and duplex ignored). */
interface GrammyInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** JSON text, or a stream of multipart/form-data when the payload has an InputFile. */
  readonly body?: string | Readable;
  /** abort-controller's polyfill signal: undici takes any signal with addEventListener. */
  readonly signal?: AbortSignal;
}

export const createUndiciFetch = (options: UndiciFetchOptions = {}): UndiciFetch => {
  const connections = options.connections ?? 32;
  const pools = new Map<string, Pool>();
  let closed = false;

  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (pool === undefined) {
      if (closed) throw new Error('the Bot API HTTP client is closed');
      // An idle connection is kept 30 s (undici's default is 4 s; grammY's http.Agent kept it until the server closed
      // it), so a quiet bot's next reply does not pay a new TCP and TLS handshake; a server's Keep-Alive hint wins.
      pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
      pools.set(origin, pool);
    }
    return pool;
  };

  const fetch = async (url: string, init: GrammyInit = {}): Promise<{ readonly status: number; json(): Promise<unknown> }> => {
    // grammY builds `${apiRoot}/bot${token}/${method}`: the origin ends at the first '/' after the scheme's '//'
    // (cheaper than a URL object per call).
    const slash = url.indexOf('/', url.indexOf('//') + 2);
    const origin = slash < 0 ? url : url.slice(0, slash);
    const { statusCode, body } = await poolFor(origin).request({
      path: slash < 0 ? '/' : url.slice(slash),
      method: (init.method ?? 'GET') as 'GET' | 'POST',
      headers: init.headers ?? null,
      body: init.body ?? null,
      signal: init.signal ?? null,
    });
    return { status: statusCode, json: () => body.json() };
  };

  return {
    fetch: fetch as unknown as BotApiFetch,
    async close() {
      closed = true;
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((pool) => pool.close()));
    },
  };
};
