// The Postgres read models as a runner target. One batch = one transaction:
//   lock the checkpoint row (the fence) → load the docs of the batch's users → fold the events in memory with the
//   pure projection → write the changed rows and the aggregates' deltas → dead letters (skip mode) → checkpoint.
// A projector killed anywhere in there leaves nothing behind (the transaction rolls back), and one that lost its
// lease finds the checkpoint moved and writes nothing: no event is ever counted twice.
import type pg from 'pg';
import { compareCheckpoints, type Checkpoint, type RecordedEvent } from '../../actors/eventStore/types.js';
import type { DeadLetterStore } from '../runner/deadLetters.js';
import { CheckpointMovedError, type ApplyResult, type EventFailure, type FailureMode, type ProjectionTarget } from '../runner/types.js';
import { ensureCheckpointRow, readCheckpointRow, writeCheckpointRow } from './checkpointRow.js';
import { decodeForReadModels } from './decode.js';
import { createFoldState, foldEvent } from './foldState.js';
import { loadDocs } from './loadDocs.js';
import { DEFAULT_READ_MODEL_SCHEMA, READ_MODELS_PROJECTION, validateReadModelSchema } from './names.js';
import type { ProjectedEvent } from './project.js';
import { copyDoc } from './rows.js';
import { writeBatch } from './writeBatch.js';

export interface ReadModelTargetOptions {
  readonly pool: pg.Pool;
  readonly schema?: string;
  readonly deadLetters: DeadLetterStore;
  /** Name of the checkpoint row and lease; default "read_models". */
  readonly name?: string;
}

const message = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Applies `events` (after `expected`) to a transaction's tables. Shared by the live target and replay's catch-up.
 * Events at or before `expected` are dropped, so a redelivered batch changes nothing.
 */
export const applyEventsInTransaction = async (
  client: pg.PoolClient,
  schema: string,
  name: string,
  events: readonly RecordedEvent[],
  expected: Checkpoint,
  mode: FailureMode,
  deadLetters: DeadLetterStore | null,
): Promise<ApplyResult> => {
  const stored = await readCheckpointRow(client, schema, name, true);
  if (compareCheckpoints(stored, expected) !== 0) throw new CheckpointMovedError(expected, stored);
  const fresh = events.filter((e) => compareCheckpoints(e.checkpoint, expected) > 0);
  const decoded: { recorded: RecordedEvent; input: ProjectedEvent | null; error: string | null }[] = fresh.map((recorded) => {
    try {
      return { recorded, input: decodeForReadModels(recorded), error: null };
    } catch (error) {
      return { recorded, input: null, error: message(error) };
    }
  });
  const users = [...new Set(decoded.flatMap((d) => (d.input === null ? [] : [d.input.userId])))];
  const before = await loadDocs(client, schema, users);
  const state = createFoldState();
  // The fold updates docs in place (rows.ts): fold on copies, diff against the originals.
  for (const [id, doc] of before) state.docs.set(id, doc === null ? null : copyDoc(doc));
  const skipped: EventFailure[] = [];
  let halted: EventFailure | null = null;
  let checkpoint = expected;
  let applied = 0;
  for (const { recorded, input, error } of decoded) {
    let failure = error;
    if (failure === null && input !== null) {
      try {
        foldEvent(state, input);
      } catch (foldError) {
        failure = message(foldError);
      }
    }
    if (failure !== null) {
      if (mode === 'halt') {
        halted = { event: recorded, error: failure };
        break;
      }
      skipped.push({ event: recorded, error: failure });
    } else applied += 1;
    checkpoint = recorded.checkpoint;
  }
  await writeBatch(client, schema, before, state);
  if (deadLetters !== null) await deadLetters.record(client, name, skipped, 'skip');
  await writeCheckpointRow(client, schema, name, checkpoint);
  return { checkpoint, applied, skipped, halted };
};

export const createReadModelTarget = (options: ReadModelTargetOptions): ProjectionTarget => {
  const schema = validateReadModelSchema(options.schema ?? DEFAULT_READ_MODEL_SCHEMA);
  const name = options.name ?? READ_MODELS_PROJECTION;
  return {
    name,
    async prepare() {
      await ensureCheckpointRow(options.pool, schema, name);
    },
    checkpoint: () => readCheckpointRow(options.pool, schema, name),
    async apply(events, expected, mode) {
      const client = await options.pool.connect();
      let broken = false;
      try {
        await client.query('begin');
        const result = await applyEventsInTransaction(client, schema, name, events, expected, mode, options.deadLetters);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
};
