// `lexbot ops replay` without the CLI: rebuild the read models from the log into a shadow schema while the live
// ones keep serving, then swap them in, or verify them against the live ones.
import type pg from 'pg';
import { readCheckpointRow } from '../readModels/checkpointRow.js';
import type { EventStore } from '../../actors/eventStore/types.js';
import { DEFAULT_PARTITIONS, DEFAULT_READ_MODEL_SCHEMA, READ_MODELS_PROJECTION, validateReadModelSchema } from '../readModels/names.js';
import type { DeadLetterStore } from '../runner/deadLetters.js';
import type { FailureMode } from '../runner/types.js';
import { rebuildInto, type FoldRunner, type RebuildOptions, type RebuildResult } from './rebuild.js';
import { replayRedisGeneration, type RedisReplayOptions, type RedisReplayResult } from './redisGeneration.js';
import { dropSchemaInSteps } from './shadowSchema.js';
import { swapIn, type SwapResult } from './swap.js';
import { verifyAgainstLive, type VerifyResult } from './verify.js';

export interface ReplayOptions {
  readonly store: EventStore;
  readonly pool: pg.Pool;
  readonly schema?: string;
  /** Partition count of the rebuilt tables; default: the live tables' count (16 when there are none). */
  readonly partitions?: number;
  readonly verify?: boolean;
  readonly failureMode?: FailureMode;
  readonly deadLetters?: DeadLetterStore | null;
  readonly pageSize?: number;
  /** How the rebuild folds the log: default one reader in this thread. */
  readonly fold?: FoldRunner;
  readonly onProgress?: RebuildOptions['onProgress'];
  /** Bound of each write transaction of the rebuild and of the catch-up before the swap (default 100 ms). */
  readonly maxTransactionMs?: number;
  readonly onChunkCommitted?: RebuildOptions['onChunkCommitted'];
  /** Also rebuild the Redis caches into their next generation (swap mode only; --verify compares Postgres only). */
  readonly redis?: RedisReplayOptions;
  readonly onRedisProgress?: RebuildOptions['onProgress'];
}

export type ReplayResult =
  | { readonly mode: 'swap'; readonly rebuild: RebuildResult; readonly swap: SwapResult; readonly redis: RedisReplayResult | null }
  | { readonly mode: 'verify'; readonly rebuild: RebuildResult; readonly verify: VerifyResult };

/** How many hash partitions the live users table has (null when there is no live schema yet). */
export const livePartitions = async (pool: pg.Pool, schema: string): Promise<number | null> => {
  const result = await pool.query<{ n: number }>(
    `select count(*)::int as n from pg_inherits i join pg_class c on c.oid = i.inhparent join pg_namespace s on s.oid = c.relnamespace
      where s.nspname = $1 and c.relname = 'users'`,
    [schema],
  );
  const n = result.rows[0]?.n ?? 0;
  return n > 0 ? n : null;
};

export const replayReadModels = async (options: ReplayOptions): Promise<ReplayResult> => {
  const live = validateReadModelSchema(options.schema ?? DEFAULT_READ_MODEL_SCHEMA);
  const shadow = `${live}_shadow`.slice(0, 63);
  const partitions = options.partitions ?? (await livePartitions(options.pool, live)) ?? DEFAULT_PARTITIONS;
  const failureMode = options.failureMode ?? 'halt';
  const deadLetters = options.deadLetters ?? null;
  const common = {
    store: options.store,
    pool: options.pool,
    projection: READ_MODELS_PROJECTION,
    failureMode,
    deadLetters,
    ...(options.maxTransactionMs === undefined ? {} : { maxTransactionMs: options.maxTransactionMs }),
  };
  // --verify compares at the live checkpoint, which only moves forward: rebuilt up to it, the shadow can follow the
  // live tables there and never needs events the live projector has not applied yet (verify.ts).
  const upTo = options.verify === true ? await readCheckpointRow(options.pool, live, READ_MODELS_PROJECTION) : undefined;
  const rebuild = await rebuildInto({
    ...common,
    shadowSchema: shadow,
    partitions,
    ...(upTo === undefined ? {} : { upTo }),
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.fold === undefined ? {} : { fold: options.fold }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.onChunkCommitted === undefined ? {} : { onChunkCommitted: options.onChunkCommitted }),
  });
  const finish = { ...common, liveSchema: live, shadowSchema: shadow };
  if (options.verify === true) {
    try {
      return { mode: 'verify', rebuild, verify: await verifyAgainstLive(finish) };
    } finally {
      await dropSchemaInSteps(options.pool, shadow);
    }
  }
  const swap = await swapIn(finish);
  // After the Postgres swap: the caches are rebuildable at any time, and reads fall back to Postgres meanwhile.
  const redis =
    options.redis === undefined
      ? null
      : await replayRedisGeneration({
          store: options.store,
          pool: options.pool,
          cache: options.redis,
          failureMode,
          deadLetters,
          ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
          ...(options.onRedisProgress === undefined ? {} : { onProgress: options.onRedisProgress }),
        });
  return { mode: 'swap', rebuild, swap, redis };
};
