// The stores under test, each in a fresh schema of the same database, dropped afterwards.
import { randomUUID } from 'node:crypto';
import { getPostgreSQLEventStore, type PostgresEventStore as EmmettStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { createPostgresEventStore, eventStoreMigrations, sqlNames, type SqlNames } from '../../../actors/eventStore/postgres/index.js';
import type { EventStore, NewEvent } from '../../../actors/eventStore/types.js';
import { runMigrations } from '../../../ops/migrations/runMigrations.js';

/** Connection string whose sessions resolve unqualified names in `schema` (how Emmett is kept in its own schema). */
const withSearchPath = (url: string, schema: string): string => {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
};

const freshSchemaName = (prefix: string): string => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 10)}`;

export interface Admin {
  readonly pool: pg.Pool;
  /** Schemas created by this run; dropped by dropAll. */
  createSchema(prefix: string): Promise<string>;
  dropAll(): Promise<void>;
}

export const createAdmin = (databaseUrl: string): Admin => {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const created: string[] = [];
  return {
    pool,
    async createSchema(prefix) {
      const schema = freshSchemaName(prefix);
      await pool.query(`create schema ${schema}`);
      created.push(schema);
      return schema;
    },
    async dropAll() {
      for (const schema of created.splice(0)) await pool.query(`drop schema if exists ${schema} cascade`);
      await pool.end();
    },
  };
};

export interface OurStore {
  readonly store: EventStore;
  readonly names: SqlNames;
  /** A pool of the same size for the bare keyset read. */
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export const openOurStore = async (
  admin: Admin,
  databaseUrl: string,
  poolSize: number,
  options: { readonly notify?: boolean } = {},
): Promise<OurStore> => {
  const schema = await admin.createSchema('bench_ours');
  // The event store's own migrations only (not every set `lexbot ops migrate` applies): the benchmark needs no more.
  await runMigrations(admin.pool, { name: 'eventstore', schema, migrations: eventStoreMigrations(schema) });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const store = createPostgresEventStore({
    connectionString: databaseUrl,
    schema,
    pool,
    // No subscriber runs during the benchmark; the LISTEN connection would only sit idle.
    listen: false,
    notify: options.notify ?? true,
  });
  return {
    store,
    names: sqlNames(schema),
    pool,
    async close() {
      await store.close();
      await pool.end();
    },
  };
};

export interface EmmettTarget {
  readonly pool: pg.Pool;
  appendNew(stream: string, event: NewEvent): Promise<void>;
  close(): Promise<void>;
}

export const openEmmett = async (admin: Admin, databaseUrl: string, poolSize: number): Promise<EmmettTarget> => {
  const schema = await admin.createSchema('bench_emmett');
  const url = withSearchPath(databaseUrl, schema);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const store: EmmettStore = getPostgreSQLEventStore(url, { connectionOptions: { pool, connectionString: url } });
  await store.schema.migrate();
  return {
    pool,
    async appendNew(stream, event) {
      // The same work as ours: a new stream, checked to be at version 0, one event with data and metadata.
      // (Emmett 0.42 turns STREAM_DOES_NOT_EXIST into "no check" in SQL; 0n makes its function check the version.)
      await store.appendToStream(stream, [{ type: event.type, data: event.data as Record<string, unknown>, metadata: event.metadata ?? {} }], {
        expectedStreamVersion: 0n,
      });
    },
    async close() {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
};

export interface BareTarget {
  readonly pool: pg.Pool;
  /** One row, one autocommit transaction: the floor under any append of one event. */
  insert(stream: string, event: NewEvent): Promise<void>;
  close(): Promise<void>;
}

export const openBare = async (admin: Admin, databaseUrl: string, poolSize: number): Promise<BareTarget> => {
  const schema = await admin.createSchema('bench_bare');
  await admin.pool.query(
    `create table ${schema}.events (global_position bigint generated always as identity primary key, stream_name text not null,
       event_id uuid not null unique, event_type text not null, data jsonb not null, metadata jsonb not null)`,
  );
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  return {
    pool,
    async insert(stream, event) {
      await pool.query({
        name: `bench_bare_insert_${schema}`,
        text: `insert into ${schema}.events (stream_name, event_id, event_type, data, metadata) values ($1, $2, $3, $4, $5)`,
        values: [stream, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata ?? {})],
      });
    },
    close: () => pool.end(),
  };
};
