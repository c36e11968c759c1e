// The in-memory buckets: one per user, bounded.
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../../../actors/userActor/bot/handlers/guard/rateLimiter.js';

const at = (ms: number): Date => new Date(1_780_000_000_000 + ms);

describe('rate limiter', () => {
  it('keeps a bucket per user', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 5; i += 1) expect(limiter.take('1', at(0)).kind).toBe('allow');
    expect(limiter.take('1', at(0)).kind).toBe('notify');
    expect(limiter.take('2', at(0)).kind).toBe('allow');
  });

  it('answers the same update again with its first verdict, taking no token for it', () => {
    const limiter = createRateLimiter();
    for (let update = 1; update <= 4; update += 1) expect(limiter.take('1', at(0), update).kind).toBe('allow');
    // Update 4 delivered four more times (a failure retried): still allowed, and the fifth token is still there.
    for (let retry = 0; retry < 4; retry += 1) expect(limiter.take('1', at(0), 4).kind).toBe('allow');
    expect(limiter.take('1', at(0), 5).kind).toBe('allow');
    expect(limiter.take('1', at(0), 6).kind).toBe('notify');
    // The refused one is refused the same way again (its notice is deduplicated with the update downstream).
    expect(limiter.take('1', at(0), 6).kind).toBe('notify');
    expect(limiter.take('1', at(0), 7).kind).toBe('drop');
    // Only the last few are remembered: once forgotten, update 6 is judged afresh (the bucket has refilled).
    for (let update = 8; update < 20; update += 1) limiter.take('1', at(60_000 * update), update);
    expect(limiter.take('1', at(60_000 * 20), 6).kind).toBe('allow');
  });

  it('stays within maxUsers, sweeping idle buckets first', () => {
    const limiter = createRateLimiter({ maxUsers: 100 });
    for (let i = 0; i < 5; i += 1) limiter.take('busy', at(0));
    for (let user = 0; user < 1_000; user += 1) limiter.take(String(user), at(user * 10_000));
    expect(limiter.size).toBeLessThanOrEqual(100);
  });

  it('evicts the least recently seen when every bucket is busy', () => {
    const limiter = createRateLimiter({ maxUsers: 3 });
    for (const user of ['a', 'b', 'c', 'd']) for (let i = 0; i < 6; i += 1) limiter.take(user, at(0));
    expect(limiter.size).toBe(3);
    // 'a' was evicted: its bucket starts full again.
    expect(limiter.take('a', at(0)).kind).toBe('allow');
    // 'd' is remembered: still over the limit, and already told.
    expect(limiter.take('d', at(0)).kind).toBe('drop');
  });
});
