// What a bulk rebuild writes: every user table's rows as COPY text, and the aggregates. A folded state becomes this
// where it was folded (a worker thread passes strings back, not the object graph of its docs); parts folded from
// disjoint sets of users merge by concatenating their lines and adding their aggregates.
import { chunked } from './copyRows.js';
import { docLines } from './copyText.js';
import type { FoldState } from './foldState.js';
import { USER_TABLES, type UserTable } from './names.js';
import { DAILY_COUNTERS, type DailyRow, type PairRow } from './rows.js';

export interface FoldedRows {
  /** Each user table's rows as COPY text lines, joined into chunks. */
  readonly chunks: Record<UserTable, string[]>;
  readonly daily: Map<string, DailyRow>;
  readonly pairs: Map<string, PairRow>;
}

const emptyChunks = (): Record<UserTable, string[]> => Object.fromEntries(USER_TABLES.map((t) => [t, [] as string[]])) as Record<UserTable, string[]>;

export const foldedRowsOf = (state: FoldState): FoldedRows => {
  const lines = emptyChunks();
  for (const [userId, doc] of state.docs) {
    if (doc === null) continue;
    const perTable = docLines(userId, doc);
    for (const table of USER_TABLES) for (const text of perTable[table].values()) lines[table].push(text);
  }
  const chunks = emptyChunks();
  for (const table of USER_TABLES) chunks[table] = [...chunked(lines[table])];
  return { chunks, daily: state.daily, pairs: state.pairs };
};

/** Parts folded from disjoint users (slices of the streams): each user's rows are in exactly one part. */
export const mergeFoldedRows = (parts: readonly FoldedRows[]): FoldedRows => {
  const chunks = emptyChunks();
  const daily = new Map<string, DailyRow>();
  const pairs = new Map<string, PairRow>();
  for (const part of parts) {
    for (const table of USER_TABLES) chunks[table].push(...part.chunks[table]);
    for (const [day, row] of part.daily) {
      const sum = daily.get(day);
      if (sum === undefined) daily.set(day, { ...row });
      else for (const counter of DAILY_COUNTERS) sum[counter] += row[counter];
    }
    for (const [key, row] of part.pairs) {
      const sum = pairs.get(key);
      if (sum === undefined) pairs.set(key, { ...row });
      else {
        sum.demand += row.demand;
        sum.supply += row.supply;
      }
    }
  }
  return { chunks, daily, pairs };
};
