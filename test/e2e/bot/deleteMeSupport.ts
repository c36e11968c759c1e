// Shared steps of the /delete_me end-to-end tests: read the whole log (raw and through the wrapper), the user's
// read-model row and the stats API's users_total.
import pg from 'pg';
import { createEncryptedEventStore } from '../../../actors/eventStore/encrypted/index.js';
import { createPostgresEventStore } from '../../../actors/eventStore/postgres/index.js';
import { START, type EventStore, type RecordedEvent } from '../../../actors/eventStore/types.js';
import { createPostgresKeyStore } from '../../../actors/keys/index.js';
import type { BotHarness } from '../../support/botHarness.js';
import { settle } from '../../support/settlePostgres.js';

const readEverything = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let after = START; ; ) {
    const page = await store.readAll(after, 1000);
    if (page.events.length === 0) return events;
    events.push(...page.events);
    after = page.checkpoint;
  }
};

/** The whole global log as JSON text: as stored (`raw`) and as every reader sees it, replays included (`opened`). */
export const wholeLog = async (harness: BotHarness): Promise<{ readonly raw: string; readonly opened: string }> => {
  const inner = createPostgresEventStore({ connectionString: harness.databaseUrl, poolSize: 1, listen: false, notify: false });
  const pool = new pg.Pool({ connectionString: harness.databaseUrl, max: 1 });
  try {
    await settle(pool);
    const raw = await readEverything(inner);
    // A fresh wrapper: no key cached from the live roles, exactly what a replay in another process would get.
    const opened = await readEverything(createEncryptedEventStore({ store: inner, keys: createPostgresKeyStore({ pool }) }));
    return { raw: JSON.stringify(raw.map((e) => e.data)), opened: JSON.stringify(opened.map((e) => e.data)) };
  } finally {
    await inner.close();
    await pool.end();
  }
};

export const userRow = async (harness: BotHarness, userId: number): Promise<Record<string, unknown> | undefined> => {
  const pool = new pg.Pool({ connectionString: harness.databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<Record<string, unknown>>('select * from read_models.users where user_id = $1', [String(userId)]);
    return rows[0];
  } finally {
    await pool.end();
  }
};

export const usersTotal = async (harness: BotHarness): Promise<number> => ((await harness.api('/api/v1/stats')) as { users_total: number }).users_total;
