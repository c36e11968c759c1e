import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  candidateFromState,
  FAIRNESS_MAX_PENDING,
  ineligibility,
  isEligible,
  SCORE_WEIGHTS,
  scoreCandidate,
  topN,
  type CandidateProfile,
} from '../../../domain/matching/index.js';
import { fold } from '../../../domain/user/index.js';
import { activeEvents } from '../support/users.js';
import { anyCandidateArb, candidatesArb, nearlyCompatibleArb, NOW } from './arbitraries.js';

const base: CandidateProfile = {
  id: '11',
  status: 'active',
  profileComplete: true,
  native: ['en'],
  learning: [{ code: 'ru', level: 'B1' }],
  interests: ['music', 'books'],
  primaryInterests: ['music'],
  utcWeekHours: [18, 19, 20, 42, 43],
  styles: ['text', 'video_call'],
  frequency: 'weekly',
  lastActiveAt: NOW.toISOString(),
  pendingIncoming: 0,
  blocked: [],
  declinedBy: {},
  declined: {},
  openTandemPeers: [],
};
const partner: CandidateProfile = { ...base, id: '12', native: ['ru'], learning: [{ code: 'en', level: 'B1' }] };
const part = <C extends string>(score: ReturnType<typeof scoreCandidate>, code: C) => score.parts.find((p) => p.code === code);

describe('eligibility', () => {
  it('matches reciprocal languages with overlapping hours', () => {
    expect(ineligibility(base, partner, NOW)).toEqual([]);
  });

  it.each<[string, Partial<CandidateProfile>, string]>([
    ['same language only one way', { learning: [{ code: 'de', level: 'A1' }] }, 'no_reciprocal_language'],
    ['no common hour', { utcWeekHours: [100, 101] }, 'no_overlap'],
    ['paused', { status: 'paused' }, 'not_active'],
    ['incomplete', { profileComplete: false }, 'not_active'],
    ['blocked by the candidate', { blocked: ['11'] }, 'blocked'],
    ['declined the viewer 10 days ago', { declined: { '11': new Date(NOW.getTime() - 10 * 86_400_000).toISOString() } }, 'declined_recently'],
    ['in an open tandem with the viewer', { openTandemPeers: ['11'] }, 'tandem_open'],
  ])('excludes a candidate %s', (_, change, reason) => {
    expect(ineligibility(base, { ...partner, ...change }, NOW)).toContain(reason);
    expect(ineligibility({ ...partner, ...change }, base, NOW)).toContain(reason);
  });

  it('forgets a decline after 30 days', () => {
    const old = { ...partner, declined: { '11': new Date(NOW.getTime() - 31 * 86_400_000).toISOString() } };
    expect(isEligible(base, old, NOW)).toBe(true);
  });

  it('never matches a user with themself', () => {
    expect(ineligibility(base, base, NOW)).toContain('self');
  });

  it('builds candidates from a user state', () => {
    const me = candidateFromState(fold(activeEvents('1001', { native: 'en', learning: 'ru' })), NOW);
    const you = candidateFromState(fold(activeEvents('2002', { native: 'ru', learning: 'en' })), NOW);
    expect(me && you && isEligible(me, you, NOW)).toBe(true);
  });
});

describe('score', () => {
  it('explains itself with codes and numbers that add up to the total', () => {
    const score = scoreCandidate(base, partner, NOW);
    expect(score.parts.map((p) => p.code)).toEqual(['overlap_hours', 'level_fit', 'shared_interests', 'communication', 'recent_activity', 'fairness']);
    expect(part(score, 'overlap_hours')).toMatchObject({ hours: 5, points: SCORE_WEIGHTS.overlap / 2 });
    expect(part(score, 'level_fit')).toMatchObject({ viewerLearns: 'ru', candidateLearns: 'en', points: SCORE_WEIGHTS.levelFit });
    expect(part(score, 'shared_interests')).toMatchObject({ shared: 2, sharedPrimary: 1 });
    expect(score.total).toBeCloseTo(score.parts.reduce((s, p) => s + p.points, 0), 6);
  });

  it('prefers close levels, shared interests, recent activity', () => {
    const far = scoreCandidate(base, { ...partner, learning: [{ code: 'en', level: 'C2' }] }, NOW);
    expect(far.total).toBeLessThan(scoreCandidate(base, partner, NOW).total);
    const noInterests = scoreCandidate(base, { ...partner, interests: ['art'], primaryInterests: [] }, NOW);
    expect(noInterests.total).toBeLessThan(scoreCandidate(base, partner, NOW).total);
    const idle = scoreCandidate(base, { ...partner, lastActiveAt: new Date(NOW.getTime() - 40 * 86_400_000).toISOString() }, NOW);
    expect(part(idle, 'recent_activity')).toMatchObject({ daysSinceActive: 40, points: 0 });
  });

  it('the fairness term lowers candidates with many pending requests, up to a cap', () => {
    const busy = scoreCandidate(base, { ...partner, pendingIncoming: 2 }, NOW);
    expect(part(busy, 'fairness')).toEqual({ code: 'fairness', pendingRequests: 2, points: -2 * SCORE_WEIGHTS.fairnessPerPending });
    const swamped = scoreCandidate(base, { ...partner, pendingIncoming: 50 }, NOW);
    expect(part(swamped, 'fairness')?.points).toBe(-FAIRNESS_MAX_PENDING * SCORE_WEIGHTS.fairnessPerPending);
  });
});

