// The key store in PostgreSQL. Creating a version is `insert … on conflict do nothing` followed by a read, so two
// processes racing (a stale partition owner, the CLI beside a live actor) end up with the same key.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { queryTextRows, type TextStatement } from '../../postgres/index.js';
import { checkOwner, KEY_BYTES, type KeyStore, type UserKey } from '../types.js';
import { byteaFromText } from './byteaFromText.js';
import { keySqlNames } from './names.js';

export interface PostgresKeyStoreOptions {
  /** A pool to share (closed by its owner), or a connection string for a pool of this store's own. */
  readonly pool?: pg.Pool;
  readonly connectionString?: string;
  readonly schema?: string;
  readonly generate?: () => Buffer;
  /**
   * Name the lookups a cold load makes (parsed and planned once per connection, not on every load). Turn off
   * behind PgBouncer older than 1.21 in transaction mode, as the event store's option. Default true.
   */
  readonly preparedStatements?: boolean;
}

interface KeyRow {
  version: number;
  key: Buffer | null;
}

export const createPostgresKeyStore = (options: PostgresKeyStoreOptions): KeyStore => {
  const n = keySqlNames(options.schema);
  const ownPool = options.pool === undefined;
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: 4 });
  if (ownPool) pool.on('error', () => undefined);
  const generate = options.generate ?? (() => randomBytes(KEY_BYTES));
  const prepared = options.preparedStatements ?? true;
  const named = (what: string): { name?: string } => (prepared ? { name: `${n.schema}.${what}` } : {});
  const allVersionsStatement: TextStatement = { ...named('all_versions'), text: `select version, key from ${n.userKeys} where owner = $1 order by version` };

  /** The live key at `version` or, when that version is a tombstone, at the first version after it. */
  const ensure = async (owner: string, version: number): Promise<UserKey> => {
    for (let v = version; ; ) {
      const { rows } = await pool.query<KeyRow>(
        `with inserted as (insert into ${n.userKeys} (owner, version, key) values ($1, $2, $3) on conflict do nothing returning version, key)
         select version, key from inserted union all select version, key from ${n.userKeys} where owner = $1 and version = $2`,
        [owner, v, generate()],
      );
      const row = rows[0];
      if (row?.key) return { owner, version: row.version, key: row.key };
      // No row at all: another transaction inserted this version while ours ran, so the insert did nothing and the
      // select, reading the snapshot taken before that commit, saw nothing either. Ask again for the same version
      // (a new statement sees the committed row; rows are never removed). Only a tombstone moves on.
      if (row !== undefined) v += 1;
    }
  };

  return {
    async current(owner) {
      checkOwner(owner);
      const { rows } = await pool.query<KeyRow>({ ...named('current'), text: `select version, key from ${n.userKeys} where owner = $1 order by version desc limit 1`, values: [owner] });
      const top = rows[0];
      if (top?.key) return { owner, version: top.version, key: top.key };
      return ensure(owner, (top?.version ?? 0) + 1);
    },
    async next(owner, after) {
      checkOwner(owner);
      return ensure(owner, after + 1);
    },
    async firstMany(owners) {
      const distinct = [...new Set(owners)];
      distinct.forEach(checkOwner);
      if (distinct.length === 0) return [];
      // Owners with no version 1 yet (new users) get it in this one statement; the others — an existing version 1,
      // live or a tombstone — go through ensure() one by one, which walks past tombstones.
      const { rows } = await pool.query<{ owner: string; version: number; key: Buffer }>(
        `insert into ${n.userKeys} (owner, version, key) select o, 1, k from unnest($1::text[], $2::bytea[]) as r(o, k)
         on conflict do nothing returning owner, version, key`,
        [distinct, distinct.map(() => generate())],
      );
      const created = new Set(rows.map((row) => row.owner));
      const rest = await Promise.all(distinct.filter((owner) => !created.has(owner)).map((owner) => ensure(owner, 1)));
      return [...rows.map((row) => ({ owner: row.owner, version: row.version, key: row.key })), ...rest];
    },
    async get(owner, version) {
      const { rows } = await pool.query<KeyRow>({ ...named('get'), text: `select version, key from ${n.userKeys} where owner = $1 and version = $2`, values: [owner, version] });
      const row = rows[0];
      return row?.key ? { owner, version, key: row.key } : null;
    },
    async allVersions(owner) {
      checkOwner(owner);
      // A cold load makes this lookup beside its event read, so it goes the same way as that read: rows as text
      // through queryTextRows (no RowDescription per execution, no result object), decoded here.
      const rows = (await queryTextRows(pool, allVersionsStatement, [owner])) as [version: string, key: string | null][];
      return rows.map(([version, key]) => ({ version: Number(version), key: key === null ? null : byteaFromText(key) }));
    },
    async getMany(refs) {
      if (refs.length === 0) return [];
      const { rows } = await pool.query<{ owner: string; version: number; key: Buffer }>(
        `select k.owner, k.version, k.key from ${n.userKeys} k
         join unnest($1::text[], $2::int[]) as r(owner, version) on k.owner = r.owner and k.version = r.version
         where k.key is not null`,
        [refs.map((r) => r.owner), refs.map((r) => r.version)],
      );
      return rows;
    },
    async delete(owner, version) {
      checkOwner(owner);
      // A version never created gets its tombstone too, so it can never be created afterwards.
      const { rows } = await pool.query<{ deleted: boolean }>(
        `with before as (select key is not null as live from ${n.userKeys} where owner = $1 and version = $2 for update),
         upsert as (
           insert into ${n.userKeys} as k (owner, version, key, deleted_at) values ($1, $2, null, now())
           on conflict (owner, version) do update set key = null, deleted_at = coalesce(k.deleted_at, now())
         )
         select coalesce((select live from before), false) as deleted`,
        [owner, version],
      );
      return rows[0]?.deleted ?? false;
    },
    async liveVersions(owner) {
      const { rows } = await pool.query<{ version: number }>(`select version from ${n.userKeys} where owner = $1 and key is not null order by version`, [owner]);
      return rows.map((row) => row.version);
    },
    async close() {
      if (ownPool) await pool.end();
    },
  };
};
