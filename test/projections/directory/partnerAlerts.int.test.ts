// The partner-alert follower over a real log and real read models: a newcomer who completes onboarding is offered,
// once per trigger event, to each waiting user whose languages pair with theirs, with a deterministic mailbox id;
// the offer, handled by the watcher's actor, yields one notice and clears the wish.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeJson, type MailboxDelivery, type OutgoingMessage } from '../../../actors/mailbox/index.js';
import { memoryServices } from '../../../actors/userActor/ports/index.js';
import { decodeUserMessage } from '../../../actors/userActor/messages.js';
import { toStored } from '../../../domain/events/index.js';
import { userStreamName, type UserEvent } from '../../../domain/user/index.js';
import { createPartnerAlertTarget } from '../../../projections/directory/index.js';
import { createReadModelTarget } from '../../../projections/readModels/index.js';
import type { ProjectionTarget } from '../../../projections/runner/index.js';
import { createDriver, textsOf } from '../../actors/userActor/bot/find/driver.js';
import { eventsOf, stateOf, type ProfileSpec } from '../../actors/userActor/bot/find/profiles.js';
import { createProjectionDb, type ProjectionDb } from '../support/projectionDb.js';

const NOW = new Date('2026-03-04T12:00:00Z');
const WATCHER: ProfileSpec & { watch: true } = { id: '8001', firstName: 'Wanda', native: ['ru'], learning: [{ code: 'en', level: 'B1' }], watch: true };
const OTHER: ProfileSpec & { watch: true } = { id: '8002', firstName: 'Otto', native: ['de'], learning: [{ code: 'fr', level: 'B1' }], watch: true };
const NEWCOMER: ProfileSpec = { id: '8003', firstName: 'Nick', native: ['en'], learning: [{ code: 'ru', level: 'A2' }] };

describe('partner alert follower', () => {
  let db: ProjectionDb;
  let published: OutgoingMessage[];
  let readModels: ProjectionTarget;
  let alerts: ProjectionTarget;
  let seen = 0;

  const append = async (userId: string, events: readonly UserEvent[]): Promise<void> => {
    await db.store.append(userStreamName(userId), 'any', events.map((e) => ({ id: randomUUID(), ...toStored(e) })));
    seen += events.length;
  };

  /** Runs both targets over everything appended so far (the read models first, as the projector usually is). */
  const follow = async (): Promise<void> => {
    for (;;) {
      const page = await db.store.readAll({ commit: 0n, position: 0n }, 10_000);
      if (page.events.length >= seen) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const target of [readModels, alerts]) {
      const from = await target.checkpoint();
      const page = await db.store.readAll(from, 10_000);
      if (page.events.length > 0) await target.apply(page.events, from, 'skip');
    }
  };

  beforeEach(async () => {
    db = await createProjectionDb();
    published = [];
    seen = 0;
    readModels = createReadModelTarget({ pool: db.pool, schema: db.readModels, deadLetters: db.deadLetters });
    alerts = createPartnerAlertTarget({
      pool: db.pool,
      store: db.store,
      schema: `${db.readModels}_pa`,
      readModels: db.readModels,
      now: () => NOW,
      mailbox: {
        partitions: 4,
        async publish(_partition, message) {
          published.push(message);
          return { duplicate: false, seq: published.length };
        },
      },
    });
    await readModels.prepare();
    await alerts.prepare();
    await alerts.prepare(); // idempotent
  });

  afterEach(async () => {
    await db.pool.query(`drop schema if exists ${db.readModels}_pa cascade`);
    await db.drop();
  });

  it('offers a newcomer once to the watcher whose languages pair, and the watcher’s actor tells them once', async () => {
    await append(WATCHER.id, eventsOf(WATCHER, NOW));
    await append(OTHER.id, eventsOf(OTHER, NOW));
    await follow();
    expect(published).toEqual([]);

    const newcomer = eventsOf(NEWCOMER, NOW);
    await append(NEWCOMER.id, newcomer);
    await follow();
    expect(published).toHaveLength(1);
    const [offer] = published;
    expect(offer?.userKey).toBe(`user:${WATCHER.id}`);
    expect(offer?.id).toMatch(new RegExp(`^cmd:alert:.+:${WATCHER.id}$`));
    expect(offer?.headers?.['Lexbot-Message-Kind']).toBe('alert');
    const body = decodeJson(offer!.payload) as { command: { data: { candidate: { id: string; status: string } } } };
    expect(body.command.data.candidate).toMatchObject({ id: NEWCOMER.id, status: 'active' });

    // A second pass over the same log publishes nothing more: the checkpoint moved with the batch.
    await follow();
    expect(published).toHaveLength(1);

    // The watcher's actor: one notice, the wish cleared; the same offer delivered again changes nothing.
    const delivery = { id: offer!.id, userKey: offer!.userKey, partition: 0, seq: 1, payload: offer!.payload, headers: offer!.headers ?? {}, redeliveryCount: 0, lastDelivery: false, publishedAt: NOW.getTime() } as MailboxDelivery;
    const watcher = createDriver(stateOf(WATCHER, NOW), memoryServices(), NOW);
    const first = await watcher.deliver(decodeUserMessage(delivery));
    expect(first.events.map((e) => e.type)).toEqual(['PartnerAlertDelivered']);
    expect(textsOf(first)).toEqual(['🔔 A suitable language partner has just joined. Send /find to see them.']);
    expect((await watcher.deliver(decodeUserMessage(delivery))).calls).toEqual([]);

    // Once delivered, the follower forgets the watcher: a later resume of the newcomer offers nobody.
    await append(WATCHER.id, first.events);
    await append(NEWCOMER.id, [
      { type: 'ProfilePaused', data: { at: NOW.toISOString(), causationId: 'p-1' } },
      { type: 'ProfileResumed', data: { at: NOW.toISOString(), causationId: 'r-1' } },
    ]);
    await follow();
    expect(published).toHaveLength(1);
  });

  it('offers nobody for a newcomer who pairs with no watcher, and skips watchers who were forgotten', async () => {
    await append(WATCHER.id, [...eventsOf(WATCHER, NOW), { type: 'UserForgotten', data: { at: NOW.toISOString(), causationId: 'f-1' } }]);
    await append(NEWCOMER.id, eventsOf(NEWCOMER, NOW));
    await append('8004', eventsOf({ id: '8004', native: ['ja'], learning: [{ code: 'ko', level: 'A1' }] }, NOW));
    await follow();
    expect(published).toEqual([]);
  });
});
