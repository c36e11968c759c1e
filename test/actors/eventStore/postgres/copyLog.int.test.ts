// The log's binary COPY (a rebuild's one reader): its rows, split by their framing and parsed, are exactly the events
// readAll returns with the same omitDataOf — data with every awkward character, metadata, recording times to the
// microsecond on both sides of both epochs, checkpoints — and it stops at the checkpoint it is given.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyBinaryHeader, copyLog, copyRowCheckpoint, copyRowEnd, copyRowStreamName, createCopiedEventParser } from '../../../../actors/eventStore/postgres/copyLog.js';
import { createPostgresEventStore } from '../../../../actors/eventStore/postgres/index.js';
import { START, type Checkpoint, type EventMetadata, type EventStore, type NewEvent, type RecordedEvent } from '../../../../actors/eventStore/types.js';
import { runMigrations } from '../../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet } from '../../../../ops/migrations/sets.js';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../../../support/postgres.js';
import { settle } from '../../../support/settlePostgres.js';

const OMIT = ['Omitted'];
const AWKWARD = 'tab\there, newline\nthere, cr\r, backslash \\ and \\n, quote ", unicode Привет 🎉, nul-ish \u0001';

const event = (type: string, data: unknown, metadata?: EventMetadata): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 2,
  data,
  ...(metadata === undefined ? {} : { metadata }),
});

const readEverything = async (store: EventStore): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  let after = START;
  for (;;) {
    const page = await store.readAll(after, 4, { omitDataOf: OMIT });
    if (page.events.length === 0) return all;
    all.push(...page.events);
    after = page.checkpoint;
  }
};

/** The COPY up to `upTo`, framed into rows and parsed; also each row's stream name and checkpoint as the router reads them. */
const copyEverything = async (schema: string, upTo: Checkpoint): Promise<{ events: RecordedEvent[]; names: string[]; checkpoints: Checkpoint[] }> => {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { stream, finish } = await copyLog(client, { schema, upTo, omitDataOf: OMIT });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    await finish();
    const all = Buffer.concat(chunks);
    const rows = all.subarray(copyBinaryHeader(all));
    const names: string[] = [];
    const checkpoints: Checkpoint[] = [];
    const events: RecordedEvent[] = [];
    const parse = createCopiedEventParser();
    let start = 0;
    for (;;) {
      const end = copyRowEnd(rows, start);
      if (end === -2) break;
      expect(end).toBeGreaterThan(start);
      const [from, to] = copyRowStreamName(rows, start);
      names.push(rows.toString('utf8', from, to));
      checkpoints.push(copyRowCheckpoint(rows, start));
      // One row at a time and all at once parse alike (the parser keeps its per-transaction memo across calls).
      parse(rows.subarray(start, end), events);
      start = end;
    }
    expect(rows.length - start).toBe(2); // the trailer
    return { events, names, checkpoints };
  } finally {
    await client.end();
  }
};

describe("the log's binary COPY (postgres)", () => {
  let db: TestSchema;
  let store: EventStore;

  beforeEach(async () => {
    db = await createTestSchema('escp');
    await runMigrations(db.pool, eventStoreMigrationSet(db.schema));
    store = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: db.schema, listen: false, notify: false });
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('parses into the events readAll returns, up to the checkpoint it is given', async () => {
    const outcomes = await store.appendMany([
      { stream: 'user-1', expected: 'no_stream', events: [event('Whole', { text: AWKWARD, n: 1.5, list: [null, true] }, { correlationId: 'c\t1' }), event('Omitted', { secret: 1 }, { a: 1 })] },
      { stream: 'user-2.a@b=c+d:e', expected: 'no_stream', events: [event('Whole', {}), event('Whole', { nested: { deep: [AWKWARD] } }, {})] },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    await store.append('user-1', 'any', [event('Whole', 'a bare string'), event('Omitted', null)]);
    await store.append('other', 'any', [event('Whole', 42, { key: AWKWARD })]);
    // Recording times to the microsecond, on whole milliseconds, and before PostgreSQL's and Unix's epochs.
    const times = ['2026-01-01 10:00:00.123+00', '2026-01-01 10:00:00.999999+00', '1999-12-31 23:59:59.999999+00', '1969-12-31 23:59:59.9995+00', '2030-07-04 00:00:00.000001+00'];
    const positions = (await db.pool.query<{ p: string }>(`select global_position::text as p from ${db.schema}.events order by global_position`)).rows.map((r) => r.p);
    for (const [i, p] of positions.entries()) await db.pool.query(`update ${db.schema}.events set recorded_at = $1 where global_position = $2`, [times[i % times.length], p]);
    await settle(db.pool);

    const expected = await readEverything(store);
    expect(expected).toHaveLength(7);
    const head = await store.headCheckpoint();
    const copied = await copyEverything(db.schema, head);
    expect(copied.events).toEqual(expected);
    expect(copied.names).toEqual(expected.map((e) => e.streamName));
    expect(copied.checkpoints).toEqual(expected.map((e) => e.checkpoint));
    expect(copied.events.map((e) => e.recordedAt.getTime())).toEqual(expected.map((e) => e.recordedAt.getTime()));

    // Up to an event in the middle: exactly the events up to it.
    const middle = expected[3]!.checkpoint;
    expect((await copyEverything(db.schema, middle)).events).toEqual(expected.slice(0, 4));
    expect((await copyEverything(db.schema, START)).events).toEqual([]);
  });
});
