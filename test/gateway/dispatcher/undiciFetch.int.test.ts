// The dispatcher's HTTP client (createUndiciFetch) under grammY, against the Bot API emulator where it can answer
// and a bare local HTTP server where the test needs a socket-level behaviour (a reset, an answer that never comes,
// a multipart upload, keep-alive connections to count): Telegram's answers and errors must reach grammY,
// auto-retry and classifyFailure exactly as with grammY's default client.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { GrammyError, HttpError, InputFile } from 'grammy';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { classifyFailure, createTelegramCaller, createUndiciFetch, type UndiciFetch } from '../../../gateway/dispatcher/index.js';
import { createTelegramEmulator, type TelegramEmulator } from '../../../gateway/telegramEmulator/index.js';
import { WAIT } from './harness.js';

const TOKEN = '123456:local-token';

interface LocalServer {
  readonly apiRoot: string;
  /** Sockets open now (keep-alive connections included). */
  readonly sockets: Set<Socket>;
  readonly requests: { readonly url: string; readonly headers: IncomingMessage['headers']; readonly body: Buffer; readonly socket: Socket }[];
  close(): Promise<void>;
}

/** A bare HTTP server; `handle` answers (or does not) once the request body has arrived. */
const startServer = async (handle: (request: IncomingMessage, response: ServerResponse, body: Buffer) => void): Promise<LocalServer> => {
  const sockets = new Set<Socket>();
  const requests: LocalServer['requests'][number][] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ url: request.url ?? '', headers: request.headers, body, socket: request.socket });
      handle(request, response, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    sockets,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

const answerOk = (response: ServerResponse, result: unknown): void => {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
};

/** The promise's rejection (fails the test if it resolves). */
const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
};

