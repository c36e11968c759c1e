// The in-memory twin of the analytics queries: fixed figures, for the API's tests and for a process without a
// database. Days not given answer zeros, like the Postgres queries.
import { daysBetween, type AnalyticsQueries, type DailyFigures, type LanguagePairFigures, type StatsFigures } from './analyticsQueries.js';

export interface MemoryAnalyticsData {
  readonly stats: StatsFigures;
  readonly daily?: readonly DailyFigures[];
  readonly languagePairs?: readonly LanguagePairFigures[];
  readonly activeUsers?: number;
}

const zeroDay = (day: string): DailyFigures => ({ day, newUsers: 0, completedProfiles: 0, requests: 0, matches: 0, activeUsers: 0 });

export const createMemoryAnalytics = (data: MemoryAnalyticsData): AnalyticsQueries => {
  const byDay = new Map((data.daily ?? []).map((d) => [d.day, d]));
  return {
    stats: async () => data.stats,
    daily: async (from, to) => daysBetween(from, to).map((day) => byDay.get(day) ?? zeroDay(day)),
    languagePairs: async () => data.languagePairs ?? [],
    activeUsers: async () => data.activeUsers ?? data.stats.usersActive24h,
  };
};
