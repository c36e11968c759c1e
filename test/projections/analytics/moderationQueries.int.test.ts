// The admins' inbox and moderation queue over real read models: feedback and reports from their senders' rows, the
// latest review (an admin's moderation row) deciding each item's status, archived feedback and dismissed reports
// leaving the lists, newest first. An admin's reviews folded twice give the same rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserEvent } from '../../../domain/user/index.js';
import { createPostgresModerationQueries } from '../../../projections/analytics/index.js';
import { createFoldState, foldEvent, foldedRowsOf, readModelMigrations, writeAll, type FoldState } from '../../../projections/readModels/index.js';
import { activeEvents, event, later, HOUR, MINUTE } from '../../domain/support/users.js';
import { createTestSchema, type TestSchema } from '../../support/postgres.js';

const ADMIN = '9001';
const ANN = '1001';
const BOB = '2002';

const fold = (state: FoldState, userId: string, events: readonly UserEvent[], from: number): void => {
  events.forEach((e, i) => foldEvent(state, { userId, streamVersion: from + i, event: e }));
};

describe('moderation queries', () => {
  let db: TestSchema;
  beforeEach(async () => {
    db = await createTestSchema('mq');
    for (const migration of readModelMigrations(db.schema, 2)) await db.pool.query(migration.sql);
  });
  afterEach(() => db.drop());

  const build = (replays: number): FoldState => {
    const state = createFoldState();
    const annEvents = activeEvents(ANN);
    const bobEvents = activeEvents(BOB);
    const adminEvents = activeEvents(ADMIN);
    for (let round = 0; round < replays; round += 1) {
      fold(state, ANN, annEvents, 1);
      fold(state, BOB, bobEvents, 1);
      fold(state, ADMIN, adminEvents, 1);
      const a = annEvents.length + 1;
      fold(state, ANN, [
        event('FeedbackSent', { text: 'first feedback, long enough' }, 'f1', later(HOUR)),
        event('FeedbackSent', { text: 'second feedback, long enough' }, 'f2', later(2 * HOUR)),
        event('UserReported', { target: BOB, reason: 'spam', comment: 'links everywhere' }, 'r1', later(3 * HOUR)),
      ], a);
      const b = bobEvents.length + 1;
      fold(state, BOB, [event('UserReported', { target: ANN, reason: 'other', comment: null }, 'r2', later(4 * HOUR))], b);
      const m = adminEvents.length + 1;
      fold(state, ADMIN, [
        event('FeedbackReviewed', { sender: ANN, version: a, status: 'processed' }, 'm1', later(5 * HOUR)),
        event('FeedbackReviewed', { sender: ANN, version: a + 1, status: 'processed' }, 'm2', later(5 * HOUR + MINUTE)),
        event('FeedbackReviewed', { sender: ANN, version: a + 1, status: 'archived' }, 'm3', later(5 * HOUR + 2 * MINUTE)),
        event('ReportReviewed', { reporter: BOB, version: b, target: ANN, action: 'dismissed' }, 'm4', later(6 * HOUR)),
        event('ReportReviewed', { reporter: ANN, version: a + 2, target: BOB, action: 'banned' }, 'm5', later(6 * HOUR + MINUTE)),
      ], m);
    }
    return state;
  };

  it('lists feedback not archived and reports not dismissed, with their latest status', async () => {
    const state = build(1);
    // An admin's moderation rows are keyed by stream version: a replayed review replaces its own row.
    expect(build(2).docs.get(ADMIN)!.moderation).toEqual(state.docs.get(ADMIN)!.moderation);
    await writeAll(() => db.pool.connect(), db.schema, foldedRowsOf(state));
    const queries = createPostgresModerationQueries({ pool: db.pool, schema: db.schema });

    const feedback = await queries.feedback(0);
    expect(feedback.total).toBe(1);
    expect(feedback.item).toMatchObject({ sender: ANN, text: 'first feedback, long enough', status: 'processed' });

    const reports = await queries.reports(0);
    expect(reports.total).toBe(1);
    expect(reports.item).toMatchObject({ reporter: ANN, target: BOB, reason: 'spam', comment: 'links everywhere', status: 'banned' });

    // Past the end: the last item, so a stale Next still shows something sensible.
    expect((await queries.feedback(5)).index).toBe(0);
  });

  it('answers an empty inbox and queue', async () => {
    const queries = createPostgresModerationQueries({ pool: db.pool, schema: db.schema });
    expect(await queries.feedback(0)).toEqual({ item: null, index: 0, total: 0 });
    expect(await queries.reports(3)).toEqual({ item: null, index: 0, total: 0 });
  });
});
