import { LANGUAGES, type LanguageInfo } from './languages.js';
import { RUSSIAN_NAMES } from './russianNames.js';

// Typed text is compared after Unicode decomposition with combining marks removed and case folded, so "espanol",
// "ESPAÑOL" and "Español" meet. Scripts whose vowels are combining marks (Devanagari, Thai…) lose them on both
// sides alike, which only makes their matching a little looser.
export const normalizeSearchText = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

// Lower tier = better match. A code typed in full beats every name; a name (or a word of it) that starts with the
// query beats a name that merely contains it.
type Tier = 0 | 1 | 2 | 3;
const NO_MATCH = 4;

interface Indexed {
  readonly info: LanguageInfo;
  readonly names: readonly string[];
}

const INDEX: readonly Indexed[] = LANGUAGES.map((info) => ({
  info,
  names: [info.englishName, info.nativeName, RUSSIAN_NAMES[info.code], ...info.aliases].map(normalizeSearchText),
}));

const nameTier = (name: string, query: string): Tier | typeof NO_MATCH => {
  if (name === query) return 1;
  if (name.startsWith(query) || name.split(' ').some((word) => word.startsWith(query))) return 2;
  if (name.includes(query)) return 3;
  return NO_MATCH;
};

const tierOf = (entry: Indexed, query: string): Tier | typeof NO_MATCH => {
  if (entry.info.code === query) return 0;
  return entry.names.reduce<Tier | typeof NO_MATCH>((best, name) => Math.min(best, nameTier(name, query)) as Tier, NO_MATCH);
};

export const DEFAULT_SEARCH_LIMIT = 10;

/**
 * Languages matching `query` by ISO code, English, native or Russian name, or a common alias; exact matches first, then
 * prefix matches, then substring matches, each tier ordered by popularity. An empty query matches nothing.
 */
export const searchLanguages = (query: string, limit: number = DEFAULT_SEARCH_LIMIT): readonly LanguageInfo[] => {
  const normalized = normalizeSearchText(query);
  if (normalized === '' || limit <= 0) return [];
  return INDEX.map((entry) => ({ entry, tier: tierOf(entry, normalized) }))
    .filter(({ tier }) => tier !== NO_MATCH)
    .sort((a, b) => a.tier - b.tier || a.entry.info.rank - b.entry.info.rank)
    .slice(0, limit)
    .map(({ entry }) => entry.info);
};
