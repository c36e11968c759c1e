// The actors role: owns a share of the mailbox partitions (NATS KV leases, or all of them on a single node) and runs
// the user actors for the users in them. Messages are acked after their events commit.
import { createNatsPartitionLeases } from '../../actors/partitions/natsLeases.js';
import { createOwnAllPartitions } from '../../actors/partitions/ownAll.js';
import { createActorHost } from '../../actors/runtime/actorHost.js';
import { createGroupCommitter } from '../../actors/runtime/groupCommit.js';
import { memoryServices } from '../../actors/userActor/ports/index.js';
import { createHandlers } from '../../actors/userActor/bot/handlers/index.js';
import type { TokenBucketPolicy } from '../../domain/rateLimit/index.js';
import { userEventCodec, userStateCodec } from '../../actors/userActor/codec.js';
import { decodeUserMessage, type UserActorMessage } from '../../actors/userActor/messages.js';
import { createUserBehavior, userStreamOfKey } from '../../actors/userActor/userBehavior.js';
import { createActorWorker } from '../../actors/worker/actorWorker.js';
import { createTimerLagProbe } from '../../actors/worker/loopDelay.js';
import { updateLogger } from '../telemetry/index.js';
import { createSafetyMetrics, openAdminDesk } from './adminDesk.js';
import type { Infrastructure } from './infrastructure.js';
import type { TelegramEndpoint } from './telegramEndpoint.js';
import { openUserDirectory } from './userDirectory.js';

export interface ActorsRoleOptions {
  readonly maxLiveActors?: number;
  readonly idleMs?: number;
  readonly snapshotEvery?: number;
  /** Test-only clock for the actors' decisions (see DispatcherRoleTuning.clock); default the system clock. */
  readonly clock?: () => Date;
  /** Test-only per-user rate limit (see StartTuning.userRateLimit); default the product's (20 a minute, bursts of 5). */
  readonly userRateLimit?: TokenBucketPolicy;
  /** See StartTuning.actorIntakeMaxLoopDelayMs; default none (Infinity): only the in-flight maximum bounds intake. */
  readonly intakeMaxLoopDelayMs?: number;
}

export const startActorsRole = async (infra: Infrastructure, telegram: TelegramEndpoint, options: ActorsRoleOptions = {}): Promise<void> => {
  const { config, logger, metrics, readiness } = infra;
  const [store, mailbox, connection, botInfo, directory] = await Promise.all([
    infra.eventStore(),
    infra.mailbox(),
    infra.nats(),
    telegram.botInfo(),
    openUserDirectory(infra),
  ]);
  const host = createActorHost({
    store,
    // Timed here, at the one place every actor's append passes (lexbot_event_append_seconds). At most 64 streams
    // per round trip (the committer's default is 256): sealing and serialising a batch is one task of the event
    // loop, and its outcomes resume their actors in one task too; 8 round trips of 64 in flight still carry far
    // more than the pipeline's rate, and the split layout's longest tasks at 500/s were shorter with it.
    committer: createGroupCommitter(
      {
        appendMany: async (requests) => {
          const done = metrics.appendSeconds.startTimer({ store: /^postgres/.test(config.eventStoreUrl ?? '') ? 'postgres' : 'kurrentdb' });
          const sentAt = new Date();
          try {
            const outcomes = await store.appendMany(requests);
            // A dispatcher in this process starts the replies now rather than at its next read of the log.
            infra.committedAppends.publish(requests, outcomes, sentAt);
            return outcomes;
          } finally {
            done();
          }
        },
      },
      { maxBatch: 64 },
    ),
    behavior: createUserBehavior({
      token: telegram.token,
      botInfo,
      handlers: createHandlers(options.userRateLimit === undefined ? {} : { rateLimit: options.userRateLimit }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      services: memoryServices({
        directory,
        admins: new Set(config.adminTelegramIds.map(String)),
        adminDesk: openAdminDesk(infra),
        safetyMetrics: createSafetyMetrics(infra),
      }),
      onHandlerFailure: (error, message) => {
        const when = message.lastDelivery === true ? 'last_delivery' : 'at_once';
        metrics.handlerFailures.inc({ when });
        logger.error({ err: error, update: message.id, when }, 'the bot handlers failed on an update; the user was told');
      },
    }),
    codec: userEventCodec,
    stateCodec: userStateCodec,
    streamOf: userStreamOfKey,
    maxLive: options.maxLiveActors ?? 100_000,
    idleMs: options.idleMs ?? 15 * 60_000,
    snapshotEvery: options.snapshotEvery ?? 50,
    onSnapshotError: (key, error) => logger.warn({ err: error, user: key }, 'saving a snapshot failed'),
  });
  const ownership = connection
    ? createNatsPartitionLeases({
        connection,
        prefix: config.natsPrefix,
        partitions: config.partitions,
        workerId: infra.instanceId,
        leaseMs: config.partitionLeaseMs,
        onError: (error) => logger.warn({ err: error }, 'renewing partition leases failed'),
      })
    : createOwnAllPartitions(config.partitions);
  const intakeMaxLoopDelayMs = options.intakeMaxLoopDelayMs ?? Number.POSITIVE_INFINITY;
  const loopDelay = Number.isFinite(intakeMaxLoopDelayMs) ? createTimerLagProbe() : undefined;
  const worker = createActorWorker<UserActorMessage>({
    mailbox,
    ownership,
    ...(loopDelay === undefined ? {} : { intake: { delay: loopDelay, maxDelayMs: intakeMaxLoopDelayMs } }),
    ackWaitMs: config.mailboxAckWaitMs,
    target: { decode: decodeUserMessage, tell: (key, message) => host.tell(key, message) },
    observer: {
      delivered: (_delivery, waitedMs) => metrics.mailboxWaitSeconds.observe(waitedMs / 1000),
      intakeResumed: (pausedMs) => metrics.actorIntakePausedSeconds.inc(pausedMs / 1000),
      handled: (_delivery, tookMs) => metrics.actorHandlingSeconds.observe({ outcome: 'ok' }, tookMs / 1000),
      failed: (delivery, error) => {
        metrics.actorHandlingSeconds.observe({ outcome: 'failed' }, 0);
        updateLogger(logger, { user: delivery.userKey, partition: delivery.partition, correlationId: delivery.id }).warn(
          { err: error, redelivery: delivery.redeliveryCount },
          'message failed; it will be retried or dead-lettered',
        );
      },
    },
    onError: (error) => logger.error({ err: error }, 'actor worker error'),
  });
  readiness.register('partitions', async () => `${ownership.owned().size} of ${config.partitions} owned`);
  await worker.start();
  infra.onClose(async () => {
    await worker.stop();
    loopDelay?.stop();
    await host.close();
  });
  logger.info({ partitions: config.partitions, instance: infra.instanceId }, 'actors role started');
};
