import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INTEREST_CATEGORIES,
  INTEREST_IDS,
  INTERESTS,
  MAX_PRIMARY_INTERESTS,
  interestInfo,
  interestsByCategory,
  isInterestId,
  validateInterests,
  type InterestId,
} from '../../../domain/interests/index.js';

describe('interests', () => {
  it('has the 25 interests of the issue, each in one of five categories', () => {
    expect(INTEREST_IDS).toHaveLength(25);
    expect(new Set(INTEREST_IDS).size).toBe(25);
    expect(INTEREST_CATEGORIES).toEqual(['entertainment', 'education', 'active', 'creative', 'social']);
    expect(INTERESTS.map((interest) => interest.id)).toEqual([...INTEREST_IDS]);
    const grouped = interestsByCategory();
    expect([...grouped.keys()]).toEqual([...INTEREST_CATEGORIES]);
    expect([...grouped.values()].flat().map((interest) => interest.id).sort()).toEqual([...INTEREST_IDS].sort());
    expect(grouped.get('entertainment')?.map((interest) => interest.id)).toEqual(['movies_tv', 'music', 'games', 'tv_shows', 'comedy', 'anime']);
    expect(grouped.get('social')?.map((interest) => interest.id)).toEqual(['volunteering', 'politics', 'psychology']);
    for (const interest of INTERESTS) expect(interest.emoji).not.toBe('');
  });

  it('looks interests up', () => {
    expect(interestInfo('cooking')).toEqual({ id: 'cooking', category: 'creative', emoji: '🍳' });
    expect(isInterestId('anime')).toBe(true);
    expect(isInterestId('knitting')).toBe(false);
  });
});

describe('validateInterests', () => {
  it('accepts a selection with up to three primary interests among the chosen', () => {
    expect(validateInterests({ interests: ['music', 'travel', 'books', 'art'], primary: ['music', 'travel', 'art'] })).toEqual([]);
    expect(validateInterests({ interests: ['music'], primary: [] })).toEqual([]);
  });

  it('reports an empty selection', () => {
    expect(validateInterests({ interests: [], primary: [] })).toEqual([{ code: 'interests.none_selected', min: 1 }]);
  });

  it('reports primary interests that are not chosen, repeated or too many', () => {
    expect(
      validateInterests({
        interests: ['music', 'travel', 'books', 'art', 'music'],
        primary: ['music', 'travel', 'books', 'art', 'cooking', 'music'],
      }),
    ).toEqual([
      { code: 'interests.duplicate_interest', interest: 'music' },
      { code: 'interests.duplicate_primary', interest: 'music' },
      { code: 'interests.primary_not_selected', interest: 'cooking' },
      { code: 'interests.too_many_primary', max: MAX_PRIMARY_INTERESTS, count: 5 },
    ]);
  });

  it('reports unknown ids', () => {
    expect(validateInterests({ interests: ['knitting' as InterestId], primary: [] })).toEqual([
      { code: 'interests.unknown_interest', interest: 'knitting' },
    ]);
  });

  it('finds no problem exactly when the rules hold (property)', () => {
    const idArb = fc.constantFrom(...INTEREST_IDS.slice(0, 6));
    fc.assert(
      fc.property(fc.array(idArb, { maxLength: 7 }), fc.array(idArb, { maxLength: 5 }), (interests, primary) => {
        const ok =
          interests.length >= 1 &&
          new Set(interests).size === interests.length &&
          new Set(primary).size === primary.length &&
          primary.length <= MAX_PRIMARY_INTERESTS &&
          primary.every((id) => interests.includes(id));
        expect(validateInterests({ interests, primary }).length === 0).toBe(ok);
      }),
    );
  });
});
