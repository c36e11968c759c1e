// Writes one live batch: the rows that differ between the docs as loaded and as folded (a table's rows of a user
// are replaced when any of them changed; matches row by row, since a user collects many), and the aggregates'
// deltas added with upserts. Runs inside the caller's transaction, which also moves the checkpoint.
import type pg from 'pg';
import { copyLines } from './copyRows.js';
import { dailyLine, docLines, pairLine } from './copyText.js';
import type { FoldState } from './foldState.js';
import type { FoldedRows } from './foldedRows.js';
import { USER_TABLES, type UserTable } from './names.js';
import { DAILY_COUNTERS, type UserDoc } from './rows.js';

const DAILY_COLUMNS = ['new_users', 'completed_profiles', 'requests', 'matches', 'active_users', 'tandems_ended', 'reports', 'feedback'] as const;

interface TableChanges {
  /** Users whose rows in the table are all replaced. */
  readonly replaceUsers: string[];
  /** (user, tandem) pairs deleted before their new lines are copied (matches only). */
  readonly deleteKeys: [string[], string[]];
  readonly lines: string[];
}

export const diffDocs = (before: ReadonlyMap<string, UserDoc | null>, after: ReadonlyMap<string, UserDoc | null>): Record<UserTable, TableChanges> => {
  const empty = (): TableChanges => ({ replaceUsers: [], deleteKeys: [[], []], lines: [] });
  const changes = Object.fromEntries(USER_TABLES.map((t) => [t, empty()])) as Record<UserTable, TableChanges>;
  for (const [userId, next] of after) {
    const previous = before.get(userId) ?? null;
    if (previous === next) continue;
    const old = docLines(userId, previous);
    const now = docLines(userId, next);
    for (const table of USER_TABLES) {
      const a = old[table];
      const b = now[table];
      const change = changes[table];
      if (table === 'matches') {
        for (const [key, text] of a) {
          if (b.get(key) === text) continue;
          change.deleteKeys[0].push(userId);
          change.deleteKeys[1].push(key);
        }
        for (const [key, text] of b) if (a.get(key) !== text) change.lines.push(text);
        continue;
      }
      const same = a.size === b.size && [...a].every(([key, text]) => b.get(key) === text);
      if (same) continue;
      if (a.size > 0) change.replaceUsers.push(userId);
      change.lines.push(...b.values());
    }
  }
  return changes;
};

export const writeBatch = async (client: pg.PoolClient, schema: string, before: ReadonlyMap<string, UserDoc | null>, state: FoldState): Promise<number> => {
  const changes = diffDocs(before, state.docs);
  let written = 0;
  for (const table of USER_TABLES) {
    const change = changes[table];
    if (change.replaceUsers.length > 0) {
      await client.query(`delete from ${schema}.${table} where user_id = any($1::bigint[])`, [change.replaceUsers]);
    }
    if (change.deleteKeys[0].length > 0) {
      await client.query(
        `delete from ${schema}.matches m using unnest($1::bigint[], $2::text[]) as k(user_id, tandem_id)
          where m.user_id = k.user_id and m.tandem_id = k.tandem_id`,
        change.deleteKeys,
      );
    }
    if (change.lines.length > 0) written += await copyLines(client, `${schema}.${table}`, change.lines);
  }
  if (state.daily.size > 0) {
    const days = [...state.daily.keys()];
    const columns = DAILY_COUNTERS.map((counter) => days.map((day) => state.daily.get(day)![counter]));
    await client.query(
      `insert into ${schema}.daily_stats as t (day, ${DAILY_COLUMNS.join(', ')})
       select * from unnest($1::date[], ${DAILY_COLUMNS.map((_, i) => `$${i + 2}::int[]`).join(', ')})
       on conflict (day) do update set ${DAILY_COLUMNS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`,
      [days, ...columns],
    );
    written += days.length;
  }
  if (state.pairs.size > 0) {
    const keys = [...state.pairs.keys()];
    const split = keys.map((key) => key.split('/') as [string, string]);
    await client.query(
      `insert into ${schema}.language_pair_stats as t (learning_language, native_language, demand, supply)
       select * from unnest($1::text[], $2::text[], $3::int[], $4::int[])
       on conflict (learning_language, native_language) do update set demand = t.demand + excluded.demand, supply = t.supply + excluded.supply`,
      [split.map((s) => s[0]), split.map((s) => s[1]), keys.map((k) => state.pairs.get(k)!.demand), keys.map((k) => state.pairs.get(k)!.supply)],
    );
    written += keys.length;
  }
  return written;
};

export interface WriteAllOptions {
  /**
   * How a table's lines get in (default one COPY); resolves with the number of rows. `signal` aborts when another
   * table failed: a copy in several steps stops at the next one (the caller rethrows the first failure).
   */
  readonly copy?: (client: pg.PoolClient, table: string, lines: Iterable<string>, signal: AbortSignal) => Promise<number>;
  /**
   * Runs on the table's connection right after its rows are in (the bulk rebuild builds the table's indexes and
   * analyzes it there); `signal` as for `copy`.
   */
  readonly finish?: (client: pg.PoolClient, table: string, signal: AbortSignal) => Promise<void>;
}

/** The bulk side: copies every folded row into empty tables (the replay's shadow), a table per connection. */
export const writeAll = async (connect: () => Promise<pg.PoolClient>, schema: string, rows: FoldedRows, options: WriteAllOptions = {}): Promise<Record<string, number>> => {
  const jobs: [string, Iterable<string>][] = [
    ...USER_TABLES.map((t) => [t, rows.chunks[t]] as [string, string[]]),
    ['daily_stats', [...rows.daily].map(([day, row]) => dailyLine(day, row))],
    ['language_pair_stats', [...rows.pairs].map(([key, row]) => pairLine(key, row))],
  ];
  const copy = options.copy ?? copyLines;
  const counts: Record<string, number> = {};
  const failed = new AbortController();
  let failure: { readonly error: unknown } | null = null;
  // Every job settles before this returns or throws: none keeps writing into tables that a retry drops and recreates.
  await Promise.allSettled(
    jobs.map(async ([table, lines]) => {
      const client = await connect();
      try {
        counts[table] = await copy(client, `${schema}.${table}`, lines, failed.signal);
        await options.finish?.(client, table, failed.signal);
      } catch (error) {
        failure ??= { error };
        failed.abort(error);
      } finally {
        client.release();
      }
    }),
  );
  if (failure !== null) throw (failure as { readonly error: unknown }).error;
  return counts;
};

export { dailyLine, pairLine };
