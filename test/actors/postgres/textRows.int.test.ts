// queryTextRows (actors/postgres/textRows.ts) drives pg's connection itself instead of through pg's
// Query, so these check what pg would otherwise take care of: prepared statements parsed once per connection,
// the connection left usable after an error the server reports, and a pool's connection given back.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryTextRows } from '../../../actors/postgres/index.js';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../../support/postgres.js';

describe('postgres: statements with rows as text', () => {
  let db: TestSchema;
  let client: pg.Client;

  beforeEach(async () => {
    db = await createTestSchema('textrows');
    await db.pool.query(`create table ${db.schema}.t (k text primary key, n integer, j jsonb)`);
    client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
  });

  afterEach(async () => {
    await client.end();
    await db.drop();
  });

  const insert = (name?: string) => ({
    ...(name === undefined ? {} : { name }),
    text: `insert into ${db.schema}.t (k, n, j) values ($1::text, $2::integer, $3::jsonb) returning k, n, j, n + 1`,
  });

  it('returns each row as the text of its columns, NULL as null', async () => {
    expect(await queryTextRows(client, insert(), ['a', '41', '{"x": [1, "y"]}'])).toEqual([['a', '41', '{"x": [1, "y"]}', '42']]);
    expect(await queryTextRows(client, insert(), ['b', null, 'null'])).toEqual([['b', null, 'null', null]]);
    expect(await queryTextRows(client, { text: `select k from ${db.schema}.t order by k` }, [])).toEqual([['a'], ['b']]);
    expect(await queryTextRows(client, { text: `select k from ${db.schema}.t where k = $1` }, ['none'])).toEqual([]);
  });

  it('hands back odd values exactly as text: unicode, empty against NULL, backslashes and quotes, bytea, long values', async () => {
    const odd = ['', 'Привет, мир', '日本語 👋🏽 ￿', "it's \\ a \"quote\"\\", 'tab\tnew\nline\r', '\\x00ff', 'é'.normalize('NFD')];
    for (const value of odd) expect(await queryTextRows(client, { text: 'select $1::text, length($1::text)' }, [value])).toEqual([[value, String([...value].length)]]);
    expect(await queryTextRows(client, { text: "select '', null::text, ''::bytea, null::bytea" }, [])).toEqual([['', null, '\\x', null]]);
    // bytea comes back in the server's text format (hex by default), for the caller to decode.
    expect(await queryTextRows(client, { text: "select '\\x005c27ff'::bytea" }, [])).toEqual([['\\x005c27ff']]);
    // A value far larger than one socket read, split inside multibyte characters somewhere, and many rows.
    const long = 'ж😀'.repeat(100_000);
    expect(await queryTextRows(client, { text: 'select $1::text' }, [long])).toEqual([[long]]);
    const many = await queryTextRows(client, { text: "select i::text, repeat('ю', i) from generate_series(1, 2000) i" }, []);
    expect(many).toHaveLength(2000);
    expect(many[1999]).toEqual(['2000', 'ю'.repeat(2000)]);
  });

  it('parses a named statement once per connection and runs it again by name', async () => {
    const statement = insert(`${db.schema}.ins`);
    for (const k of ['a', 'b', 'c']) await queryTextRows(client, statement, [k, '1', '{}']);
    const prepared = await client.query<{ n: string }>(`select count(*) as n from pg_prepared_statements where name = $1`, [`${db.schema}.ins`]);
    expect(prepared.rows[0]!.n).toBe('1');
    // pg's own queries still share the connection's bookkeeping of prepared statements.
    const again = await client.query({ name: `${db.schema}.ins`, text: statement.text, values: ['d', '2', '{}'], rowMode: 'array' });
    expect(again.rows).toEqual([['d', 2, {}, 3]]);
    await expect(queryTextRows(client, { name: `${db.schema}.ins`, text: 'select 1' }, [])).rejects.toThrow(/Prepared statements must be unique/);
  });

  it('rejects with the server error (its SQLSTATE), and the connection serves the next statement', async () => {
    const statement = insert(`${db.schema}.ins`);
    await queryTextRows(client, statement, ['a', '1', '{}']);
    await expect(queryTextRows(client, statement, ['a', '2', '{}'])).rejects.toMatchObject({ code: '23505' });
    await expect(queryTextRows(client, insert(), ['z', 'not a number', '{}'])).rejects.toMatchObject({ code: '22P02' });
    // An error on the very first execution, where Parse travels with it.
    await expect(queryTextRows(client, insert(`${db.schema}.fresh`), ['a', '3', '{}'])).rejects.toMatchObject({ code: '23505' });
    expect(await queryTextRows(client, insert(`${db.schema}.fresh`), ['b', '3', '{}'])).toEqual([['b', '3', '{}', '4']]);
    expect(await queryTextRows(client, statement, ['c', '2', '{}'])).toEqual([['c', '2', '{}', '3']]);
    expect((await client.query(`select count(*)::int as n from ${db.schema}.t`)).rows[0]).toEqual({ n: 3 });
  });

  it('rejects a value it cannot send before sending anything, and the connection serves the next statement', async () => {
    const statement = insert(`${db.schema}.ins`);
    const notText = [{ k: 'x' }, '1', '{}'] as unknown as string[];
    await expect(queryTextRows(client, statement, notText)).rejects.toThrow(TypeError);
    // The statement was never parsed on this connection, so its first real use parses it.
    expect(await queryTextRows(client, statement, ['a', '1', '{}'])).toEqual([['a', '1', '{}', '2']]);
    await expect(queryTextRows(client, statement, notText)).rejects.toThrow(TypeError);
    expect(await queryTextRows(client, statement, ['b', '2', '{}'])).toEqual([['b', '2', '{}', '3']]);
    expect((await client.query(`select count(*)::int as n from ${db.schema}.t`)).rows[0]).toEqual({ n: 2 });
  });

  it('through a pool: the connection goes back to it, after an error too', async () => {
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    try {
      await queryTextRows(pool, insert(), ['a', '1', '{}']);
      await expect(queryTextRows(pool, insert(), ['a', '1', '{}'])).rejects.toMatchObject({ code: '23505' });
      expect(await queryTextRows(pool, { text: 'select 1' }, [])).toEqual([['1']]);
      expect(pool.totalCount).toBe(1);
      expect(pool.idleCount).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('rejects when the connection is gone', async () => {
    const other = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await other.connect();
    other.on('error', () => undefined);
    const pid = (await other.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    // The expectation is attached before the terminate: the FATAL may reach `other` before the terminate's own answer
    // reaches `client`, and a rejection with no handler yet would count as unhandled.
    const running = expect(queryTextRows(other, { text: 'select pg_sleep(5)' }, [])).rejects.toThrow();
    await client.query('select pg_terminate_backend($1)', [pid]);
    await running;
    await expect(queryTextRows(other, { text: 'select 1' }, [])).rejects.toThrow();
    await other.end().catch(() => undefined);
  });
});