describe('topN', () => {
  it('orders by score then numeric user id, and cuts at n', () => {
    const twin = (id: string): CandidateProfile => ({ ...partner, id });
    const lower = { ...partner, id: '5', pendingIncoming: 3 };
    const ranked = topN(base, [twin('100'), lower, twin('99'), twin('13')], 3, NOW);
    expect(ranked.map((r) => r.id)).toEqual(['13', '99', '100']);
    expect(topN(base, [lower, twin('13')], 5, NOW).map((r) => r.id)).toEqual(['13', '5']);
  });

  it('rejects duplicate candidate ids', () => {
    expect(() => topN(base, [partner, partner], 3, NOW)).toThrow(TypeError);
  });
});

describe('matching properties', () => {
  it('eligibility is symmetric', () => {
    fc.assert(fc.property(anyCandidateArb, anyCandidateArb, (a, b) => isEligible(a, b, NOW) === isEligible(b, a, NOW)), { numRuns: 2000 });
    fc.assert(fc.property(nearlyCompatibleArb, nearlyCompatibleArb, (a, b) => {
      expect(ineligibility(a, b, NOW)).toEqual(ineligibility(b, a, NOW));
    }), { numRuns: 2000 });
  });

  it('nobody is matched with themself', () => {
    fc.assert(
      fc.property(anyCandidateArb, candidatesArb, (viewer, others) => {
        expect(isEligible(viewer, viewer, NOW)).toBe(false);
        const withSelf = [viewer, ...others.filter((c) => c.id !== viewer.id)];
        expect(topN(viewer, withSelf, 10, NOW).some((r) => r.id === viewer.id)).toBe(false);
      }),
    );
  });

  it('topN is deterministic and ignores the order of the candidates', () => {
    fc.assert(
      fc.property(anyCandidateArb, candidatesArb, fc.nat(10), fc.func(fc.integer()), (viewer, candidates, n, key) => {
        const once = topN(viewer, candidates, n, NOW);
        expect(topN(viewer, candidates, n, NOW)).toEqual(once);
        const shuffled = [...candidates].sort((a, b) => key(a.id) - key(b.id));
        expect(topN(viewer, shuffled, n, NOW)).toEqual(once);
      }),
    );
  });

  it('topN returns only eligible candidates, best first, at most n', () => {
    fc.assert(
      fc.property(anyCandidateArb, candidatesArb, fc.nat(10), (viewer, candidates, n) => {
        const ranked = topN(viewer, candidates, n, NOW);
        expect(ranked.length).toBe(Math.min(n, candidates.filter((c) => isEligible(viewer, c, NOW)).length));
        const byId = new Map(candidates.map((c) => [c.id, c]));
        for (const r of ranked) expect(isEligible(viewer, byId.get(r.id) as CandidateProfile, NOW)).toBe(true);
        for (let i = 1; i < ranked.length; i += 1) expect((ranked[i - 1]?.score.total ?? 0) >= (ranked[i]?.score.total ?? 0)).toBe(true);
      }),
    );
  });

  it('more pending requests never raise a score', () => {
    fc.assert(
      fc.property(anyCandidateArb, anyCandidateArb, fc.nat(5), (viewer, candidate, extra) => {
        const more = { ...candidate, pendingIncoming: candidate.pendingIncoming + extra };
        expect(scoreCandidate(viewer, more, NOW).total).toBeLessThanOrEqual(scoreCandidate(viewer, candidate, NOW).total);
      }),
    );
  });
});
