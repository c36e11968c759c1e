// fast-check generators of candidate profiles over a small id pool, so relations (blocks, declines) often hit.
import fc from 'fast-check';
import { COMMUNICATION_STYLES, FREQUENCIES } from '../../../domain/communication/index.js';
import { CEFR_LEVELS } from '../../../domain/languages/index.js';
import type { CandidateProfile } from '../../../domain/matching/index.js';

export const NOW = new Date('2026-03-02T10:00:00.000Z');
export const POOL = ['11', '12', '13', '14', '15', '16', '17', '18'] as const;
const LANGS = ['en', 'ru', 'es', 'de'] as const;
const INTERESTS = ['music', 'books', 'travel', 'games', 'art', 'sports'] as const;
const DAY = 24 * 60 * 60 * 1000;

const isoWithin = (days: number) => fc.integer({ min: -days * DAY, max: 0 }).map((ms) => new Date(NOW.getTime() + ms).toISOString());
const relations = fc.dictionary(fc.constantFrom(...POOL), isoWithin(60), { maxKeys: 2 });

export const candidateArb = (id?: fc.Arbitrary<string>): fc.Arbitrary<CandidateProfile> =>
  fc
    .record({
      id: id ?? fc.constantFrom(...POOL),
      status: fc.constantFrom('active', 'active', 'active', 'active', 'paused', 'banned') as fc.Arbitrary<CandidateProfile['status']>,
      profileComplete: fc.constantFrom(true, true, true, false),
      langs: fc.shuffledSubarray([...LANGS], { minLength: 2, maxLength: 4 }),
      split: fc.nat(),
      levels: fc.array(fc.constantFrom(...CEFR_LEVELS), { minLength: 3, maxLength: 3 }),
      interests: fc.subarray([...INTERESTS], { minLength: 1 }),
      primaryCount: fc.nat(3),
      utcWeekHours: fc.uniqueArray(fc.integer({ min: 0, max: 167 }), { maxLength: 40 }).map((h) => [...h].sort((a, b) => a - b)),
      styles: fc.subarray([...COMMUNICATION_STYLES], { minLength: 1 }),
      frequency: fc.constantFrom(...FREQUENCIES),
      lastActiveAt: fc.option(isoWithin(60), { nil: null }),
      pendingIncoming: fc.nat(8),
      blocked: fc.subarray([...POOL], { maxLength: 2 }),
      declinedBy: relations,
      declined: relations,
      openTandemPeers: fc.subarray([...POOL], { maxLength: 1 }),
    })
    .map(({ langs, split, levels, primaryCount, interests, ...rest }) => {
      const cut = 1 + (split % (langs.length - 1));
      return {
        ...rest,
        native: langs.slice(0, cut),
        learning: langs.slice(cut, cut + 3).map((code, i) => ({ code, level: levels[i] ?? 'A1' })),
        interests,
        primaryInterests: interests.slice(0, primaryCount),
      };
    });


/**
 * Candidates that are mostly eligible with each other (en ⇄ ru speakers, close hours) with each exclusion switched
 * on now and then, so properties about exclusions meet pairs that differ in one rule only.
 */
export const nearlyCompatibleArb: fc.Arbitrary<CandidateProfile> = fc
  .record({
    profile: candidateArb(),
    english: fc.boolean(),
    hours: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }),
    keep: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5, maxLength: 5 }),
  })
  .map(({ profile, english, hours, keep }) => {
    const rare = (i: number) => (keep[i] ?? 0) >= 9; // each exclusion field kept 10 % of the time
    return {
      ...profile,
      status: rare(0) ? profile.status : 'active',
      profileComplete: true,
      native: english ? ['en'] : ['ru'],
      learning: [{ code: english ? 'ru' : 'en', level: profile.learning[0]?.level ?? 'B1' }],
      utcWeekHours: [...hours].sort((a, b) => a - b),
      blocked: rare(1) ? profile.blocked : [],
      declinedBy: rare(2) ? profile.declinedBy : {},
      declined: rare(3) ? profile.declined : {},
      openTandemPeers: rare(4) ? profile.openTandemPeers : [],
    } satisfies CandidateProfile;
  });

/** Any candidate: random, or nearly compatible with the others. */
export const anyCandidateArb = fc.oneof({ arbitrary: candidateArb(), weight: 1 }, { arbitrary: nearlyCompatibleArb, weight: 3 });

/** Candidates with distinct ids. */
export const candidatesArb = fc.uniqueArray(anyCandidateArb, { selector: (c) => c.id, maxLength: POOL.length });
