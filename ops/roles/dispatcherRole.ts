// The dispatcher role: while this process holds the dispatcher lease (a Postgres advisory lock; standbys wait), it
// follows the log and performs the outbox — Bot API calls within Telegram's limits, commands to other actors'
// mailboxes — and fires durable timers when they fall due; it also delivers admins' broadcasts, within the same
// Telegram budget (one throttler for both).
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { createPostgresTimerStore } from '../../actors/timers/index.js';
import {
  createDispatcherMetrics,
  createDispatcherRole,
  createPostgresDispatcherState,
  createPostgresLease,
  createTelegramCaller,
  createUndiciFetch,
} from '../../gateway/dispatcher/index.js';
import { createBroadcastPart } from './broadcastPart.js';
import type { Infrastructure } from './infrastructure.js';
import { StartError } from './roles.js';
import type { TelegramEndpoint } from './telegramEndpoint.js';

export interface DispatcherRoleTuning {
  /** Keep Telegram's limits (30 messages/s, 1/s per chat); off only for benchmarks of the pipeline itself. */
  readonly telegramThrottle?: boolean;
  /**
   * Test-only clock (not part of the operator contract): the timer poller reads "now" from it, so an end-to-end
   * test can move time forward and see a 48-hour request expiry happen. startRoles passes the same clock to the actors.
   */
  readonly clock?: () => Date;
}

export const startDispatcherRole = async (infra: Infrastructure, telegram: TelegramEndpoint, tuning: DispatcherRoleTuning = {}): Promise<void> => {
  const { config, logger, metrics, readiness } = infra;
  if (config.databaseUrl === undefined) throw new StartError('the dispatcher role needs DATABASE_URL (its checkpoint and the timers live there)');
  const [store, mailbox, pool] = await Promise.all([infra.eventStore(), infra.mailbox(), infra.database()]);
  // Telegram's limits are per bot: every client of this process shares one throttler.
  const throttle = tuning.telegramThrottle === false ? false : apiThrottler();
  // And one HTTP client (keep-alive pool, gateway/dispatcher/undiciFetch.ts), closed after the role stopped: closers
  // run in reverse order of registration.
  const http = createUndiciFetch();
  infra.onClose(() => http.close());
  const role = createDispatcherRole({
    store,
    mailbox,
    telegram: createTelegramCaller({ token: telegram.token, apiRoot: telegram.apiRoot, throttle, fetch: http.fetch }),
    alsoRun: [await createBroadcastPart(infra, telegram, throttle, http.fetch)],
    state: createPostgresDispatcherState({ pool }),
    timers: createPostgresTimerStore({ pool }),
    lease: createPostgresLease({ connectionString: config.databaseUrl, onError: (error) => logger.warn({ err: error }, 'dispatcher lease check failed') }),
    logger,
    metrics: createDispatcherMetrics({ registry: metrics.registry, dispatchSeconds: metrics.dispatchSeconds, dispatchResends: metrics.dispatchResends }),
    ...(tuning.clock === undefined ? {} : { now: tuning.clock }),
  });
  // Actors in this process hand their committed appends over (gateway/dispatcher/handOff.ts); ignored while standby.
  infra.committedAppends.subscribe((appends) => role.dispatcher.handOff(appends));
  role.start();
  readiness.register('dispatcher', async () => (role.active() ? 'active' : 'standby'));
  infra.onClose(() => role.stop());
};
