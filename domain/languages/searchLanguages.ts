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

interface IndexedName {
  readonly name: string;
  /** The name's words after the first (the first is the name's own start), split once here, not per search. */
  readonly laterWords: readonly string[];
}

interface Indexed {
  readonly info: LanguageInfo;
  readonly names: readonly IndexedName[];
}

const indexName = (name: string): IndexedName => ({ name, laterWords: name.split(' ').slice(1) });

const INDEX: readonly Indexed[] = LANGUAGES.map((info) => ({
  info,
  names: [info.englishName, info.nativeName, RUSSIAN_NAMES[info.code], ...info.aliases].map((name) => indexName(normalizeSearchText(name))),
}));

const nameTier = ({ name, laterWords }: IndexedName, query: string): Tier | typeof NO_MATCH => {
  if (name === query) return 1;
  if (name.startsWith(query) || laterWords.some((word) => word.startsWith(query))) return 2;
  if (name.includes(query)) return 3;
  return NO_MATCH;
};

const tierOf = (entry: Indexed, query: string): Tier | typeof NO_MATCH => {
  if (entry.info.code === query) return 0;
  let best: Tier | typeof NO_MATCH = NO_MATCH;
  for (const name of entry.names) {
    const tier = nameTier(name, query);
    if (tier < best) best = tier;
  }
  return best;
};

export const DEFAULT_SEARCH_LIMIT = 10;

/**
 * Languages matching `query` by ISO code, English, native or Russian name, or a common alias; exact matches first, then
 * prefix matches, then substring matches, each tier ordered by popularity. An empty query matches nothing.
 */
export const searchLanguages = (query: string, limit: number = DEFAULT_SEARCH_LIMIT): readonly LanguageInfo[] => {
  const normalized = normalizeSearchText(query);
  if (normalized === '' || limit <= 0) return [];
  // Every language is scored on each search (a text message during onboarding): only the matches are kept.
  const matches: { readonly entry: Indexed; readonly tier: Tier }[] = [];
  for (const entry of INDEX) {
    const tier = tierOf(entry, normalized);
    if (tier !== NO_MATCH) matches.push({ entry, tier });
  }
  return matches
    .sort((a, b) => a.tier - b.tier || a.entry.info.rank - b.entry.info.rank)
    .slice(0, limit)
    .map(({ entry }) => entry.info);
};
