// Row counts and checksums per read-model table: md5 over every row's text, in primary-key order, so two tables
// hash equal exactly when they hold the same rows (the "byte-identical" of Guarantee 5, as PostgreSQL prints them).
import type pg from 'pg';
import { PRIMARY_KEYS, READ_MODEL_TABLES, type ReadModelTable } from '../readModels/names.js';

export interface TableChecksum {
  readonly rows: number;
  readonly md5: string;
}

export type Checksums = Record<ReadModelTable, TableChecksum>;

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** The checksum query of `table` in the relation given (schema-qualified). */
export const checksumSql = (relation: string, table: ReadModelTable): string => {
  const order = PRIMARY_KEYS[table].map((c) => `t.${c}`).join(', ');
  return `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by ${order}), '')) as md5 from ${relation} t`;
};

export const tableChecksums = async (db: Queryable, schema: string): Promise<Checksums> => {
  const entries = [];
  for (const table of READ_MODEL_TABLES) {
    const row = (await db.query<{ rows: number; md5: string }>(checksumSql(`${schema}.${table}`, table))).rows[0]!;
    entries.push([table, { rows: row.rows, md5: row.md5 }] as const);
  }
  return Object.fromEntries(entries) as Checksums;
};

export interface TableDifference {
  readonly table: ReadModelTable;
  readonly live: TableChecksum;
  readonly rebuilt: TableChecksum;
}

export const compareChecksums = (live: Checksums, rebuilt: Checksums): TableDifference[] =>
  READ_MODEL_TABLES.filter((t) => live[t].rows !== rebuilt[t].rows || live[t].md5 !== rebuilt[t].md5).map((table) => ({ table, live: live[table], rebuilt: rebuilt[table] }));
