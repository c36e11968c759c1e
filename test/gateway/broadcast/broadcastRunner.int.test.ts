// The broadcast runner against real PostgreSQL: it finds a broadcast the projector recorded, delivers it to every
// active user once, resumes after a stop from its checkpoint without sending anyone a second message (also not a
// recipient claimed just before a crash), skips paused and banned users, and edits one progress message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { broadcastMigrations, createBroadcastRunner, createPostgresBroadcastStore } from '../../../gateway/broadcast/index.js';
import { readModelTablesSql } from '../../../projections/readModels/index.js';
import { createTestSchema, type TestSchema } from '../../support/postgres.js';

const ADMIN = '900';
const AT = '2026-11-20T10:00:00.000Z';

interface Sent {
  readonly method: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const translate = (locale: string, key: string, args: Readonly<Record<string, string | number>>): string => `${locale}:${key}:${JSON.stringify(args)}`;

describe('broadcast runner', () => {
  let readModels: TestSchema;
  let progress: TestSchema;

  const addUser = async (id: string, status: string, language: string | null = null): Promise<void> => {
    await readModels.pool.query(
      `insert into ${readModels.schema}.users (user_id, status, interface_language, profile_completion_level, communication_styles, stream_version, created_at, last_active_at, updated_at)
       values ($1, $2, $3, 0, '{}', 1, $4, $4, $4)`,
      [id, status, language, AT],
    );
  };

  const startBroadcast = async (broadcastId: string, text: string): Promise<void> => {
    await readModels.pool.query(
      `insert into ${readModels.schema}.moderation (user_id, stream_version, kind, action, text, at) values ($1, (select count(*) + 10 from ${readModels.schema}.moderation), 'broadcast', $2, $3, $4)`,
      [ADMIN, broadcastId, text, AT],
    );
  };

  const runner = (sent: Sent[], options: { failOn?: string; abortAfter?: number } = {}) => {
    const controller = new AbortController();
    const store = createPostgresBroadcastStore({ pool: progress.pool, schema: progress.schema, readModelSchema: readModels.schema });
    let messages = 0;
    const run = createBroadcastRunner({
      store,
      translate,
      logger: silent,
      progressEveryMs: 0,
      batchSize: 2,
      telegram: async (method, payload) => {
        sent.push({ method, payload });
        if (method !== 'sendMessage') return true;
        if (String(payload.chat_id) === options.failOn) throw Object.assign(new Error('Forbidden: bot was blocked by the user'), { error_code: 403 });
        messages += 1;
        if (options.abortAfter !== undefined && messages >= options.abortAfter) controller.abort();
        return { message_id: 500 + messages };
      },
    });
    return { run: () => run.runOnce(controller.signal), store };
  };

  const deliveries = (sent: readonly Sent[], text: string): string[] =>
    sent.filter((call) => call.method === 'sendMessage' && call.payload.text === text).map((call) => String(call.payload.chat_id));

  beforeEach(async () => {
    readModels = await createTestSchema('rm');
    progress = await createTestSchema('bc');
    await readModels.pool.query(readModelTablesSql(readModels.schema, 2));
    await progress.pool.query(broadcastMigrations(progress.schema)[0]!.sql);
    await addUser(ADMIN, 'active', 'ru');
    for (const id of ['101', '102', '103', '104', '105']) await addUser(id, id === '103' ? 'onboarding' : 'active');
    await addUser('106', 'paused');
    await addUser('107', 'banned');
  });

  afterEach(async () => {
    await readModels.drop();
    await progress.drop();
  });

  it('delivers to every active user once, skips paused and banned ones, and edits one progress message', async () => {
    await startBroadcast('broadcast:a', 'Hello all');
    const sent: Sent[] = [];
    await runner(sent, { failOn: '104' }).run();
    expect(deliveries(sent, 'Hello all').sort()).toEqual(['101', '102', '103', '104', '105', ADMIN]);
    const progressMessages = sent.filter((call) => call.method === 'sendMessage' && call.payload.text !== 'Hello all');
    expect(progressMessages).toHaveLength(1);
    expect(String(progressMessages[0]!.payload.text)).toMatch(/^ru:admin-broadcast-progress/);
    const edits = sent.filter((call) => call.method === 'editMessageText');
    expect(edits.length).toBeGreaterThan(0);
    // The progress message was the runner's first send (message 501 of the fake Bot API): only it is edited.
    expect(edits.every((call) => call.payload.message_id === 501 && call.payload.chat_id === Number(ADMIN))).toBe(true);
    expect(String(edits.at(-1)!.payload.text)).toBe('ru:admin-broadcast-done:{"sent":5,"failed":1,"total":6}');
    // Nothing left to do: another pass sends nothing.
    const again: Sent[] = [];
    await runner(again).run();
    expect(again).toEqual([]);
  });

  it('resumes after a stop from its checkpoint and never sends anyone a second message', async () => {
    await startBroadcast('broadcast:b', 'Resumable');
    const first: Sent[] = [];
    // Stops after the progress message and two deliveries, as a shutdown or a lost lease would.
    await runner(first, { abortAfter: 3 }).run();
    const firstRound = deliveries(first, 'Resumable');
    expect(firstRound.length).toBeGreaterThan(0);
    expect(firstRound.length).toBeLessThan(6);
    // A recipient claimed just before a crash (the send may or may not have happened) is never sent to again.
    const { rows } = await progress.pool.query<{ cursor: string }>(`select cursor::text from ${progress.schema}.broadcasts`);
    const next = ['101', '102', '103', '104', '105', ADMIN].sort((a, b) => Number(a) - Number(b)).find((id) => Number(id) > Number(rows[0]!.cursor))!;
    await progress.pool.query(`insert into ${progress.schema}.deliveries (broadcast_id, user_id, outcome) values ('broadcast:b', $1, 'claimed')`, [next]);
    const second: Sent[] = [];
    await runner(second).run();
    const secondRound = deliveries(second, 'Resumable');
    expect(secondRound).not.toContain(next);
    const all = [...firstRound, ...secondRound];
    expect(new Set(all).size).toBe(all.length);
    expect([...all, next].sort()).toEqual(['101', '102', '103', '104', '105', ADMIN].sort());
    // The resumed run edits the same progress message instead of opening another.
    expect(second.filter((call) => call.method === 'sendMessage' && call.payload.text !== 'Resumable')).toEqual([]);
  });

  it('delivers two broadcasts in the order they started', async () => {
    await startBroadcast('broadcast:1', 'First');
    await startBroadcast('broadcast:2', 'Second');
    const sent: Sent[] = [];
    await runner(sent).run();
    const texts = sent.filter((call) => call.method === 'sendMessage' && String(call.payload.chat_id) === '101').map((call) => call.payload.text);
    expect(texts).toEqual(['First', 'Second']);
  });

  it('ends a broadcast whose admin was forgotten meanwhile: their text is gone, nothing more is sent', async () => {
    await startBroadcast('broadcast:gone', 'Soon forgotten');
    const first: Sent[] = [];
    await runner(first, { abortAfter: 2 }).run();
    expect(deliveries(first, 'Soon forgotten')).toHaveLength(1);
    // The projector purges a forgotten admin's rows, the broadcast's text with them.
    await readModels.pool.query(`delete from ${readModels.schema}.moderation where user_id = $1`, [ADMIN]);
    const second: Sent[] = [];
    await runner(second).run();
    expect(second).toEqual([]);
    const { rows } = await progress.pool.query<{ finished: boolean }>(`select finished_at is not null as finished from ${progress.schema}.broadcasts`);
    expect(rows).toEqual([{ finished: true }]);
  });
});
