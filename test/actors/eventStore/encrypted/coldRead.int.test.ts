// A cold read through the crypto-shredding wrapper over PostgreSQL: the owner's keys are looked up beside the
// stream read (not after it), read-only, and a forgotten user's events and snapshot stay unreadable.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEncryptedEventStore } from '../../../../actors/eventStore/encrypted/index.js';
import { createPostgresEventStore } from '../../../../actors/eventStore/postgres/index.js';
import type { EventStore, NewEvent } from '../../../../actors/eventStore/types.js';
import { createPostgresKeyStore, type KeyStore } from '../../../../actors/keys/index.js';
import { REDACTED_TEXT } from '../../../../domain/personalData/index.js';
import { runMigrations } from '../../../../ops/migrations/runMigrations.js';
import { eventStoreMigrationSet, keyMigrationSet } from '../../../../ops/migrations/sets.js';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../../../support/postgres.js';

const at = '2026-01-01T00:00:00.000Z';
const event = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, schemaVersion: 1, data: { at, causationId: randomUUID(), ...data } });
const started = (): NewEvent => event('UserStarted', { telegramId: '5', firstName: 'Ярослава', username: 'yarik', telegramLanguageCode: 'ru' });
const bio = (): NewEvent => event('BioSet', { bio: 'tandem ru–en' });
const forgotten = (): NewEvent => event('UserForgotten', {});
const call = (): NewEvent => event('OutboxTelegramCallQueued', { method: 'sendMessage', payload: { chat_id: 5, text: 'Привет, Ярослава' }, chatId: 5 });

type Call = 'allVersions' | 'get' | 'getMany' | 'current' | 'next' | 'firstMany' | 'delete';

/** The key store with every call logged, and the log's length each time the inner store's readStream was called. */
const recorded = (keys: KeyStore, inner: EventStore) => {
  const calls: Call[] = [];
  const keyCallsAtRead: number[] = [];
  const log =
    <A extends unknown[], R>(name: Call, fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      calls.push(name);
      return fn(...args);
    };
  const countedKeys: KeyStore = {
    ...keys,
    allVersions: log('allVersions', (owner: string) => keys.allVersions!(owner)),
    get: log('get', keys.get),
    getMany: log('getMany', keys.getMany),
    current: log('current', keys.current),
    next: log('next', keys.next),
    firstMany: log('firstMany', (owners: readonly string[]) => keys.firstMany!(owners)),
    delete: log('delete', keys.delete),
  };
  const watchedInner: EventStore = {
    ...inner,
    readStream: (stream, options) => {
      keyCallsAtRead.push(calls.length);
      return inner.readStream(stream, options);
    },
    readLatest: (stream, options) => {
      keyCallsAtRead.push(calls.length);
      return inner.readLatest(stream, options);
    },
  };
  return { calls, keyCallsAtRead, countedKeys, watchedInner };
};

