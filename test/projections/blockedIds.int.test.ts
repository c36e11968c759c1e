// users.blocked_ids: blocks and unblocks from the user's own stream, kept through a profile reset (as the domain
// keeps them), gone with a forgotten user; live batches delivered twice change nothing, and a replay rebuilds the
// same rows (verify finds no difference).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fold, userStreamName, type UserEvent } from '../../domain/user/index.js';
import { upcast } from '../../domain/events/index.js';
import { createReadModelTarget } from '../../projections/readModels/index.js';
import { replayReadModels } from '../../projections/replay/index.js';
import { activeEvents, append, event, later, logSettled, MINUTE } from './redis/support/history.js';
import { createProjectionDb, type ProjectionDb } from './support/projectionDb.js';

const KATE = '5101';
const VERA = '5102';
const OLGA = '5103';
const MAX = '90000000001'; // longer than the others: numeric order, not text order

describe('users.blocked_ids', () => {
  let db: ProjectionDb;
  beforeEach(async () => {
    db = await createProjectionDb();
  });
  afterEach(async () => db.drop());

  const blocked = async (): Promise<Record<string, string[]>> => {
    const rows = await db.pool.query<{ id: string; blocked: string[] }>(
      `select user_id::text as id, blocked_ids::text[] as blocked from ${db.readModels}.users order by user_id`,
    );
    return Object.fromEntries(rows.rows.map((r) => [r.id, r.blocked]));
  };

  /** Applies the log from the checkpoint one event per batch, each batch twice. */
  const project = async (): Promise<void> => {
    const target = createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters });
    await target.prepare();
    let checkpoint = await target.checkpoint();
    const page = await db.store.readAll(checkpoint, 10_000);
    for (const one of page.events) {
      const result = await target.apply([one], checkpoint, 'halt');
      expect((await target.apply([one], result.checkpoint, 'halt')).applied).toBe(0);
      checkpoint = result.checkpoint;
    }
  };

  const at = (minutes: number): Date => later(minutes * MINUTE);
  const step = (type: 'UserBlocked' | 'UserUnblocked', target: string, minutes: number): UserEvent => event(type, { target }, `${type}-${target}-${minutes}`, at(minutes));

  it('follows blocks and unblocks, survives a reset, and a replay verifies equal to live', async () => {
    for (const id of [KATE, VERA, OLGA, MAX]) await append(db.store, id, activeEvents(id));
    await append(db.store, KATE, [step('UserBlocked', VERA, 1), step('UserBlocked', MAX, 2), step('UserBlocked', OLGA, 3)]);
    await append(db.store, OLGA, [step('UserBlocked', KATE, 1), step('UserUnblocked', KATE, 2)]);
    let count = 4 * activeEvents(KATE).length + 5;
    await logSettled(db.store, count);
    await project();
    expect(await blocked()).toEqual({ [KATE]: [VERA, OLGA, MAX], [VERA]: [], [OLGA]: [], [MAX]: [] });

    // A reset keeps the blocks (the domain keeps them); an unblock drops one; a forgotten user keeps no row at all,
    // and starting again begins with no blocks, as the domain's fresh state does.
    await append(db.store, KATE, [event('ProfileReset', {}, 'reset', at(4)), step('UserUnblocked', MAX, 5)]);
    await append(db.store, VERA, [step('UserBlocked', KATE, 6), event('UserForgotten', {}, 'forget', at(7))]);
    await append(db.store, VERA, activeEvents(VERA, { at: at(8) }));
    count += 4 + activeEvents(VERA).length;
    await logSettled(db.store, count);
    await project();
    expect(await blocked()).toEqual({ [KATE]: [VERA, OLGA], [VERA]: [], [OLGA]: [], [MAX]: [] });

    // The read model says what the domain's own fold says.
    for (const id of [KATE, VERA, OLGA, MAX]) {
      const state = fold((await db.store.readStream(userStreamName(id))).map((e) => upcast(e)));
      expect([...state.blocked].sort(), id).toEqual([...(await blocked())[id]!].sort());
    }

    const verified = await replayReadModels({ store: db.store, pool: db.pool, schema: db.readModels, verify: true });
    if (verified.mode !== 'verify') throw new Error('expected a verification');
    expect(verified.verify.differences).toEqual([]);
  });
});
