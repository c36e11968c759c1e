// Public surface of replay (rebuild, swap, verify).
export { replayReadModels, livePartitions, type ReplayOptions, type ReplayResult } from './replay.js';
export {
  rebuildInto,
  createShadowSchema,
  foldInThread,
  ReplayHaltedError,
  type FoldedPart,
  type FoldRequest,
  type FoldRunner,
  type RebuildOptions,
  type RebuildResult,
} from './rebuild.js';
export { dropSchemaInSteps } from './shadowSchema.js';
export { DEFAULT_MAX_TRANSACTION_MS } from './boundedTransactions.js';
export type { ChunkCommitted } from './boundedCopy.js';
export { foldLog, type FoldLogOptions, type FoldOutcome } from './foldLog.js';
export { replayRedisGeneration, type RedisReplayOptions, type RedisReplayResult } from './redisGeneration.js';
export { swapIn, type SwapResult } from './swap.js';
export { verifyAgainstLive, type VerifyOptions, type VerifyResult } from './verify.js';
export { tableChecksums, compareChecksums, type Checksums, type TableChecksum, type TableDifference } from './checksums.js';
