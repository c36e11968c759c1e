// CPU per Bot API call of the calling process: sendMessage through createTelegramCaller (throttle off, as in the
// pipeline benchmark) to the Bot API emulator in a child process, a fixed number of calls in flight. Tells what one
// reply's HTTP round trip costs the dispatcher's process, by HTTP client:
//
//   node dist/test/bench/pipeline/botApiCallCost.js [--http undici|node-fetch] [--calls 5000] [--in-flight 32]
//     [--connections N (undici's pool size; default createUndiciFetch's)]
//
// `--http node-fetch` is grammY's default client (and the only one before the undici fetch existed, so the compiled
// script also runs in an older build's dist/). The first --warmup calls are not measured. Prints one JSON line.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTelegramEmulator } from '../../../gateway/telegramEmulator/index.js';
import { createTelegramCaller } from '../../../gateway/dispatcher/telegramCaller.js';

const { values: flags } = parseArgs({
  options: {
    help: { type: 'boolean', default: false },
    http: { type: 'string', default: 'undici' },
    calls: { type: 'string', default: '5000' },
    warmup: { type: 'string', default: '1000' },
    'in-flight': { type: 'string', default: '32' },
    chats: { type: 'string', default: '200' },
    connections: { type: 'string' },
    serve: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  process.stdout.write(`${'usage: node dist/test/bench/pipeline/botApiCallCost.js [--http undici|node-fetch] [--calls 5000] [--warmup 1000] [--in-flight 32] [--chats 200] [--connections N]\n' +
  '  CPU per Bot API call (sendMessage through createTelegramCaller to the emulator in a child process), one JSON line'}\n`);
  process.exit(0);
}

const CHATS = Number(flags.chats);

type Ready = { readonly apiRoot: string; readonly token: string };

/** The child: the emulator with CHATS private chats, until the parent disconnects. */
const serve = async (): Promise<void> => {
  const emulator = createTelegramEmulator();
  for (let id = 1; id <= CHATS; id += 1) emulator.addChat({ id, type: 'private', first_name: `Bench ${id}` });
  await emulator.listen();
  process.once('disconnect', () => void emulator.close().then(() => process.exit(0)));
  process.send?.({ apiRoot: emulator.apiRoot, token: emulator.token } satisfies Ready);
};

const measure = async (): Promise<void> => {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', '--chats', String(CHATS)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { apiRoot, token } = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message: Ready) => resolve(message));
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${String(code)}`)));
  });
  // Imported only when asked for, so the script runs in builds without it.
  const http = flags.http === 'undici' ? (await import('../../../gateway/dispatcher/undiciFetch.js')).createUndiciFetch(flags.connections === undefined ? {} : { connections: Number(flags.connections) })
      : undefined;
  if (flags.http !== 'undici' && flags.http !== 'node-fetch') throw new Error(`--http undici|node-fetch, not ${String(flags.http)}`);
  const telegram = createTelegramCaller({ token, apiRoot, throttle: false, ...(http === undefined ? {} : { fetch: http.fetch }) });

  let failed = 0;
  const run = async (calls: number): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < calls) {
        const n = (next += 1);
        await telegram('sendMessage', { chat_id: (n % CHATS) + 1, text: `call ${n}` }).catch(() => {
          failed += 1;
        });
      }
    };
    await Promise.all(Array.from({ length: Number(flags['in-flight']) }, worker));
  };

  await run(Number(flags.warmup));
  const calls = Number(flags.calls);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run(calls);
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - started;
  await http?.close();
  child.disconnect();
  console.log(
    JSON.stringify({
      http: flags.http,
      ...(flags.connections === undefined ? {} : { connections: Number(flags.connections) }),
      calls,
      inFlight: Number(flags['in-flight']),
      failed,
      cpuUsPerCall: Math.round(((used.user + used.system) / calls) * 10) / 10,
      userUsPerCall: Math.round((used.user / calls) * 10) / 10,
      systemUsPerCall: Math.round((used.system / calls) * 10) / 10,
      callsPerSecond: Math.round((calls / wallMs) * 1000),
    }),
  );
};

await (flags.serve ? serve() : measure());
