import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPostgresKeyStore, type PostgresKeyStoreOptions } from '../../../actors/keys/index.js';
import { runMigrations } from '../../../ops/migrations/runMigrations.js';
import { keyMigrationSet } from '../../../ops/migrations/sets.js';
import { createTestSchema, TEST_DATABASE_URL } from '../../support/postgres.js';
import { keyStoreContract } from './keyStoreContract.js';

/** A key store in a schema of its own; `byteaOutput` sets the server's text format of bytea on its connections. */
const open = async (options: Omit<PostgresKeyStoreOptions, 'pool' | 'schema'> = {}, byteaOutput?: 'hex' | 'escape') => {
  const test = await createTestSchema('keys');
  await runMigrations(test.pool, keyMigrationSet(test.schema));
  const pool = byteaOutput === undefined ? test.pool : new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 4, options: `-c bytea_output=${byteaOutput}` });
  const keys = createPostgresKeyStore({ ...options, pool, schema: test.schema });
  return {
    keys,
    async cleanup() {
      await keys.close();
      if (pool !== test.pool) await pool.end();
      await test.drop();
    },
  };
};

describe('postgres key store', () => {
  keyStoreContract(() => open());
});

describe('postgres key store, unnamed statements (PgBouncer before 1.21)', () => {
  keyStoreContract(() => open({ preparedStatements: false }));
});

describe('postgres key store, bytea_output = escape', () => {
  keyStoreContract(() => open({}, 'escape'));
});

describe('postgres key store: keys of any bytes', () => {
  // Every byte that either text format of bytea escapes (NUL, backslash, quote, control and high bytes).
  const odd = Buffer.from([0x00, 0x5c, 0x27, 0x22, 0x0a, 0x0d, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xff, 0x5c, 0x5c, 0x30, 0x37, ...Array.from({ length: 16 }, (_, i) => 0xf0 + i)]);

  it.each(['hex', 'escape'] as const)('allVersions gives back the bytes current() stored (bytea_output = %s)', async (format) => {
    let calls = 0;
    const generate = () => {
      calls += 1;
      return calls === 1 ? odd : Buffer.alloc(32, calls);
    };
    const { keys, cleanup } = await open({ generate }, format);
    try {
      const first = await keys.current('5');
      expect(first.key.equals(odd)).toBe(true);
      await keys.next('5', 1);
      await keys.delete('5', 2);
      const versions = await keys.allVersions!('5');
      expect(versions).toEqual([
        { version: 1, key: odd },
        { version: 2, key: null },
      ]);
      expect(versions[0]!.key).toBeInstanceOf(Buffer);
    } finally {
      await cleanup();
    }
  });
});