describe('the undici fetch under grammY', () => {
  let http: UndiciFetch;
  let emulator: TelegramEmulator;
  const servers: LocalServer[] = [];
  beforeEach(async () => {
    http = createUndiciFetch({ connections: 4 });
    emulator = createTelegramEmulator();
    emulator.addChat({ id: 100, type: 'private', first_name: 'Ana' });
    await emulator.listen();
  });
  afterEach(async () => {
    await http.close();
    await emulator.close();
    for (const server of servers.splice(0)) await server.close();
  });
  const server = async (handle: Parameters<typeof startServer>[0]): Promise<LocalServer> => {
    const started = await startServer(handle);
    servers.push(started);
    return started;
  };
  const caller = (options: { apiRoot?: string; token?: string; timeoutSeconds?: number } = {}) =>
    createTelegramCaller({ token: options.token ?? emulator.token, apiRoot: options.apiRoot ?? emulator.apiRoot, throttle: false, fetch: http.fetch, ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }) });

  it('sends sendMessage as JSON and returns the message the emulator made', async () => {
    const telegram = caller();
    const sent = await telegram('sendMessage', { chat_id: 100, text: 'Привет, Ana' });
    expect(sent).toMatchObject({ chat: { id: 100 }, text: 'Привет, Ana' });
    const second = await telegram('sendMessage', { chat_id: 100, text: 'again' });
    expect((second as { message_id: number }).message_id).toBeGreaterThan((sent as { message_id: number }).message_id);
    expect(emulator.messagesIn(100).map((message) => message.text)).toEqual(['Привет, Ana', 'again']);
  });

  it('lets auto-retry wait out a 429 retry_after and send again', async () => {
    emulator.rateLimit({ times: 1, retryAfter: 1, chatId: 100 });
    await expect(caller()('sendMessage', { chat_id: 100, text: 'limited' })).resolves.toMatchObject({ text: 'limited' });
    const calls = emulator.calls('sendMessage');
    expect(calls.map((call) => call.response)).toEqual([expect.objectContaining({ ok: false, error_code: 429, parameters: { retry_after: 1 } }), expect.objectContaining({ ok: true })]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('hands Telegram’s 400 and 5xx answers to grammY as GrammyError: refused and server_error', async () => {
    const refused = await rejection(caller()('sendMessage', { chat_id: 999, text: 'nobody' }));
    expect(refused).toBeInstanceOf(GrammyError);
    expect(classifyFailure(refused)).toMatchObject({ kind: 'refused', code: 400 });

    const gateway = await server((_request, response) => {
      response.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 502, description: 'Bad Gateway' }));
    });
    const failed = await rejection(caller({ apiRoot: gateway.apiRoot, token: TOKEN })('sendMessage', { chat_id: 100, text: 'x' }));
    expect(failed).toBeInstanceOf(GrammyError);
    expect(classifyFailure(failed)).toMatchObject({ kind: 'transient', reason: 'server_error' });
  });

  it('turns a refused connection, a reset and an answer that is not JSON into HttpError: transient, network', async () => {
    const gone = await startServer(() => undefined);
    await gone.close();
    const refused = await rejection(caller({ apiRoot: gone.apiRoot, token: TOKEN })('sendMessage', { chat_id: 100, text: 'x' }));

    const resetting = await server((request) => request.socket.destroy());
    const reset = await rejection(caller({ apiRoot: resetting.apiRoot, token: TOKEN })('sendMessage', { chat_id: 100, text: 'x' }));

    const proxy = await server((_request, response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>'));
    const html = await rejection(caller({ apiRoot: proxy.apiRoot, token: TOKEN })('sendMessage', { chat_id: 100, text: 'x' }));

    for (const error of [refused, reset, html]) {
      expect(error).toBeInstanceOf(HttpError);
      expect(classifyFailure(error)).toMatchObject({ kind: 'transient', reason: 'network' });
    }
  });

  it('gives up on an unanswered call when the caller’s signal aborts or the timeout passes, and drops its connection', async () => {
    const silent = await server(() => undefined);
    const telegram = caller({ apiRoot: silent.apiRoot, token: TOKEN, timeoutSeconds: 1 });

    const shutdown = new AbortController();
    const aborted = telegram('sendMessage', { chat_id: 100, text: 'during shutdown' }, shutdown.signal);
    await vi.waitFor(() => expect(silent.requests).toHaveLength(1), WAIT);
    shutdown.abort();
    const abortError = await rejection(aborted);
    expect(abortError).toBeInstanceOf(HttpError);
    expect(classifyFailure(abortError)).toMatchObject({ kind: 'transient', reason: 'network' });
    // Its connection is dropped (an answer arriving later must not be read as the next call's).
    await vi.waitFor(() => expect(silent.requests[0]!.socket.destroyed).toBe(true), WAIT);

    const timedOut = await rejection(telegram('sendMessage', { chat_id: 100, text: 'too slow' }));
    expect(timedOut).toBeInstanceOf(HttpError);
    expect(((timedOut as HttpError).error as Error).message).toMatch(/timed out after 1 seconds/);
    expect(classifyFailure(timedOut)).toMatchObject({ kind: 'transient', reason: 'network' });
    expect(silent.requests).toHaveLength(2);
    await vi.waitFor(() => expect(silent.requests[1]!.socket.destroyed).toBe(true), WAIT);
  });

  it('uploads an InputFile as multipart/form-data', async () => {
    const photo = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    const upload = await server((_request, response) => answerOk(response, { message_id: 1, chat: { id: 100, type: 'private' }, photo: [] }));
    await expect(caller({ apiRoot: upload.apiRoot, token: TOKEN })('sendPhoto', { chat_id: 100, caption: 'Фото', photo: new InputFile(photo, 'card.png') })).resolves.toMatchObject({ message_id: 1 });

    const [request] = upload.requests;
    expect(request!.url).toBe(`/bot${TOKEN}/sendPhoto`);
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(request!.headers['content-type'] ?? '')?.[1];
    expect(boundary).toBeDefined();
    const body = request!.body;
    expect(body.includes(Buffer.from('name="chat_id"\r\n\r\n100'))).toBe(true);
    expect(body.includes(Buffer.from('name="caption"\r\n\r\nФото'))).toBe(true);
    expect(body.includes(Buffer.from('filename=card.png'))).toBe(true);
    expect(body.includes(photo)).toBe(true);
    expect(body.subarray(-(boundary!.length + 8)).toString()).toBe(`\r\n--${boundary!}--\r\n`);
  });

  it('keeps connections open between calls and closes them on close(); calls after it fail as HttpError', async () => {
    const local = await server((_request, response) => answerOk(response, true));
    const telegram = caller({ apiRoot: local.apiRoot, token: TOKEN });
    await Promise.all(Array.from({ length: 8 }, (_, i) => telegram('sendChatAction', { chat_id: i, action: 'typing' })));
    await telegram('sendChatAction', { chat_id: 100, action: 'typing' });
    expect(local.requests).toHaveLength(9);
    // Four connections at most (the pool's size), still open after the answers.
    expect(local.sockets.size).toBeGreaterThan(0);
    expect(local.sockets.size).toBeLessThanOrEqual(4);

    await http.close();
    await vi.waitFor(() => expect(local.sockets.size).toBe(0), WAIT);
    const after = await rejection(telegram('sendChatAction', { chat_id: 100, action: 'typing' }));
    expect(after).toBeInstanceOf(HttpError);
    expect(local.requests).toHaveLength(9);
  });
});
