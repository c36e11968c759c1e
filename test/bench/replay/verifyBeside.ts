// `--verify`: `lexbot ops replay --verify` against the rebuilt tables while a live projector keeps them up to date
// (and, with --live-during-verify, a live writer appends and a subscription follows the log): how long it takes, which
// transaction ids it holds and for how long (every live log reader waits for them), and how long the live projector
// stood still meanwhile.
import pg from 'pg';
import type { EventStore } from '../../../actors/eventStore/types.js';
import { createReadModelTarget } from '../../../projections/readModels/index.js';
import { replayReadModels, type FoldRunner } from '../../../projections/replay/index.js';
import { createLease, createProjectionRunner, type DeadLetterStore } from '../../../projections/runner/index.js';
import { startLiveProbeInWorker, type HeldXid, type LiveProbeResult } from './liveDuringRebuild.js';

export interface VerifyBesideOptions {
  readonly url: string;
  readonly pool: pg.Pool;
  /** application_name of `pool`'s connections: the xids of the verification are those. */
  readonly applicationName: string;
  readonly store: EventStore;
  readonly eventStoreSchema: string;
  readonly readModelSchema: string;
  readonly projectorSchema: string;
  readonly deadLetters: DeadLetterStore;
  readonly fold: FoldRunner | undefined;
  /** Live writer's events/s, or null for no writer (the projector then has nothing to apply). */
  readonly liveRate: number | null;
}

export interface VerifyBesideResult {
  readonly seconds: number;
  readonly differences: number;
  readonly rebuild: { readonly readAndFoldMs: number; readonly writeMs: number; readonly indexMs: number; readonly events: number };
  /** Longest time the live projector's checkpoint did not move during the verification (polled every ~5 ms). */
  readonly projectorStallMs: number;
  /** The verification's xids: the rebuild's (COPY, DDL, indexes, ANALYZE, drops) and the rest (comparison, catch-up). */
  readonly rebuildXids: readonly HeldXid[];
  readonly compareXids: readonly HeldXid[];
  readonly live: LiveProbeResult | null;
}

const REBUILD_STATEMENT = /^\s*(copy|create|alter|analyze|drop|begin;|insert into \S+\.projection_checkpoints|update \S+\.projection_checkpoints)/i;

export const verifyBeside = async (options: VerifyBesideOptions): Promise<VerifyBesideResult> => {
  const livePool = new pg.Pool({ connectionString: options.url, max: 4, application_name: 'bench_replay_live' });
  const runner = createProjectionRunner({
    store: options.store,
    target: createReadModelTarget({ pool: livePool, schema: options.readModelSchema, deadLetters: options.deadLetters }),
    lease: createLease({ pool: livePool, projection: 'read_models', owner: 'bench', schema: options.projectorSchema }),
    deadLetters: options.deadLetters,
    pool: livePool,
    batchSize: 500,
    maxWaitMs: 20,
    leaseIntervalMs: 500,
  });
  runner.start();
  const probe = options.liveRate === null ? null : await startLiveProbeInWorker({ url: options.url, schema: options.eventStoreSchema, rate: options.liveRate });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  probe?.mark('verify');
  let verifying = true;
  let projectorStallMs = 0;
  const stalls = (async () => {
    let last = runner.status().checkpoint;
    let since = performance.now();
    while (verifying) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const now = performance.now();
      const at = runner.status().checkpoint;
      if (at.commit !== last.commit || at.position !== last.position) {
        last = at;
        since = now;
      }
      projectorStallMs = Math.max(projectorStallMs, now - since);
    }
  })();
  const started = performance.now();
  const result = await replayReadModels({
    store: options.store,
    pool: options.pool,
    schema: options.readModelSchema,
    deadLetters: options.deadLetters,
    pageSize: 5000,
    verify: true,
    ...(options.fold === undefined ? {} : { fold: options.fold }),
  });
  const seconds = (performance.now() - started) / 1000;
  verifying = false;
  await stalls;
  probe?.mark('after');
  if (probe !== null) await new Promise((resolve) => setTimeout(resolve, 2000));
  const live = probe === null ? null : await probe.stop();
  await runner.stop();
  await livePool.end();
  if (result.mode !== 'verify') throw new Error('expected a verification');
  const own = (live?.xids ?? []).filter((x) => x.applicationName === options.applicationName);
  const rebuildXid = (x: HeldXid): boolean => REBUILD_STATEMENT.test(x.query) && REBUILD_STATEMENT.test(x.lastQuery);
  const r = result.rebuild;
  return {
    seconds,
    differences: result.verify.differences.length,
    rebuild: { readAndFoldMs: r.readAndFoldMs, writeMs: r.writeMs, indexMs: r.indexMs, events: r.events },
    projectorStallMs,
    rebuildXids: own.filter(rebuildXid),
    compareXids: own.filter((x) => !rebuildXid(x)),
    live,
  };
};
