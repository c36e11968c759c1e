// A minimal Telegram Bot API for the dispatcher's tests: `/bot<token>/<method>` answering `{ ok, result }`, every
// request recorded when it arrives and when it is answered. Tests script answers per chat: 429 with retry_after,
// refusals, and gates that hold a chat's requests unanswered (a slow chat, or a request in flight during a crash).
// (The project's full emulator lives in gateway/telegramEmulator; this stub adds the hold-a-request control that the
// crash tests need.)
import Fastify from 'fastify';

export const STUB_TOKEN = '123456:stub-token_abcdefghijklmnopqrstu';

export interface StubCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly chatId: number | undefined;
  readonly text: unknown;
  readonly receivedAt: number;
  /** How the stub answered (undefined while held). */
  answer: { readonly ok: boolean; readonly error_code?: number } | undefined;
}

type Answer = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: Record<string, unknown> };
type Script = (call: StubCall) => Answer | Promise<Answer | undefined> | undefined;

export interface BotApiStub {
  readonly apiRoot: string;
  readonly calls: StubCall[];
  /** Successful calls to `chatId`, in the order they were answered. */
  delivered(chatId: number): StubCall[];
  /** Answers the next `times` calls to `chatId` with 429 and retry_after. */
  rateLimit(chatId: number, retryAfter: number, times?: number): void;
  /** Answers every call to `chatId` with this error (403 blocked, 400 bad request). */
  refuse(chatId: number, errorCode: number, description: string, times?: number): void;
  /** Holds calls to `chatId` unanswered until the returned function is called. */
  hold(chatId: number): () => void;
  close(): Promise<void>;
}

export const startBotApiStub = async (): Promise<BotApiStub> => {
  const app = Fastify();
  const calls: StubCall[] = [];
  const answered: StubCall[] = [];
  const scripts: Script[] = [];
  let messageId = 0;

  const once = (times: number, matches: (call: StubCall) => boolean, answer: () => Answer | Promise<Answer>): Script => {
    let left = times;
    return (call) => {
      if (left <= 0 || !matches(call)) return undefined;
      left -= 1;
      return answer();
    };
  };

  app.post<{ Params: { token: string; method: string }; Body: Record<string, unknown> | undefined }>('/bot:token/:method', async (request, reply) => {
    const params = request.body ?? {};
    const chat = params.chat_id;
    const call: StubCall = {
      method: request.params.method,
      params,
      chatId: chat === undefined ? undefined : Number(chat),
      text: params.text,
      receivedAt: Date.now(),
      answer: undefined,
    };
    calls.push(call);
    if (request.params.token !== STUB_TOKEN) {
      return reply.code(401).send({ ok: false, error_code: 401, description: 'Unauthorized' });
    }
    let answer: Answer | undefined;
    for (const script of scripts) {
      answer = await script(call);
      if (answer !== undefined) break;
    }
    answer ??= { ok: true, result: { message_id: (messageId += 1), date: Math.floor(Date.now() / 1000), chat: { id: call.chatId, type: 'private' }, text: call.text } };
    call.answer = answer.ok ? { ok: true } : { ok: false, error_code: answer.error_code };
    if (answer.ok) answered.push(call);
    return reply.code(answer.ok ? 200 : answer.error_code).send(answer);
  });

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    apiRoot: address,
    calls,
    delivered: (chatId) => answered.filter((call) => call.chatId === chatId),
    rateLimit(chatId, retryAfter, times = 1) {
      scripts.push(once(times, (call) => call.chatId === chatId, () => ({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } })));
    },
    refuse(chatId, errorCode, description, times = Number.POSITIVE_INFINITY) {
      scripts.push(once(times, (call) => call.chatId === chatId, () => ({ ok: false, error_code: errorCode, description })));
    },
    hold(chatId) {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let open = false;
      scripts.unshift((call) => (open || call.chatId !== chatId ? undefined : gate.then(() => undefined)));
      return () => {
        open = true;
        release();
      };
    },
    async close() {
      await app.close();
    },
  };
};