describe('encrypted store over postgres: cold reads', () => {
  let events: TestSchema;
  let keySchema: TestSchema;
  let inner: EventStore;
  let keys: KeyStore;
  let writer: EventStore;

  beforeEach(async () => {
    events = await createTestSchema('ecr');
    await runMigrations(events.pool, eventStoreMigrationSet(events.schema));
    keySchema = await createTestSchema('ecrk');
    await runMigrations(keySchema.pool, keyMigrationSet(keySchema.schema));
    inner = createPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: events.schema, poolSize: 4, listen: false, notify: false });
    keys = createPostgresKeyStore({ pool: keySchema.pool, schema: keySchema.schema });
    writer = createEncryptedEventStore({ store: inner, keys });
  });

  afterEach(async () => {
    await inner.close();
    await keySchema.drop();
    await events.drop();
  });

  /** A reader as a freshly started process has it: an empty key cache. */
  const coldReader = () => {
    const r = recorded(keys, inner);
    return { ...r, reader: createEncryptedEventStore({ store: r.watchedInner, keys: r.countedKeys }) };
  };
  const keyRows = async (owner: string) =>
    (await keySchema.pool.query<{ version: number; live: boolean }>(`select version, key is not null as live from ${keySchema.schema}.user_keys where owner = $1 order by version`, [owner])).rows;

  it('issues the key lookup before the events read and opens the events with no further key call', async () => {
    await writer.append('user-5', 'no_stream', [started(), bio()]);
    const { reader, calls, keyCallsAtRead } = coldReader();
    const read = await reader.readStream('user-5');
    expect(read.map((e) => e.data)).toMatchObject([{ firstName: 'Ярослава', username: 'yarik' }, { bio: 'tandem ru–en' }]);
    // The lookup was already under way when the events were asked for, and it was the only key call.
    expect(keyCallsAtRead).toEqual([1]);
    expect(calls).toEqual(['allVersions']);
    // A tail read, a snapshot save and load, and the next append of the same actor find the key cached.
    await reader.readStream('user-5', { fromVersion: 3 });
    await reader.saveSnapshot({ stream: 'user-5', version: 2, schemaVersion: 1, state: { firstName: 'Ярослава' } });
    expect(await reader.loadSnapshot('user-5')).toMatchObject({ version: 2, state: { firstName: 'Ярослава' } });
    await reader.append('user-5', 2, [bio()]);
    expect(calls).toEqual(['allVersions']);
  });

  it('never creates a key: an unknown user reads as empty and still has no key row', async () => {
    const { reader, calls } = coldReader();
    expect(await reader.readStream('user-77')).toEqual([]);
    expect(await reader.loadSnapshot('user-77')).toBeNull();
    expect(await keyRows('77')).toEqual([]);
    expect(calls.every((call) => call === 'allVersions')).toBe(true);
  });

  it('a forgotten user stays unreadable: events redacted, snapshot dropped, no key brought back or created', async () => {
    await writer.append('user-5', 'no_stream', [started(), bio()]);
    await writer.saveSnapshot({ stream: 'user-5', version: 2, schemaVersion: 1, state: { firstName: 'Ярослава' } });
    await writer.append('user-5', 2, [forgotten()]);
    expect(await keyRows('5')).toEqual([{ version: 1, live: false }]);
    const { reader, calls } = coldReader();
    const read = await reader.readStream('user-5');
    expect(read.map((e) => e.data)).toMatchObject([{ firstName: REDACTED_TEXT, username: null }, { bio: REDACTED_TEXT }, {}]);
    expect(JSON.stringify(read.map((e) => e.data))).not.toMatch(/Ярослава|yarik|tandem/);
    expect(await reader.loadSnapshot('user-5')).toBeNull();
    expect(await keyRows('5')).toEqual([{ version: 1, live: false }]);
    expect(calls).not.toContain('current');
    expect(calls).not.toContain('next');
  });

  it('a user back after a forget: old events stay redacted, new ones open, both from the one lookup', async () => {
    await writer.append('user-5', 'no_stream', [started()]);
    await writer.append('user-5', 1, [forgotten(), started()]);
    expect(await keyRows('5')).toEqual([
      { version: 1, live: false },
      { version: 2, live: true },
    ]);
    const { reader, calls } = coldReader();
    const read = await reader.readStream('user-5');
    expect(read.map((e) => (e.data as Record<string, unknown>).firstName)).toEqual([REDACTED_TEXT, undefined, 'Ярослава']);
    // The reader met the UserForgotten of version 1, already a tombstone in the lookup: nothing to delete again.
    expect(calls).toEqual(['allVersions']);
    // Its next append seals with version 2 without asking the store.
    await reader.append('user-5', 3, [bio()]);
    expect(calls).toEqual(['allVersions']);
    expect((await writer.readStream('user-5', { fromVersion: 4 }))[0]?.data).toMatchObject({ bio: 'tandem ru–en' });
  });

  it('readLatest: the snapshot and the events after it in one read beside the one key lookup, skipped types left out', async () => {
    await writer.append('user-5', 'no_stream', [started(), bio()]);
    await writer.saveSnapshot({ stream: 'user-5', version: 2, schemaVersion: 1, state: { firstName: 'Ярослава' } });
    await writer.append('user-5', 2, [call(), bio()]);
    const { reader, calls, keyCallsAtRead } = coldReader();
    const latest = await reader.readLatest('user-5', { snapshotSchemaVersion: 1, skipTypes: ['OutboxTelegramCallQueued'] });
    expect(latest.snapshot).toEqual({ stream: 'user-5', version: 2, schemaVersion: 1, state: { firstName: 'Ярослава' } });
    expect(latest.events.map((e) => [e.streamVersion, e.type])).toEqual([[4, 'BioSet']]);
    expect(latest.events[0]?.data).toMatchObject({ bio: 'tandem ru–en' });
    expect(latest.version).toBe(4);
    expect(keyCallsAtRead).toEqual([1]);
    expect(calls).toEqual(['allVersions']);
    // Once the key is gone: no snapshot, the whole stream redacted, no key created.
    await writer.append('user-5', 4, [forgotten()]);
    const after = await coldReader().reader.readLatest('user-5', { snapshotSchemaVersion: 1 });
    expect(after.snapshot).toBeNull();
    expect(after.events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
    expect(after.version).toBe(5);
    expect(JSON.stringify(after.events.map((e) => e.data))).not.toMatch(/Ярослава|yarik|tandem/);
    expect(await keyRows('5')).toEqual([{ version: 1, live: false }]);
    // Read again without the snapshot, a skipped tail (a farewell with nothing personal in it) still counts.
    await inner.append('user-5', 5, [event('OutboxTelegramCallQueued', { method: 'sendMessage', payload: { chat_id: 5, text: 'bye' }, chatId: 5 })]);
    const skipping = await coldReader().reader.readLatest('user-5', { snapshotSchemaVersion: 1, skipTypes: ['OutboxTelegramCallQueued'] });
    expect([skipping.snapshot, skipping.events.map((e) => e.streamVersion), skipping.version]).toEqual([null, [1, 2, 4, 5], 6]);
  });
});
