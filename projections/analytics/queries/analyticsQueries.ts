// The analytics queries port: the figures the stats API serves, computed from the Postgres read models (or, in
// tests, from fixed figures). Wire names (snake_case JSON) are the API's business; these are the domain's shapes.
// Days are UTC days, as everywhere in the read models.

export interface LanguagePairFigures {
  /** The language being learned. */
  readonly learningLanguage: string;
  /** The learners' native language. */
  readonly nativeLanguage: string;
  /** Active users who learn `learningLanguage` and speak `nativeLanguage` natively. */
  readonly demand: number;
  /** Active users native in `learningLanguage` who learn `nativeLanguage`: the partners the demand needs. */
  readonly supply: number;
}

export interface StatsFigures {
  /** Everyone who ever started the bot and has not been forgotten (DESIGN.md). */
  readonly usersTotal: number;
  readonly usersActive24h: number;
  readonly usersActive7d: number;
  /** First /start during the current UTC day. */
  readonly newUsersToday: number;
  /** Users whose profile was completed at some point (onboarding done), forgotten ones excluded. */
  readonly profilesCompleted: number;
  readonly requestsToday: number;
  /** Tandems started today. */
  readonly matchesToday: number;
  readonly matchesTotal: number;
  /** Tandems started / partner requests no longer pending (0–1); null before any request was answered. */
  readonly matchAcceptanceRate: number | null;
  /** The pairs with the most demand, at most TOP_LANGUAGE_PAIRS. */
  readonly topLanguagePairs: readonly LanguagePairFigures[];
}

export interface DailyFigures {
  /** YYYY-MM-DD (UTC). */
  readonly day: string;
  readonly newUsers: number;
  readonly completedProfiles: number;
  readonly requests: number;
  readonly matches: number;
  readonly activeUsers: number;
}

export interface AnalyticsQueries {
  stats(now: Date): Promise<StatsFigures>;
  /** Every day from `from` to `to` inclusive (YYYY-MM-DD), days without activity as zeros. */
  daily(from: string, to: string): Promise<readonly DailyFigures[]>;
  /** Pairs with any demand or supply, most demand first. */
  languagePairs(): Promise<readonly LanguagePairFigures[]>;
  /** Users active within the last 24 hours (the active_users gauge). */
  activeUsers(now: Date): Promise<number>;
}

export const TOP_LANGUAGE_PAIRS = 10;
/** The longest range /stats/daily answers at once. */
export const MAX_DAILY_RANGE_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC days from `from` to `to` inclusive (both YYYY-MM-DD). */
export const daysBetween = (from: string, to: string): readonly string[] => {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
};

export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
