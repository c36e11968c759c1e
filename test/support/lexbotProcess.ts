// `lexbot start --roles …` as a child process, run from the TypeScript sources through tsx so a test never runs a
// stale build. The process logs JSON lines (pino); its URL is read from the 'lexbot started' line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface LexbotProcess {
  readonly pid: number;
  /** http://host:port of its HTTP server (probes, metrics, and the webhook with the gateway role). */
  readonly url: string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  readonly exited: Promise<string>;
  readonly alive: () => boolean;
  /** The last log lines, to explain a failure. */
  readonly logTail: () => string[];
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface LexbotProcessOptions {
  readonly roles: string;
  readonly env: Readonly<Record<string, string>>;
  /** How long to wait for the 'lexbot started' line. */
  readonly startTimeoutMs?: number;
  /** Its working directory (single-node mode keeps its data in ./data there); default the repository. */
  readonly cwd?: string;
}

export const startLexbotProcess = async ({ roles, env, startTimeoutMs = 90_000, cwd = ROOT }: LexbotProcessOptions): Promise<LexbotProcess> => {
  // tsx and the CLI by absolute path, so the process may run anywhere.
  const tsx = pathToFileURL(`${ROOT}node_modules/tsx/dist/loader.mjs`).href;
  const child: ChildProcess = spawn(process.execPath, ['--import', tsx, `${ROOT}ops/cli/main.ts`, 'start', '--roles', roles], {
    cwd,
    // Only what the test gives, plus PATH: the parent's NATS_URL or DATABASE_URL must not leak in.
    env: { PATH: process.env.PATH ?? '', HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  let exitedWith: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedWith = signal ?? String(code);
      resolve(exitedWith);
    });
  });
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lexbot ${roles} did not start within ${startTimeoutMs} ms:\n${tail.join('\n')}`)), startTimeoutMs);
    const remember = (line: string): void => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
    };
    createInterface({ input: child.stdout! }).on('line', (line) => {
      remember(line);
      if (!line.includes('lexbot started')) return;
      try {
        const parsed = JSON.parse(line) as { url?: string };
        if (parsed.url !== undefined) {
          clearTimeout(timer);
          resolve(parsed.url);
        }
      } catch {
        // not a JSON line: keep waiting
      }
    });
    createInterface({ input: child.stderr! }).on('line', remember);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`lexbot ${roles} exited (${how}) before it started:\n${tail.join('\n')}`));
    });
  });
  const kill = (signal: NodeJS.Signals): void => {
    if (exitedWith === undefined) child.kill(signal);
  };
  try {
    const started = await url;
    return {
      pid: child.pid!,
      url: started,
      exited,
      alive: () => exitedWith === undefined,
      logTail: () => [...tail],
      kill,
      async stop(graceMs = 15_000) {
        if (exitedWith !== undefined) return;
        kill('SIGTERM');
        const timer = setTimeout(() => kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      },
    };
  } catch (error) {
    kill('SIGKILL');
    await exited;
    throw error;
  }
};
