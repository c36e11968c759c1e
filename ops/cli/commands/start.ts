// `lexbot start --roles gateway[,actors,projector,dispatcher]` (ops/roles/ composes them). Shutdown on SIGINT/SIGTERM:
// /ready turns 503, the HTTP server stops accepting and drains, then each role stops and the connections close.
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { ROLES, parseRoles } from '../../roles/roles.js';
import { startRoles } from '../../roles/startRoles.js';

export interface StartCommandDeps {
  readonly env: () => Readonly<Record<string, string | undefined>>;
  readonly onSignal: (signal: NodeJS.Signals, handler: () => void) => void;
}

const defaultDeps: StartCommandDeps = { env: () => process.env, onSignal: (signal, handler) => process.on(signal, handler) };

export const registerStartCommand = (program: Command, deps: StartCommandDeps = defaultDeps): void => {
  program
    .command('start')
    .description(
      'run lexbot roles in this process until SIGINT/SIGTERM. gateway: POST /webhook/telegram (or long polling with ' +
        'TELEGRAM_MODE=polling) into the mailbox (NATS JetStream with NATS_URL, in-process otherwise), /health, /ready, /metrics ' +
        'on HTTP_HOST:HTTP_PORT. actors, projector, dispatcher: not available yet.',
    )
    .option('--roles <roles>', `comma-separated roles to run: ${ROLES.join(', ')}`, ROLES.join(','))
    .action(async (flags: { roles: string }) => {
      const roles = parseRoles(flags.roles);
      const config = loadConfig(deps.env());
      const running = await startRoles({ roles, config });
      await new Promise<void>((resolve) => {
        let signalled = false;
        const onSignal = (signal: NodeJS.Signals) => (): void => {
          if (signalled) {
            running.logger.warn({ signal }, 'second signal: exiting without draining');
            process.exit(1);
          }
          signalled = true;
          running.logger.info({ signal }, 'shutting down: draining in-flight requests');
          void running.stop().then(resolve, (error: unknown) => {
            running.logger.error({ err: error }, 'shutdown failed');
            process.exitCode = 1;
            resolve();
          });
        };
        deps.onSignal('SIGINT', onSignal('SIGINT'));
        deps.onSignal('SIGTERM', onSignal('SIGTERM'));
      });
    });
};
