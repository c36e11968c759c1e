// The 25 interests a profile can show, each in exactly one of five categories. Labels are in the message catalog
// (interestKey / interestCategoryKey in domain/i18n); ids are stable because events store them.

export const INTEREST_CATEGORIES = ['entertainment', 'education', 'active', 'creative', 'social'] as const;

export type InterestCategory = (typeof INTEREST_CATEGORIES)[number];

export const INTEREST_IDS = [
  'movies_tv', 'music', 'games', 'tv_shows', 'comedy', 'anime',
  'books', 'technology', 'science', 'languages', 'history', 'philosophy',
  'sports', 'travel', 'fitness', 'outdoor', 'dancing',
  'cooking', 'art', 'photography', 'writing', 'design',
  'volunteering', 'politics', 'psychology',
] as const;

export type InterestId = (typeof INTEREST_IDS)[number];

export interface Interest {
  readonly id: InterestId;
  readonly category: InterestCategory;
  readonly emoji: string;
}

// Keyed by id so the compiler rejects an interest without a category or an unknown one.
const DATA: Readonly<Record<InterestId, Omit<Interest, 'id'>>> = {
  movies_tv: { category: 'entertainment', emoji: '🎬' },
  music: { category: 'entertainment', emoji: '🎵' },
  games: { category: 'entertainment', emoji: '🎮' },
  tv_shows: { category: 'entertainment', emoji: '📺' },
  comedy: { category: 'entertainment', emoji: '😂' },
  anime: { category: 'entertainment', emoji: '🍥' },
  books: { category: 'education', emoji: '📚' },
  technology: { category: 'education', emoji: '💻' },
  science: { category: 'education', emoji: '🔬' },
  languages: { category: 'education', emoji: '🗣️' },
  history: { category: 'education', emoji: '🏛️' },
  philosophy: { category: 'education', emoji: '🤔' },
  sports: { category: 'active', emoji: '⚽' },
  travel: { category: 'active', emoji: '✈️' },
  fitness: { category: 'active', emoji: '🏋️' },
  outdoor: { category: 'active', emoji: '🏕️' },
  dancing: { category: 'active', emoji: '💃' },
  cooking: { category: 'creative', emoji: '🍳' },
  art: { category: 'creative', emoji: '🎨' },
  photography: { category: 'creative', emoji: '📷' },
  writing: { category: 'creative', emoji: '✍️' },
  design: { category: 'creative', emoji: '📐' },
  volunteering: { category: 'social', emoji: '🤝' },
  politics: { category: 'social', emoji: '🗳️' },
  psychology: { category: 'social', emoji: '🧠' },
};

export const INTERESTS: readonly Interest[] = INTEREST_IDS.map((id) => Object.freeze({ id, ...DATA[id] }));

const ID_SET: ReadonlySet<string> = new Set(INTEREST_IDS);

export const isInterestId = (value: string): value is InterestId => ID_SET.has(value);

export const interestInfo = (id: InterestId): Interest => ({ id, ...DATA[id] });

/** Interests grouped by category, categories and interests in their declared order (the keyboard's layout). */
export const interestsByCategory = (): ReadonlyMap<InterestCategory, readonly Interest[]> =>
  new Map(INTEREST_CATEGORIES.map((category) => [category, INTERESTS.filter((interest) => interest.category === category)]));
